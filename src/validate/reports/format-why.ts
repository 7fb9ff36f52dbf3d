/**
 * How an attributed cause reads, in the Markdown report, the terminal summary and the HTML page
 * alike: "`applyFilter` (app.js:19) +219 ms per run, 87% of the +252 ms". Functions named for a time
 * (ms) and allocation sites named for peak RSS (MB) read the same way through one view, `Named`.
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionChange } from '../../attribution/index.js';
import type { BaselineComparison, FunctionCause, RegressionWhy, Unit } from '../measurement.js';
import { formatMeasure } from './format.js';

/** A named function or allocation site, in its unit: attribution's own row, without its verdict. */
export type Named = Omit<FunctionChange, 'verdict'>;

/** What a comparison names and in which unit, or undefined when it was not attributed. */
export function namedOf(
  c: BaselineComparison,
): { unit: 'ms' | 'MB'; per: NonNullable<RegressionWhy['per']>; named: Named[] } | undefined {
  const place = (x: FunctionCause | NonNullable<BaselineComparison['allocationSites']>[number]) => ({
    function: x.function,
    ...(x.file === undefined ? {} : { file: x.file }),
    ...(x.line === undefined ? {} : { line: x.line }),
    ...(x.baselineFile === undefined ? {} : { baselineFile: x.baselineFile }),
    shareOfRegression: x.shareOfRegression,
    p: x.p,
  });
  if (c.attribution) {
    return {
      unit: 'ms',
      per: c.why?.per ?? 'run',
      named: c.attribution.map((x) => ({
        ...place(x),
        baseline: x.baselineMs,
        current: x.currentMs,
        delta: x.deltaMs,
      })),
    };
  }
  if (c.allocationSites) {
    return {
      unit: 'MB',
      per: 'run end',
      named: c.allocationSites.map((x) => ({
        ...place(x),
        baseline: x.baselineMB,
        current: x.currentMB,
        delta: x.deltaMB,
      })),
    };
  }
  return undefined;
}

/** A cause's file and line, relative to the project when inside it. */
export function causeLocation(cause: Pick<Named, 'file' | 'line'>, projectDir?: string): string {
  if (!cause.file) return '';
  let file = cause.file;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  if (projectDir && isAbsolute(file)) {
    const rel = relative(projectDir, file);
    if (!rel.startsWith('..') && !isAbsolute(rel)) file = rel;
  }
  return cause.line === undefined ? file : `${file}:${cause.line}`;
}

/** `+219 ms`, `+3.2 MB`, `-120 req/s` */
export const signed = (value: number, unit: Unit): string =>
  `${value < 0 ? '-' : '+'}${formatMeasure(Math.abs(value), unit)}`;

/** `87%`, or '' where the share is not known. */
export function shareText(share: number | null): string {
  return share === null ? '' : `${Math.round(share * 100)}%`;
}

/** What the figures are per, in words: `per run`, `per 1,000 requests`, `in use at the end of a run`. */
export function perText(per: NonNullable<RegressionWhy['per']>): string {
  return per === 'run end' ? 'in use at the end of a run' : `per ${per}`;
}

/** One line: `applyFilter +219 ms per run (87%)`. */
export function causeShort(cause: Named, unit: 'ms' | 'MB', per: NonNullable<RegressionWhy['per']>): string {
  const share = shareText(cause.shareOfRegression);
  return `${cause.function} ${signed(cause.delta, unit)} ${perText(per)}${share ? ` (${share})` : ''}`;
}

/** The share of a regression the named account for, summed, or null when unknown. */
export function explainedShare(named: readonly Named[]): number | null {
  if (named.length === 0 || named.some((c) => c.shareOfRegression === null)) return null;
  return named.reduce((sum, c) => sum + (c.shareOfRegression as number), 0);
}
