/**
 * The memory-growth verdict of one run: stable, linear or exponential growth, or insufficient data.
 *
 * Hand-written because no maintained npm package classifies memory growth (leak detectors such as
 * memwatch-next are unmaintained and use a fixed "grew over five GCs" rule). The method, its
 * thresholds and its limits are in docs/memory-method.md; in short:
 *   1. too few points or too short a run: insufficient data;
 *   2. drop the warm-up, take the lower envelope (post-GC floor) in windows spanning whole GC cycles;
 *   3. Mann–Kendall test for an upward trend of the envelope, Theil–Sen slope with Sen's interval;
 *   4. no significant trend, or growth over the run below max(2% of level, 1 MiB): stable;
 *   5. else linear, unless an exponential or a plateau (growth then flat) fits clearly better by AICc.
 */

import { formatBytes } from '../util/bytes.js';
import { plural } from '../util/words.js';
import { lowerEnvelope } from './envelope.js';
import { fitConstant, fitExponential, fitLinear, fitPlateau, type ModelFit } from './fit.js';
import { type ClassifyOptions, resolveClassifyOptions } from './options.js';
import type { SeriesPoint } from './series.js';
import { mannKendall, median, normalQuantile, theilSen } from './trend.js';

/** The four outcomes; "insufficient data" is a verdict, not an error, so reports keep every run. */
export type GrowthKind = 'stable' | 'linear' | 'exponential' | 'insufficient data';

/** The figures behind a verdict, for reports and charts (the envelope can be drawn over the series). */
export interface GrowthEvidence {
  /** Points before this time (seconds) were dropped as warm-up. */
  analysedFromSec: number;
  windowSec: number;
  sawtoothPeriodSec?: number;
  /** The post-GC floor the trend was fitted to. */
  envelope: SeriesPoint[];
  mannKendallZ: number;
  /** One-sided critical value of Z at `alpha`; growth needs Z above it. */
  criticalZ: number;
  /** Theil–Sen slope times the whole run's duration, bytes. */
  growthOverRunBytes: number;
  /** max(minRelativeGrowth x median envelope level, minAbsoluteGrowthBytes). */
  growthThresholdBytes: number;
}

/** What `profile memory` reports for one metric of one run. */
export interface GrowthVerdict {
  verdict: GrowthKind;
  /** Largest value, bytes (all points, warm-up included). */
  peak: number;
  /** Mean of all points, bytes. */
  average: number;
  /** Last point's value, bytes. */
  final: number;
  /** Theil–Sen slope of the post-GC floor (after the plateau, for a run that levelled off), bytes/s. */
  slopeBytesPerSec: number;
  /** Sen's interval for that slope at `confidence`. */
  ciBytesPerSec?: [number, number];
  /** For exponential growth: time for the growing part (above the fitted baseline) to double. */
  doublingTimeSec?: number;
  /** Growth per reported iteration; set by `classifySamples` when the workload reports iterations. */
  slopeBytesPerIteration?: number;
  /** Growth per 1,000 responses of the built-in load; set by `classifySamples` for a server under load. */
  slopeBytesPer1kRequests?: number;
  /** Every model fitted to the envelope, whether chosen or not. */
  models: ModelFit[];
  /** One sentence saying why, with the numbers. */
  reason: string;
  evidence?: GrowthEvidence;
}

const rate = (bytesPerSec: number): string => `${formatBytes(bytesPerSec)}/s`;

function summary(points: readonly SeriesPoint[]): Pick<GrowthVerdict, 'peak' | 'average' | 'final'> {
  if (points.length === 0) return { peak: Number.NaN, average: Number.NaN, final: Number.NaN };
  let peak = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const p of points) {
    peak = Math.max(peak, p.v);
    sum += p.v;
  }
  return { peak, average: sum / points.length, final: (points[points.length - 1] as SeriesPoint).v };
}

function insufficient(points: readonly SeriesPoint[], reason: string): GrowthVerdict {
  const first = points[0];
  const last = points[points.length - 1];
  const slope = first && last && last.t > first.t ? (last.v - first.v) / (last.t - first.t) : 0;
  return { verdict: 'insufficient data', ...summary(points), slopeBytesPerSec: slope, models: [], reason };
}

/** The lower AICc of two candidate fits (either may be missing). */
function better(a: ModelFit | null, b: ModelFit | null): ModelFit | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.aicc < a.aicc ? b : a;
}

/**
 * Classifies the growth of one series (`t` seconds, `v` bytes; any order, non-finite points ignored).
 * Pure and deterministic; throws only for invalid options.
 */
export function classifyGrowth(
  input: readonly SeriesPoint[],
  opts: Partial<ClassifyOptions> = {},
): GrowthVerdict {
  const options = resolveClassifyOptions(opts);
  const points = input.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.v)).sort((a, b) => a.t - b.t);
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return insufficient(points, 'No samples were recorded.');
  const duration = last.t - first.t;
  if (points.length < options.minPoints || duration < options.minDurationSec) {
    return insufficient(
      points,
      `Only ${plural(points.length, 'sample')} over ${duration.toFixed(1)} s; at least ${plural(options.minPoints, 'sample')} ` +
        `over ${options.minDurationSec} s are needed to tell growth from start-up.`,
    );
  }

  const analysedFromSec = first.t + options.warmupFraction * duration;
  const analysed = points.filter((p) => p.t >= analysedFromSec);
  const level = median(analysed.map((p) => p.v));
  const growthThresholdBytes = Math.max(
    options.minRelativeGrowth * Math.abs(level),
    options.minAbsoluteGrowthBytes,
  );
  const envelope = lowerEnvelope(analysed, options, growthThresholdBytes);
  const floor = envelope.points;
  if (floor.length < options.minEnvelopePoints) {
    const cycle =
      envelope.sawtoothPeriodSec === undefined
        ? ''
        : ` (GC cycle about ${envelope.sawtoothPeriodSec.toFixed(1)} s)`;
    return insufficient(
      points,
      `Only ${floor.length} post-GC floor windows of ${envelope.windowSec.toFixed(1)} s fit after warm-up${cycle}; ` +
        `at least ${options.minEnvelopePoints} are needed: run longer.`,
    );
  }

  const mk = mannKendall(floor.map((p) => p.v));
  const sen = theilSen(floor, mk.varS, options.confidence);
  const criticalZ = normalQuantile(1 - options.alpha);
  const growthOverRunBytes = sen.slope * duration;
  const linear = fitLinear(floor);
  const exponential = fitExponential(floor);
  const plateau = fitPlateau(floor);
  const models = [fitConstant(floor), linear, exponential, plateau].filter((m): m is ModelFit => m !== null);
  const evidence: GrowthEvidence = {
    analysedFromSec,
    windowSec: envelope.windowSec,
    envelope: floor,
    mannKendallZ: mk.z,
    criticalZ,
    growthOverRunBytes,
    growthThresholdBytes,
  };
  if (envelope.sawtoothPeriodSec !== undefined) evidence.sawtoothPeriodSec = envelope.sawtoothPeriodSec;
  const base = {
    ...summary(points),
    slopeBytesPerSec: sen.slope,
    ciBytesPerSec: sen.ci,
    models,
    evidence,
  };
  const trend = `Mann–Kendall Z = ${mk.z.toFixed(2)}, critical ${criticalZ.toFixed(2)}`;

  if (mk.z <= criticalZ || sen.slope <= 0) {
    return {
      verdict: 'stable',
      ...base,
      reason: `The post-GC floor has no significant upward trend: ${trend}, slope ${rate(sen.slope)}.`,
    };
  }
  const span = (floor[floor.length - 1] as SeriesPoint).t - (floor[0] as SeriesPoint).t;
  const margin = options.modelPreferenceMargin;
  const expOk =
    exponential !== null &&
    exponential.aicc + margin < linear.aicc &&
    Math.exp((exponential.params.ratePerSec as number) * span) >= options.minExponentialRateFactor;
  const plateauAt = plateau?.params.plateauAtSec as number;
  const flatPart = plateau === null ? 0 : (floor[floor.length - 1] as SeriesPoint).t - plateauAt;
  const plateauOk =
    plateau !== null &&
    plateau.aicc + margin < linear.aicc &&
    (plateau.params.slopeBytesPerSec as number) > 0 &&
    flatPart >= options.minPlateauFraction * span;
  const winner = better(expOk ? exponential : null, plateauOk ? plateau : null);

  if (winner?.name === 'plateau') {
    const after = floor.filter((p) => p.t >= plateauAt);
    const afterMk = mannKendall(after.map((p) => p.v));
    const afterSen = theilSen(after, afterMk.varS, options.confidence);
    // A floor still rising significantly and materially after the break is slowing growth, not a plateau.
    const stillGrowing = afterMk.z > criticalZ && afterSen.slope * duration >= growthThresholdBytes;
    if (!stillGrowing)
      return {
        verdict: 'stable',
        ...base,
        slopeBytesPerSec: afterSen.slope,
        ciBytesPerSec: afterSen.ci,
        reason:
          `The post-GC floor grew until ${plateauAt.toFixed(1)} s then levelled off: the plateau model beats a ` +
          `straight line by ΔAICc ${(linear.aicc - winner.aicc).toFixed(1)}, slope since ${rate(afterSen.slope)}.`,
      };
  }
  if (growthOverRunBytes < growthThresholdBytes) {
    return {
      verdict: 'stable',
      ...base,
      reason:
        `The post-GC floor rises (${trend}) but only ${formatBytes(growthOverRunBytes)} over ` +
        `${duration.toFixed(1)} s at ${rate(sen.slope)}, below the ${formatBytes(growthThresholdBytes)} threshold.`,
    };
  }

  if (winner?.name === 'exponential') {
    const doublingTimeSec = winner.params.doublingTimeSec as number;
    return {
      verdict: 'exponential',
      ...base,
      doublingTimeSec,
      reason:
        `The post-GC floor grows exponentially, doubling (above ${formatBytes(winner.params.baselineBytes as number)}) ` +
        `every ${doublingTimeSec.toFixed(1)} s: the exponential beats a straight line by ΔAICc ` +
        `${(linear.aicc - winner.aicc).toFixed(1)} (R² ${winner.r2.toFixed(3)} vs ${linear.r2.toFixed(3)}), ${trend}.`,
    };
  }
  return {
    verdict: 'linear',
    ...base,
    reason:
      `The post-GC floor grows steadily at ${rate(sen.slope)} (${Math.round(options.confidence * 100)}% interval ${rate(sen.ci[0])} to ` +
      `${rate(sen.ci[1])}), ${formatBytes(growthOverRunBytes)} over ${duration.toFixed(1)} s, ${trend}, ` +
      `linear R² ${linear.r2.toFixed(3)}.`,
  };
}
