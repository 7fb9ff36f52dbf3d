/**
 * The report's "Why it got slower" section: for each attributed comparison, the functions named as
 * causes by self time (with their share of the regression and adjusted p), the first few by total
 * time, the differential flamegraph and this run's profiles; or why nothing was attributed.
 */
import { dirname } from 'node:path';
import { mdCode, mdHref, mdTable, mdText } from '../render/markdown.js';
import { plural } from '../util/words.js';
import { comparisonLabel } from './compare-baseline.js';
import { formatMeasure, formatPct, formatPValue } from './format.js';
import { causeLocation, explainedShare, shareText, signedMs } from './format-why.js';
import type { BaselineComparison, FunctionCause, ValidateResult } from './measurement.js';

/** Functions by total time listed under the table: the callers of a cause come with it, a few suffice. */
const TOTAL_SHOWN = 5;

function causeRows(causes: readonly FunctionCause[], projectDir: string | undefined): string[][] {
  return causes.map((c) => [
    mdCode(c.function),
    mdText(
      causeLocation(c, projectDir) +
        (c.baselineFile ? ` (was ${causeLocation({ file: c.baselineFile }, projectDir)})` : ''),
    ),
    formatMeasure(c.baselineMs, 'ms'),
    formatMeasure(c.currentMs, 'ms'),
    signedMs(c.deltaMs),
    shareText(c.shareOfRegression) || '—',
    c.p === null ? '—' : formatPValue(c.p),
  ]);
}

function comparisonPart(c: BaselineComparison, reportDir: string, projectDir: string | undefined): string[] {
  const { comparison: cmp } = c;
  const heading = `### ${mdText(comparisonLabel(c.id, c.stat))}: ${formatPct(cmp.changePct)} (${formatMeasure(cmp.baseMean, 'ms')} → ${formatMeasure(cmp.nextMean, 'ms')})`;
  const why = c.why ?? {};
  if (!c.attribution) return [heading, '', `Not attributed: ${mdText(why.note ?? 'no profiles')}.`];
  const files = [
    ...(why.flamegraph ? [`[differential flamegraph](${mdHref(reportDir, why.flamegraph)})`] : []),
    ...(why.profiles ? [`this run's profiles: ${mdCode(why.profiles)}`] : []),
  ];
  const profiled =
    why.baselineRunMs === undefined || why.currentRunMs === undefined
      ? ''
      : ` They took ${formatMeasure(why.baselineRunMs, 'ms')} and ${formatMeasure(why.currentRunMs, 'ms')} per run ` +
        `(${signedMs(why.currentRunMs - why.baselineRunMs)}; the timed runs ${signedMs(cmp.nextMean - cmp.baseMean)}): ` +
        'shares are of the profiled change.';
  const lines = [
    heading,
    '',
    `Profiled runs: ${why.baselineRuns ?? 0} of the baseline against ${why.currentRuns ?? 0} of this run, ` +
      "separate from the timed runs; times are wall time per run, p-values Welch's across the runs, adjusted for the number of functions tested (Benjamini–Hochberg)." +
      profiled +
      (files.length > 0 ? ` ${files.join('; ')}.` : ''),
    '',
  ];
  if (c.attribution.length === 0) {
    lines.push(
      `No function changed significantly${why.note ? ` (${mdText(why.note)})` : ''}: the change is spread thinner than ` +
        `${plural(why.currentRuns ?? 0, 'profiled run')} a side can tell apart, or lies outside the sampled code (start-up, waiting on I/O).`,
    );
    return lines;
  }
  lines.push(
    ...mdTable(
      ['function', 'where', 'baseline', 'this run', 'change per run', 'of the regression', 'p'],
      causeRows(c.attribution, projectDir),
    ),
  );
  const share = explainedShare(c.attribution);
  if (share !== null && why.baselineRunMs !== undefined && why.currentRunMs !== undefined) {
    lines.push(
      '',
      `The ${plural(c.attribution.length, 'function')} named account for ${shareText(share)} of the profiled ${signedMs(why.currentRunMs - why.baselineRunMs)} per run.`,
    );
  }
  // Node's own frames above the program (module loading, the entry point) hold every change: left out.
  const byTotal = (why.byTotal ?? []).filter((t) => !t.file?.startsWith('node:')).slice(0, TOTAL_SHOWN);
  if (byTotal.length > 0) {
    lines.push(
      '',
      'By total time (the function and what it calls): ' +
        byTotal.map((t) => `${mdCode(t.function)} ${signedMs(t.deltaMs)}`).join(', ') +
        '.',
    );
  }
  return lines;
}

/** The section, or nothing when no comparison was attributed or noted. */
export function whySection(result: ValidateResult, reportDir: string): string[] {
  const explained = (result.baseline?.comparisons ?? []).filter((c) => c.attribution || c.why);
  if (explained.length === 0) return [];
  const projectDir = result.config.startsWith('(') ? undefined : dirname(result.config);
  return [
    '## Why it got slower',
    '',
    ...explained.flatMap((c) => [...comparisonPart(c, reportDir, projectDir), '']),
  ].slice(0, -1);
}
