/**
 * The baseline section of the validate report: each comparison's means, change with its interval,
 * p-value and verdict (regressions past the gate marked), then every id that was not compared and why.
 */
import { mdCode, mdTable, mdText } from '../../render/markdown.js';
import { formatUtc } from '../../util/words.js';
import { comparisonLabel, skippedComparisons } from '../baseline/compare-baseline.js';
import type { Measurement, ValidateResult } from '../measurement.js';
import { formatMeasure, formatPct, formatPValue } from './format.js';

/** The `## Baseline comparison` lines: one row per comparison, then what was not compared and why. */
export function baselineSection(
  result: ValidateResult,
  byId: Map<string, Measurement>,
  failOnRegressionPct: number | undefined,
): string[] {
  const b = result.baseline;
  if (!b) return ['## Baseline comparison', '', 'No baseline was compared.'];
  const gate = failOnRegressionPct === undefined ? 'the gate' : `the ${failOnRegressionPct}% gate`;
  const rows = b.comparisons.map(({ id, stat, comparison: c, gateFailed }) => {
    const m = byId.get(id);
    const value = (v: number) => (m ? formatMeasure(v, m.unit) : v.toPrecision(3));
    const verdict =
      c.verdict === 'regressed' ? `**regressed**${gateFailed ? `, past ${gate}` : ''}` : c.verdict;
    // The change is always this run against the baseline; where higher is better, say so.
    const change = `${formatPct(c.changePct)}${c.better === 'higher' ? ' (higher is better)' : ''}`;
    return [
      mdText(comparisonLabel(id, stat)),
      value(c.baseMean),
      value(c.nextMean),
      change,
      `${formatPct(c.ciPct[0])} to ${formatPct(c.ciPct[1])}`,
      formatPValue(c.pValue),
      verdict,
    ];
  });
  const skipped = new Map(skippedComparisons(b).map((s) => [s.id, s.reason]));
  const notCompared = b.missing.map((id) => {
    const why =
      skipped.get(id) ?? (byId.has(id) ? 'not in the baseline' : 'in the baseline, not measured in this run');
    return `- ${mdText(id)}: ${mdText(why)}`;
  });
  return [
    '## Baseline comparison',
    '',
    `Against baseline ${mdCode(b.name)}, saved ${formatUtc(new Date(b.savedAt))}. Means of each side; the change's interval and p-value are Welch's.` +
      (b.comparisons.some((c) => c.stat)
        ? " A server's latency is compared twice, on each run's p50 and on each run's p99."
        : ''),
    '',
    ...(rows.length > 0
      ? mdTable(
          ['measurement', 'baseline mean', 'this run', 'change', '95% CI of change', 'p-value', 'verdict'],
          rows,
        )
      : ['No measurement could be compared.']),
    ...(notCompared.length > 0 ? ['', 'Not compared:', '', ...notCompared] : []),
  ];
}
