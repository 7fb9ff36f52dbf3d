/**
 * Deterministic synthetic memory series with known truth (slope, doubling time), for the classifier's
 * tests and for measuring how long a run must be before its verdict settles. Seeded, so a failing
 * case fails the same way on every machine.
 */
import type { GrowthKind } from '../../src/memory/classify.js';
import type { SeriesPoint } from '../../src/memory/series.js';

/** mulberry32: a tiny, well-distributed 32-bit PRNG (Tommy Ettinger, public domain); returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws from a uniform source (Box–Muller). */
export function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random(); // (0, 1]: log(0) impossible
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

const MB = 1e6;
const KB = 1e3;

/** A series drawn from `shape(t)` plus Gaussian noise of `noiseSd` bytes, every `stepSec` for `durationSec`. */
export function sampleSeries(
  shape: (t: number) => number,
  noiseSd: number,
  durationSec: number,
  seed: number,
  stepSec = 0.1,
): SeriesPoint[] {
  const noise = gaussian(seededRandom(seed));
  const count = Math.round(durationSec / stepSec) + 1;
  return Array.from({ length: count }, (_, i) => {
    const t = i * stepSec;
    return { t, v: shape(t) + noiseSd * noise() };
  });
}

/** A GC sawtooth: `rise` bytes allocated linearly over each `periodSec`, all freed at the period's end. */
export function sawtooth(rise: number, periodSec: number): (t: number) => number {
  return (t) => rise * ((t % periodSec) / periodSec);
}

/** One synthetic case with the verdict and figures the classifier should find. */
export interface SyntheticCase {
  name: string;
  expected: GrowthKind;
  /** True leak rate of the floor, bytes/s, when it grows linearly. */
  slopeBytesPerSec?: number;
  /** True doubling time of the growing part, when it grows exponentially. */
  doublingTimeSec?: number;
  points: SeriesPoint[];
}

/**
 * The cases the issue asks for: `durationSec` (default 30 s) of 100 ms samples on a 50 MB heap,
 * except "too short", which is always 3 points over 1 s.
 */
export function syntheticCases(seed = 1, durationSec = 30): SyntheticCase[] {
  const gc = sawtooth(5 * MB, 2);
  return [
    {
      name: 'flat with noise',
      expected: 'stable',
      points: sampleSeries(() => 50 * MB, 0.5 * MB, durationSec, seed),
    },
    {
      name: 'GC sawtooth on a flat floor',
      expected: 'stable',
      points: sampleSeries((t) => 50 * MB + gc(t), 0.1 * MB, durationSec, seed + 1),
    },
    {
      name: 'warm-up then plateau',
      expected: 'stable',
      points: sampleSeries(
        (t) => 50 * MB + 20 * MB * (1 - Math.exp(-t / 3)),
        0.3 * MB,
        durationSec,
        seed + 2,
      ),
    },
    {
      name: 'slow linear leak',
      expected: 'linear',
      slopeBytesPerSec: 50 * KB,
      points: sampleSeries((t) => 50 * MB + 50 * KB * t, 0.2 * MB, durationSec, seed + 3),
    },
    {
      name: 'linear leak with heavy noise',
      expected: 'linear',
      slopeBytesPerSec: 200 * KB,
      points: sampleSeries((t) => 50 * MB + 200 * KB * t, 2 * MB, durationSec, seed + 4),
    },
    {
      name: 'exponential, doubling every 5 s',
      expected: 'exponential',
      doublingTimeSec: 5,
      points: sampleSeries((t) => 40 * MB + 2 * MB * 2 ** (t / 5), 0.5 * MB, durationSec, seed + 5),
    },
    {
      name: 'too short',
      expected: 'insufficient data',
      points: sampleSeries((t) => 50 * MB + MB * t, 0.1 * MB, 1, seed + 6, 0.5),
    },
    {
      name: 'leak under a GC sawtooth',
      expected: 'linear',
      slopeBytesPerSec: 100 * KB,
      points: sampleSeries((t) => 50 * MB + 100 * KB * t + gc(t), 0.1 * MB, durationSec, seed + 7),
    },
  ];
}
