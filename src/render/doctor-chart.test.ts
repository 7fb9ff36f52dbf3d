import { describe, expect, it } from 'vitest';
import { renderDoctorChart } from './doctor-chart.js';

const points = Array.from({ length: 20 }, (_, i) => ({
  t: 0.2 + i * 0.1,
  delayMs: i % 4 === 0 ? 25 : 0.5,
  ...(i === 3 ? {} : { busy: 0.3 }),
  cpu: 0.35,
  gc: 0.02,
}));

describe('renderDoctorChart', () => {
  const svg = renderDoctorChart({
    title: 'app/api: event-loop-blocked',
    subtitle: 'loop delay p99 25 ms',
    points,
    thresholdMs: 10,
    blocks: points
      .filter((p) => p.delayMs >= 10)
      .map((p) => ({ t: p.t, ms: p.delayMs, label: 'render <T> (a.js:3)' })),
  });

  it('draws the delay, busy, CPU and GC lines, the threshold, and a marker per block with what ran', () => {
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg.match(/class="block"/g)).toHaveLength(5);
    expect(svg).toContain('<title>25.0 ms at 0.20 s: render &lt;T&gt; (a.js:3)</title>');
    expect(svg).toContain('block threshold, 10 ms');
    // The interval without enough samples leaves a gap in the busy line, not a zero.
    const busy = /<polyline[^>]*points="([^"]*)"><title>loop busy/.exec(svg)?.[1] ?? '';
    expect(busy.split(' ')).toHaveLength(19);
  });

  it('is the same bytes for the same data, and says so when there is nothing to draw', () => {
    expect(renderDoctorChart({ title: 't', subtitle: '', points, thresholdMs: 10, blocks: [] })).toBe(
      renderDoctorChart({ title: 't', subtitle: '', points, thresholdMs: 10, blocks: [] }),
    );
    expect(
      renderDoctorChart({ title: 't', subtitle: '', points: [], thresholdMs: 10, blocks: [] }),
    ).toContain('no readings after start-up');
  });
});
