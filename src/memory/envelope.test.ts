import { describe, expect, it } from 'vitest';
import { sampleSeries, sawtooth } from '../../test/support/synthetic-series.js';
import { lowerEnvelope } from './envelope.js';
import { DEFAULT_CLASSIFY_OPTIONS } from './options.js';

const MB = 1e6;

describe('lowerEnvelope', () => {
  it('on a sawtooth, detects the cycle and keeps one post-GC floor per window of 1.2 cycles', () => {
    const points = sampleSeries((t) => 50 * MB + sawtooth(5 * MB, 2)(t), 0.05 * MB, 24, 1);
    const envelope = lowerEnvelope(points, DEFAULT_CLASSIFY_OPTIONS, MB);
    expect(envelope.sawtoothPeriodSec).toBeCloseTo(2, 6);
    // Drops at 2, 4, ..., 24 s.
    expect(envelope.drops).toBe(12);
    expect(envelope.windowSec).toBeGreaterThanOrEqual(2.4);
    expect(envelope.points.length).toBe(Math.floor(24 / 2.4));
    for (const p of envelope.points) expect(Math.abs(p.v - 50 * MB)).toBeLessThan(0.3 * MB);
  });

  it('does not count allocation bursts that return as GC drops', () => {
    // A 4 MB burst lasting one or two samples every 3 s: the falls follow sudden rises.
    const points = sampleSeries((t) => 50 * MB + ((t + 1.5) % 3 < 0.15 ? 4 * MB : 0), 0.05 * MB, 24, 4);
    const envelope = lowerEnvelope(points, DEFAULT_CLASSIFY_OPTIONS, MB);
    expect(envelope.drops).toBe(0);
    expect(envelope.points.length).toBe(20);
    const noLookback = lowerEnvelope(points, { ...DEFAULT_CLASSIFY_OPTIONS, burstLookback: 0 }, MB);
    expect(noLookback.sawtoothPeriodSec).toBeCloseTo(3, 6);
  });

  it('on a smooth line, sees no GC and uses envelopeWindows windows', () => {
    const points = sampleSeries((t) => 50 * MB + 0.1 * MB * t, 0.02 * MB, 20, 2);
    const envelope = lowerEnvelope(points, DEFAULT_CLASSIFY_OPTIONS, MB);
    expect(envelope.drops).toBe(0);
    expect(envelope.sawtoothPeriodSec).toBeUndefined();
    expect(envelope.points.length).toBe(20);
    expect(envelope.windowSec).toBeCloseTo(1, 9);
  });

  it('never makes a window shorter than minPointsPerWindow sample intervals', () => {
    const points = sampleSeries(() => MB, 0, 3, 3);
    const envelope = lowerEnvelope(points, { ...DEFAULT_CLASSIFY_OPTIONS, minPointsPerWindow: 5 }, MB);
    expect(envelope.windowSec).toBeCloseTo(0.5, 9);
    expect(envelope.points.length).toBe(6);
  });

  it('returns every window minimum with the time it was seen', () => {
    const points = [5, 3, 4, 9, 1, 7, 8, 2, 6].map((v, t) => ({ t, v }));
    const envelope = lowerEnvelope(
      points,
      { ...DEFAULT_CLASSIFY_OPTIONS, envelopeWindows: 4, minPointsPerWindow: 1 },
      100,
    );
    expect(envelope.points).toEqual([
      { t: 1, v: 3 },
      { t: 2, v: 4 },
      { t: 4, v: 1 },
      { t: 7, v: 2 },
    ]);
  });

  it('is empty for no points', () => {
    expect(lowerEnvelope([], DEFAULT_CLASSIFY_OPTIONS, 1).points).toEqual([]);
  });
});
