/**
 * Every threshold of the growth classifier in one options object, each with its default and the
 * reason for it (docs/memory-method.md explains them at length).
 */

/** The classifier's knobs; callers pass a `Partial` and get the defaults for the rest. */
export interface ClassifyOptions {
  /**
   * Fewer points than this: "insufficient data". Below about 20 points the envelope has too few
   * windows for the trend test to reach significance at all.
   * @default 20
   */
  minPoints: number;
  /**
   * A run shorter than this (seconds, first to last point): "insufficient data". A few seconds of
   * start-up allocation look exactly like a leak; nothing shorter can tell them apart.
   * @default 5
   */
  minDurationSec: number;
  /**
   * Share of the run's duration dropped from the start before any trend is fitted: module loading,
   * JIT and cache filling grow memory at first whatever the workload does later.
   * @default 0.2
   */
  warmupFraction: number;
  /**
   * The lower envelope splits the analysed window into about this many time windows and keeps the
   * minimum of each. More windows give the trend test more points but each minimum sees fewer samples.
   * @default 20
   */
  envelopeWindows: number;
  /**
   * Each envelope window spans at least this many sample intervals, so its minimum means something.
   * @default 3
   */
  minPointsPerWindow: number;
  /**
   * Fewer envelope points than this (for example because the GC cycle is long compared with the run):
   * "insufficient data". Mann–Kendall at one-sided alpha 0.01 cannot reject with fewer than 6 points.
   * @default 8
   */
  minEnvelopePoints: number;
  /**
   * When a GC sawtooth is detected, envelope windows are at least this many sawtooth periods long, so
   * every window holds a post-GC floor even when collections come a little late.
   * @default 1.2
   */
  sawtoothWindowFactor: number;
  /**
   * A fall between consecutive samples counts as a GC drop when it exceeds this many robust standard
   * deviations (1.4826 x MAD) of the sample-to-sample differences (and the growth floor below).
   * @default 6
   */
  dropNoiseMultiple: number;
  /**
   * A fall that comes within this many samples of an equally sudden rise is an allocation burst
   * returning, not a GC drop, and does not set the GC cycle (rare bursts would otherwise stretch the
   * envelope windows until too few remain).
   * @default 3
   */
  burstLookback: number;
  /**
   * One-sided significance level of the Mann–Kendall test for an upward trend of the envelope.
   * Strict because a false leak report costs more than a late one.
   * @default 0.01
   */
  alpha: number;
  /**
   * Confidence level of the interval reported around the Theil–Sen slope.
   * @default 0.95
   */
  confidence: number;
  /**
   * Minimum growth over the whole run, as a share of the median envelope level, before a significant
   * trend is called growth: real but negligible drift (caches, fragmentation) is not a leak.
   * @default 0.02
   */
  minRelativeGrowth: number;
  /**
   * Minimum growth over the whole run in bytes, for the same reason, on small heaps where 2% is
   * a few kilobytes.
   * @default 1048576 (1 MiB)
   */
  minAbsoluteGrowthBytes: number;
  /**
   * AICc difference by which a three-parameter model (exponential, plateau) must beat the straight
   * line to be chosen. Burnham and Anderson read 4 to 7 as "considerably less support" for the
   * worse model; 6 made no slow linear leak look exponential over 300 seeded runs (4 did, twice).
   * @default 6
   */
  modelPreferenceMargin: number;
  /**
   * The fitted exponential must multiply its growth rate at least this much across the analysed
   * window to be called exponential; a gentler curve is a line for any practical purpose.
   * @default 2
   */
  minExponentialRateFactor: number;
  /**
   * A plateau (growth then flat) fit only makes the run "stable" when the flat part covers at least
   * this share of the analysed window; a short flat end could be a pause.
   * @default 0.25
   */
  minPlateauFraction: number;
}

/** The defaults, in one place, so the CLI, the docs and the tests agree. */
export const DEFAULT_CLASSIFY_OPTIONS: Readonly<ClassifyOptions> = Object.freeze({
  minPoints: 20,
  minDurationSec: 5,
  warmupFraction: 0.2,
  envelopeWindows: 20,
  minPointsPerWindow: 3,
  minEnvelopePoints: 8,
  sawtoothWindowFactor: 1.2,
  dropNoiseMultiple: 6,
  burstLookback: 3,
  alpha: 0.01,
  confidence: 0.95,
  minRelativeGrowth: 0.02,
  minAbsoluteGrowthBytes: 1024 * 1024,
  modelPreferenceMargin: 6,
  minExponentialRateFactor: 2,
  minPlateauFraction: 0.25,
});

/** Fills in defaults and rejects values that would make the method meaningless, naming the option. */
export function resolveClassifyOptions(partial: Partial<ClassifyOptions> = {}): ClassifyOptions {
  const options: ClassifyOptions = { ...DEFAULT_CLASSIFY_OPTIONS };
  for (const [key, value] of Object.entries(partial) as [keyof ClassifyOptions, number | undefined][]) {
    if (value !== undefined) options[key] = value;
  }
  const check = (key: keyof ClassifyOptions, ok: (v: number) => boolean, what: string): void => {
    const value = options[key];
    if (!Number.isFinite(value) || !ok(value)) {
      throw new RangeError(`memory classifier option ${key} = ${value}: must be ${what}`);
    }
  };
  const openUnit = (v: number): boolean => v > 0 && v < 1;
  check('minPoints', (v) => Number.isInteger(v) && v >= 3, 'an integer >= 3');
  check('minDurationSec', (v) => v >= 0, '>= 0');
  check('warmupFraction', (v) => v >= 0 && v < 1, 'in [0, 1)');
  check('envelopeWindows', (v) => Number.isInteger(v) && v >= 3, 'an integer >= 3');
  check('minPointsPerWindow', (v) => Number.isInteger(v) && v >= 1, 'an integer >= 1');
  check('minEnvelopePoints', (v) => Number.isInteger(v) && v >= 3, 'an integer >= 3');
  check('sawtoothWindowFactor', (v) => v >= 1, '>= 1');
  check('dropNoiseMultiple', (v) => v > 0, '> 0');
  check('burstLookback', (v) => Number.isInteger(v) && v >= 0, 'an integer >= 0');
  check('alpha', openUnit, 'in (0, 1)');
  check('confidence', openUnit, 'in (0, 1)');
  check('minRelativeGrowth', (v) => v >= 0, '>= 0');
  check('minAbsoluteGrowthBytes', (v) => v >= 0, '>= 0');
  check('modelPreferenceMargin', (v) => v >= 0, '>= 0');
  check('minExponentialRateFactor', (v) => v >= 1, '>= 1');
  check('minPlateauFraction', (v) => v > 0 && v <= 1, 'in (0, 1]');
  return options;
}
