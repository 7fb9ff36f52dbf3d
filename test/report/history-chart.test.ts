/**
 * The history charts' pure part (assets/report/history-chart.ts): which points a series draws,
 * where, and what each one says on hover.
 */
import { describe, expect, it } from 'vitest';
import { chartGeometry, chartPoints, dateOf } from '../../assets/report/history-chart.js';
import { examplePage } from '../support/report-example.js';

describe('history chart', () => {
  const { history } = examplePage().data;
  const [wall, rps] = history.series;

  it('draws one point per run, marked where the series says it moved', () => {
    const points = chartPoints(wall as NonNullable<typeof wall>, history.runs);
    expect(points.map((p) => [p.slot, p.run, p.median, p.p95, p.mark])).toEqual([
      [0, 0, 100, 110, undefined],
      [1, 1, 98, 104, undefined],
      [2, 2, 120, 131, 'regressed'],
    ]);
    expect(points[2]?.words).toBe(
      '2026-12-01 10:00 · ccccccc (dirty) · 120 ms · p95 131 ms · regressed +22.4% (noise band 5.0%)',
    );
    expect(chartPoints(rps as NonNullable<typeof rps>, history.runs)[2]?.words).toBe(
      '2026-12-01 10:00 · ccccccc (dirty) · 800 rps · improved +15.9% (noise band 6.0%)',
    );
  });

  it('spreads points evenly and spans the values, p95 included', () => {
    const points = chartPoints(wall as NonNullable<typeof wall>, history.runs);
    const { x, y, low, high } = chartGeometry(points);
    expect([low, high]).toEqual([98, 131]);
    expect(x(1) - x(0)).toBeCloseTo(x(2) - x(1));
    expect(y(131)).toBeLessThan(y(98)); // up is bigger
  });

  it('gives a single point or a flat series some room', () => {
    const { low, high, x } = chartGeometry([{ slot: 0, run: 0, median: 5, words: '' }]);
    expect([low, high]).toEqual([4.5, 5.5]);
    expect(Number.isFinite(x(0))).toBe(true);
    expect(chartGeometry([{ slot: 0, run: 0, median: 0, words: '' }]).high).toBe(1);
  });

  it('writes dates short', () => {
    expect(dateOf('2026-12-01T10:20:30.000Z')).toBe('2026-12-01 10:20');
  });
});
