/**
 * A comparison's attribution as the page shows it: the causes worded by the same helpers as the
 * Markdown report (src/validate/reports/format-why.ts), the differential flamegraph linked from reports/.
 */
import { dirname, relative } from 'node:path';
import type { BaselineComparison } from '../validate/measurement.js';
import { formatMeasure, formatPValue } from '../validate/reports/format.js';
import { causeLocation, namedOf, perText, shareText, signed } from '../validate/reports/format-why.js';
import type { WhyEntry } from './page-data.js';

export function whyEntry(c: BaselineComparison, reportsDir: string, configPath: string): WhyEntry {
  const projectDir = configPath.startsWith('(') ? undefined : dirname(configPath);
  const found = namedOf(c);
  const unit = found?.unit ?? 'ms';
  return {
    causes: (found?.named ?? []).map((cause) => ({
      function: cause.function,
      where: causeLocation(cause, projectDir),
      before: formatMeasure(cause.baseline, unit),
      after: formatMeasure(cause.current, unit),
      delta: signed(cause.delta, unit),
      share: shareText(cause.shareOfRegression),
      p: cause.p === null ? '' : formatPValue(cause.p),
    })),
    ...(found ? { per: perText(found.per) } : {}),
    ...(c.why?.flamegraph ? { flamegraph: relative(reportsDir, c.why.flamegraph) } : {}),
    ...(c.why?.note
      ? { note: c.why.note }
      : found?.named.length === 0
        ? { note: 'nothing changed significantly in the profiled runs' }
        : {}),
  };
}
