/**
 * The report's "Why it got slower" section: for each attributed comparison, the functions (for a
 * time) or allocation sites (for peak RSS) named as causes, with their share of the profiled change
 * and adjusted p, the first few callers by total time, the differential flamegraph and this run's
 * profiles; or why nothing was attributed.
 */
import { dirname } from 'node:path';
import { mdCode, mdHref, mdTable, mdText } from '../../render/markdown.js';
import { plural } from '../../util/words.js';
import { comparisonLabel } from '../baseline/compare-baseline.js';
import type { BaselineComparison, Measurement, ValidateResult } from '../measurement.js';
import { formatMeasure, formatPct, formatPValue } from './format.js';
import {
  causeLocation,
  explainedShare,
  type Named,
  namedOf,
  perText,
  shareText,
  signed,
} from './format-why.js';

/** Functions by total time listed under the table: the callers of a cause come with it, a few suffice. */
const TOTAL_SHOWN = 5;

function rows(named: readonly Named[], unit: 'ms' | 'MB', projectDir: string | undefined): string[][] {
  return named.map((c) => [
    mdCode(c.function),
    mdText(
      causeLocation(c, projectDir) +
        (c.baselineFile ? ` (was ${causeLocation({ file: c.baselineFile }, projectDir)})` : ''),
    ),
    formatMeasure(c.baseline, unit),
    formatMeasure(c.current, unit),
    signed(c.delta, unit),
    shareText(c.shareOfRegression) || '—',
    c.p === null ? '—' : formatPValue(c.p),
  ]);
}

function comparisonPart(
  c: BaselineComparison,
  m: Measurement | undefined,
  reportDir: string,
  projectDir: string | undefined,
): string[] {
  const { comparison: cmp } = c;
  const unitOfMeasure = m?.unit ?? 'ms';
  const heading = `### ${mdText(comparisonLabel(c.id, c.stat))}: ${formatPct(cmp.changePct)} (${formatMeasure(cmp.baseMean, unitOfMeasure)} → ${formatMeasure(cmp.nextMean, unitOfMeasure)})`;
  const why = c.why ?? {};
  const found = namedOf(c);
  if (!found) return [heading, '', `Not attributed: ${mdText(why.note ?? 'no profiles')}.`];
  const { unit, per, named } = found;
  const kind = unit === 'ms' ? 'CPU-profiled' : 'heap-profiled';
  const files = [
    ...(why.flamegraph ? [`[differential flamegraph](${mdHref(reportDir, why.flamegraph)})`] : []),
    ...(why.profiles ? [`this run's profiles: ${mdCode(why.profiles)}`] : []),
  ];
  const totals =
    why.baselineTotal === undefined || why.currentTotal === undefined
      ? ''
      : ` They ${unit === 'ms' ? 'took' : 'held'} ${formatMeasure(why.baselineTotal, unit)} and ${formatMeasure(why.currentTotal, unit)} ${perText(per)} ` +
        `(${signed(why.currentTotal - why.baselineTotal, unit)}; the measured ${signed(cmp.nextMean - cmp.baseMean, unitOfMeasure)}): ` +
        'shares are of the profiled change.';
  const lines = [
    heading,
    '',
    `${kind} runs: ${why.baselineRuns ?? 0} of the baseline against ${why.currentRuns ?? 0} of this run, ` +
      `separate from the timed runs; figures are ${unit === 'ms' ? `wall time ${perText(per)}` : 'bytes in use at the end of a run'}, ` +
      "p-values Welch's across the runs, adjusted for the number of functions tested (Benjamini–Hochberg)." +
      totals +
      (files.length > 0 ? ` ${files.join('; ')}.` : ''),
    '',
  ];
  if (named.length === 0) {
    lines.push(
      `Nothing changed significantly${why.note ? ` (${mdText(why.note)})` : ''}: the change is spread thinner than ` +
        `${plural(why.currentRuns ?? 0, 'profiled run')} a side can tell apart, or lies outside what the profiles sample (start-up, waiting on I/O, memory outside the V8 heap).`,
    );
    return lines;
  }
  lines.push(
    ...mdTable(
      [
        unit === 'ms' ? 'function' : 'allocated in',
        'where',
        'baseline',
        'this run',
        `change ${perText(per)}`,
        'of the change',
        'p',
      ],
      rows(named, unit, projectDir),
    ),
  );
  const share = explainedShare(named);
  if (share !== null && why.baselineTotal !== undefined && why.currentTotal !== undefined) {
    lines.push(
      '',
      `The ${plural(named.length, unit === 'ms' ? 'function' : 'site')} named account for ${shareText(share)} of the profiled ${signed(why.currentTotal - why.baselineTotal, unit)}.`,
    );
  }
  // Node's own frames above the program (module loading, the entry point) hold every change: left out.
  const byTotal = (why.byTotal ?? []).filter((t) => !t.file?.startsWith('node:')).slice(0, TOTAL_SHOWN);
  if (byTotal.length > 0) {
    lines.push(
      '',
      'By total time (the function and what it calls): ' +
        byTotal.map((t) => `${mdCode(t.function)} ${signed(t.deltaMs, 'ms')}`).join(', ') +
        '.',
    );
  }
  return lines;
}

/** The section, or nothing when no comparison was attributed or noted. */
export function whySection(result: ValidateResult, reportDir: string): string[] {
  const explained = (result.baseline?.comparisons ?? []).filter((c) => namedOf(c) || c.why);
  if (explained.length === 0) return [];
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  const projectDir = result.config.startsWith('(') ? undefined : dirname(result.config);
  return [
    '## Why it got slower',
    '',
    ...explained.flatMap((c) => [...comparisonPart(c, byId.get(c.id), reportDir, projectDir), '']),
  ].slice(0, -1);
}
