/**
 * The regression gate of `profile validate`: this run against a saved baseline, measurement by
 * measurement (`--baseline NAME`, `--fail-on-regression 10%`), and the exit-code rule of the whole run.
 * The statistics (Welch t-test, noise band, criterion's verdicts) live in src/stats/compare.ts; this
 * file only pairs measurements by id, says which could not be compared and why, and applies the gate.
 *
 * Which way is better comes from the unit (measurement.ts `betterOf`): requests per second are
 * better higher, so a drop in rps is the regression. A server's pooled latency is compared twice,
 * on its runs' p50 (`samples`) and on its runs' p99 (`p99Samples`): its summary is of every request,
 * and the requests of one run are not independent samples for a t-test, while its runs are.
 */
import {
  type CompareOptions,
  compareSamples,
  isRegressionBeyond,
  MIN_RUNS_TO_COMPARE,
} from '../../stats/index.js';
import { UserError } from '../../util/user-error.js';
import { plural } from '../../util/words.js';
import {
  type BaselineComparison,
  betterOf,
  type Measurement,
  type SkippedComparison,
  type ValidateResult,
} from '../measurement.js';
import type { Baseline, BaselineMeasurement } from './baseline.js';

/** What compareToBaseline returns: the `baseline` section of ValidateResult. */
export type BaselineSection = NonNullable<ValidateResult['baseline']>;

/** Options of compareToBaseline; the CLI maps `--fail-on-regression` and the noise flag onto these. */
export interface BaselineCompareOptions {
  /** Regression in % past which gateFailed is set (10 = 10%); no gate when undefined. */
  failOnRegressionPct?: number | undefined;
  /** Half-width of the noise band as a fraction. @default 0.02 (src/stats/compare.ts) */
  noiseThreshold?: number | undefined;
  /** Confidence level of the test and interval. @default 0.95 */
  confidence?: number | undefined;
}

/**
 * The gate looks at what a user waits for (wall time, a server's rps and latency, probe phases,
 * benchmark calls, journeys, sweep points), not at the secondary figures of a command run: user and sys time are counted in 10 ms
 * ticks and peak RSS has its own targets, and gating on every secondary figure would multiply the
 * chance that noise alone fails a CI run. Their comparisons are still reported.
 */
const GATED = (metric: string): boolean => !['user', 'sys', 'peakRss'].includes(metric);

/** How a comparison is named in reports: its id, and for a latency which per-run percentile. */
export function comparisonLabel(id: string, stat?: string | undefined): string {
  return stat ? `${id} ${stat}` : id;
}

/** The per-run series compared for a measurement: its samples, or a pooled latency's p50 and p99. */
function series(
  m: Pick<Measurement, 'samples' | 'pooled'> | BaselineMeasurement,
): { stat?: 'p50' | 'p99'; samples: number[] }[] {
  const p99 = 'pooled' in m ? m.pooled?.p99Samples : 'p99Samples' in m ? m.p99Samples : undefined;
  if (!p99) return [{ samples: m.samples }];
  return [
    { stat: 'p50', samples: m.samples },
    { stat: 'p99', samples: p99 },
  ];
}

/**
 * Compares every measurement of `result` with the baseline's measurement of the same id. `missing`
 * lists, sorted, the ids on one side only and the skipped ones (so every id not in `comparisons` is
 * named); `skipped` says why each comparable-looking id was not compared.
 */
export function compareToBaseline(
  result: ValidateResult,
  baseline: Baseline,
  options: BaselineCompareOptions = {},
): BaselineSection {
  const compareOptions: CompareOptions = {};
  if (options.noiseThreshold !== undefined) compareOptions.noiseThreshold = options.noiseThreshold;
  if (options.confidence !== undefined) compareOptions.confidence = options.confidence;
  const gate = options.failOnRegressionPct;

  const comparisons: BaselineComparison[] = [];
  const skipped: SkippedComparison[] = [];
  const missing = new Set<string>();
  const seen = new Set<string>();
  for (const m of result.measurements) {
    seen.add(m.id);
    const base = baseline.measurements[m.id];
    if (!base) {
      missing.add(m.id);
      continue;
    }
    const skip = (reason: string) => {
      skipped.push({ id: m.id, reason });
      missing.add(m.id);
    };
    if (base.unit !== m.unit) {
      skip(`the unit changed from ${base.unit} to ${m.unit}: save a new baseline`);
      continue;
    }
    if (base.samples.length < MIN_RUNS_TO_COMPARE || m.samples.length < MIN_RUNS_TO_COMPARE) {
      skip(
        `the baseline has ${plural(base.samples.length, 'run')} and this run ${plural(m.samples.length, 'run')}; ` +
          `a comparison needs at least ${MIN_RUNS_TO_COMPARE} on each side`,
      );
      continue;
    }
    const baseSeries = series(base);
    const next = series(m).map((s) => ({ ...s, base: baseSeries.find((b) => b.stat === s.stat)?.samples }));
    const found: BaselineComparison[] = [];
    const reasons: string[] = [];
    for (const { stat, samples, base: baseSamples } of next) {
      if (!baseSamples || baseSamples.length < MIN_RUNS_TO_COMPARE) continue;
      try {
        const comparison = compareSamples(baseSamples, samples, {
          ...compareOptions,
          better: betterOf(m.unit),
        });
        found.push({
          id: m.id,
          ...(stat ? { stat } : {}),
          comparison,
          gateFailed: gate !== undefined && GATED(m.metric) && isRegressionBeyond(comparison, gate),
        });
      } catch (error) {
        // compareSamples rejects a non-positive baseline mean (no change in % exists); options were
        // checked by then, so anything here is about this measurement's data.
        if (!(error instanceof RangeError)) throw error;
        reasons.push(stat ? `${stat}: ${error.message}` : error.message);
      }
    }
    if (found.length === 0) {
      skip(reasons.join('; ') || 'the baseline has no per-run values of the same kind: save a new baseline');
      continue;
    }
    comparisons.push(...found);
  }
  for (const id of Object.keys(baseline.measurements)) {
    if (!seen.has(id)) missing.add(id);
  }
  return {
    name: baseline.name,
    savedAt: baseline.savedAt,
    comparisons,
    missing: [...missing].sort(),
    skipped,
  };
}

/**
 * Parses `--fail-on-regression`: "10%" or "10" both mean a regression of more than 10% fails the run
 * (the original suite's "110% of the baseline" alert is "10%" here). Fractions like "2.5%" are fine.
 */
export function parseRegressionThreshold(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%?\s*$/.exec(value);
  const pct = match ? Number(match[1]) : Number.NaN;
  if (!Number.isFinite(pct)) {
    throw new UserError(
      `--fail-on-regression "${value}" is not a percentage: write it like 10% or 10 ` +
        '(fail when a measurement regresses by more than 10%)',
    );
  }
  return pct;
}

/**
 * Why a `profile validate` run fails, one phrase per cause (empty when it passes): targets that
 * failed, measurements with failed runs (or no samples to check), comparisons past the regression
 * gate. Warnings are no cause. `failOnRegressionPct` only words the gate ("the 10% gate").
 */
export function failureReasons(
  result: Pick<ValidateResult, 'measurements' | 'baseline'>,
  failOnRegressionPct?: number,
): string[] {
  const targets = result.measurements.flatMap((m) => m.targets);
  const failedTargets = targets.filter((t) => t.verdict === 'fail').length;
  const failedRuns = result.measurements.filter((m) => m.failures.length > 0).length;
  const pastGate = result.baseline?.comparisons.filter((c) => c.gateFailed).length ?? 0;
  const gate = failOnRegressionPct === undefined ? 'the gate' : `the ${failOnRegressionPct}% gate`;
  const reasons: string[] = [];
  if (failedTargets > 0) reasons.push(`${failedTargets} of ${plural(targets.length, 'target')} failed`);
  if (failedRuns > 0) reasons.push(`${plural(failedRuns, 'measurement')} had failed runs`);
  if (pastGate > 0) reasons.push(`${plural(pastGate, 'regression')} past ${gate}`);
  return reasons;
}

/**
 * The exit code of a `profile validate` run: 1 when a target failed, a measurement had failed runs
 * (or no samples to check), or a comparison regressed past the gate; otherwise 0. Warnings never fail
 * the run. (2, a usage or config error, is the CLI's, before any result exists.)
 */
export function validateExitCode(result: Pick<ValidateResult, 'measurements' | 'baseline'>): 0 | 1 {
  return failureReasons(result).length > 0 ? 1 : 0;
}

/** The `skipped` list of a baseline section; none without a baseline. */
export function skippedComparisons(section: ValidateResult['baseline']): SkippedComparison[] {
  return section?.skipped ?? [];
}
