/**
 * Why a server's run fails although its process ended well: its load got connection errors,
 * timeouts or non-2xx responses, so a broken server does not pass on fast 404s. Kept apart from
 * measure-load.ts, which loads the latency histogram library, since every run's failures are read.
 */
import type { LoadResult } from '../../load/drive-server.js';
import { groupThousands } from '../../model/format-value.js';

/**
 * Why a run's load counts as failed, in a phrase, or undefined when every request got a 2xx
 * response: connection errors and timeouts, and non-2xx responses with their status codes.
 */
export function loadProblem(load: LoadResult | undefined): string | undefined {
  if (load?.kind !== 'http' || (load.errors === 0 && load.non2xx === 0)) return undefined;
  const parts: string[] = [];
  if (load.errors > 0) {
    const timeouts = load.timeouts > 0 ? `, ${groupThousands(load.timeouts)} of them timeouts` : '';
    const first = load.firstError ? ` (first: ${load.firstError})` : '';
    parts.push(`${groupThousands(load.errors)} ${load.errors === 1 ? 'error' : 'errors'}${timeouts}${first}`);
  }
  if (load.non2xx > 0) {
    const codes = Object.entries(load.statusCodes)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, count]) => `${groupThousands(count)} × ${code}`)
      .join(', ');
    parts.push(`${groupThousands(load.non2xx)} non-2xx responses${codes ? ` (${codes})` : ''}`);
  }
  return `its load got ${parts.join(' and ')} in ${groupThousands(load.requests)} responses; every request must get a 2xx response`;
}
