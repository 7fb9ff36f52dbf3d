/**
 * The memory chart against golden files in test/golden/memory/ (regenerate after an intended change
 * with `PERFSUITE_BLESS=1 npx vitest run src/render/memory-chart.test.ts` and review the diff), plus
 * checks that hold for any input: well-formed XML, no script or external reference, escaped text.
 */
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../../test/support/golden.js';
import {
  crashedExample,
  exponentialExample,
  leakingExample,
  plateauExample,
  serverLeakExample,
} from '../../test/support/memory-examples.js';
import { memoryChartData } from '../memory/chart-data.js';
import type { MemoryResult } from '../memory/result.js';
import { type MemoryChartOptions, renderMemoryChart } from './memory-chart.js';

/** A result's chart as profile-memory.ts draws it: the data from memory/, then the markup. */
const chartOf = (
  result: Parameters<typeof memoryChartData>[0],
  options?: Partial<MemoryChartOptions>,
): string => renderMemoryChart(memoryChartData(result), options);

const dir = new URL('../../test/golden/memory/', import.meta.url);

/**
 * Well-formedness without an XML library (none is installed): every `<` opens or closes a tag whose
 * attributes are quoted and hold no raw `<` or `&`, tags nest, and text holds only known entities.
 */
function assertWellFormed(svg: string): void {
  const tag =
    /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|#39);[^"<&]*)*")*)\s*(\/?)>/y;
  const open: string[] = [];
  let i = 0;
  while (i < svg.length) {
    const lt = svg.indexOf('<', i);
    const text = svg.slice(i, lt === -1 ? svg.length : lt);
    expect(text.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toMatch(/[&>]/);
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(svg);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${svg.slice(lt, lt + 80)}`);
    const [, closing, name, , selfClosing] = m as unknown as string[];
    if (closing) expect(open.pop(), `closing </${name}> at ${lt}`).toBe(name);
    else if (!selfClosing) open.push(name as string);
    i = tag.lastIndex;
  }
  expect(open).toEqual([]);
}

const examples: [string, () => MemoryResult][] = [
  ['leaky_cache.chart.svg', leakingExample],
  ['warm_cache.chart.svg', plateauExample],
  ['compounding.chart.svg', exponentialExample],
  ['crashes.chart.svg', crashedExample],
  ['leaky_server.chart.svg', serverLeakExample],
];

describe('renderMemoryChart golden files', () => {
  it.each(examples)('%s', (name, make) => {
    const svg = chartOf(make());
    assertWellFormed(svg);
    expectGolden(new URL(name, dir), svg);
  });

  it('empty.chart.svg', () => {
    const svg = chartOf({ suite: 'demo', workload: 'silent', samples: [], metrics: [] });
    assertWellFormed(svg);
    expect(svg).toContain('no samples were recorded');
    expectGolden(new URL('empty.chart.svg', dir), svg);
  });
});

describe('renderMemoryChart', () => {
  const leaking = leakingExample();
  const svg = chartOf(leaking);

  it('is self-contained: no script, no external reference', () => {
    expect(svg).not.toMatch(/<script|href=|url\(|@import/i);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('draws every series, its fitted model dashed, the warm-up cut, legend and a titled verdict', () => {
    const solid = svg.match(/<polyline[^>]*stroke-width="1.5"[^>]*>/g) ?? [];
    const dashed = svg.match(/<polyline[^>]*stroke-dasharray="6 4"[^>]*>/g) ?? [];
    expect(solid).toHaveLength(3);
    expect(dashed).toHaveLength(3);
    expect(svg).toMatch(
      /<title>demo\/leaky_cache: linear, \+\d+(\.\d)? KB\/s \(RSS \(process tree\)\)<\/title>/,
    );
    for (const label of [
      'RSS (process tree)',
      'V8 heap used',
      'external + array buffers',
      'fitted model',
      'warm-up cut',
    ])
      expect(svg).toContain(`>${label}</text>`);
    const cut = leaking.metrics[0]?.verdict.evidence?.analysedFromSec;
    expect(cut).toBe(6); // 20% of 30 s
  });

  it("shades when a server's load ran, labelled, behind the series", () => {
    const server = chartOf(serverLeakExample());
    const band =
      /<rect x="([\d.]+)" y="58" width="([\d.]+)" height="[\d.]+" fill="#f0a202" fill-opacity="0.14"><title>load, 0.8 s to 12.8 s<\/title><\/rect>/.exec(
        server,
      );
    expect(band).not.toBeNull();
    // 0.8 s and 12.8 s on a 0-14 s axis over the plot's 712 px from x = 64.
    expect(Number(band?.[1])).toBeCloseTo(64 + (0.8 / 14) * 712, 0);
    expect(Number(band?.[2])).toBeCloseTo((12 / 14) * 712, 0);
    expect(server).toMatch(/<text x="[\d.]+" y="71" fill="#8a5a00">load<\/text>/);
    expect(server.indexOf('fill-opacity="0.14"')).toBeLessThan(server.indexOf('<polyline'));
    expect(server).toMatch(
      /<title>servers\/leaky_server: linear, \+[\d.]+ MB\/s, \+[\d.]+ MB\/1k requests \(RSS/,
    );
    expect(svg).not.toContain('fill-opacity="0.14"'); // no load, no band
  });

  it('clips a band to the time axis and skips one outside it', () => {
    const base = memoryChartData(plateauExample());
    const clipped = renderMemoryChart({
      ...base,
      bands: [
        { fromSec: -5, toSec: 10, label: 'a' },
        { fromSec: 50, toSec: 60, label: 'b' },
      ],
    });
    assertWellFormed(clipped);
    expect(clipped).toMatch(/<rect x="64" y="58" width="[\d.]+"[^>]*><title>a, -5.0 s to 10.0 s/);
    expect(clipped).not.toContain('<title>b,');
  });

  it('labels the axes with round numbers', () => {
    const yLabels = [...svg.matchAll(/text-anchor="end" dy="0.32em">([^<]+)</g)].map((m) => Number(m[1]));
    expect(yLabels.length).toBeGreaterThan(3);
    const steps = new Set(yLabels.slice(1).map((v, i) => v - (yLabels[i] as number)));
    expect(steps.size).toBe(1);
    expect([1, 2, 5, 10, 20]).toContain([...steps][0]);
    const xLabels = [...svg.matchAll(/text-anchor="middle">(\d+(?:\.\d+)?)</g)].map((m) => Number(m[1]));
    expect(xLabels[0]).toBe(0);
    expect(xLabels.at(-1)).toBeGreaterThanOrEqual(30);
  });

  it('is deterministic', () => {
    expect(chartOf(leakingExample())).toBe(svg);
  });

  it('escapes names from the config', () => {
    const hostile = chartOf({
      ...plateauExample(),
      suite: '<script>alert(1)</script>',
      workload: 'a&b"c',
    });
    assertWellFormed(hostile);
    expect(hostile).not.toContain('<script');
    expect(hostile).toContain('&lt;script&gt;alert(1)&lt;/script&gt;/a&amp;b&quot;c');
  });

  it('thins a long series per pixel column but keeps its extremes', () => {
    const samples = Array.from({ length: 20_000 }, (_, i) => ({
      t: i / 100,
      rss: (i % 50 === 0 ? 90 : 60) * 1e6,
    }));
    const long = chartOf({ suite: 's', workload: 'w', samples, metrics: [] });
    assertWellFormed(long);
    const points = /points="([^"]+)"/.exec(long)?.[1]?.split(' ') ?? [];
    expect(points.length).toBeLessThan(4 * 800);
    const ys = points.map((p) => Number(p.split(',')[1]));
    expect(new Set(ys).size).toBe(2); // both the 60 MB floor and the 90 MB spikes survive
  });

  it('draws a run too long to spread into Math.min', () => {
    const samples = Array.from({ length: 250_000 }, (_, i) => ({ t: i / 10, rss: 5e7 + i, heapUsed: 2e7 }));
    const long = chartOf({ suite: 's', workload: 'w', samples, metrics: [] });
    const xTicks = [...long.matchAll(/text-anchor="middle">(\d+)</g)].map((m) => Number(m[1]));
    expect(xTicks.at(-1)).toBeGreaterThanOrEqual(25_000); // the run lasted 25,000 s
  });

  it('wraps the legend onto more rows on a narrow chart, inside the chart', () => {
    const narrow = chartOf(leaking, { width: 420 });
    assertWellFormed(narrow);
    const rows = new Set(
      [...narrow.matchAll(/<text x="[\d.]+" y="([\d.]+)">(?:RSS|V8|external|fitted|warm-up)/g)].map(
        (m) => m[1],
      ),
    );
    expect(rows.size).toBe(3);
    const lowest = Math.max(...[...rows].map(Number));
    expect(lowest).toBeLessThan(420); // every row inside the chart: the plot made room for them
    expect(narrow).toContain('width="420"');
    // Title and subtitle are squeezed to the plot's width instead of running off the edge.
    expect(narrow.match(/textLength="332" lengthAdjust="spacingAndGlyphs"/g)).toHaveLength(2);
    expect(svg).not.toContain('textLength');
  });

  it('refuses a size too small to lay out', () => {
    expect(() => chartOf(leaking, { width: 100 })).toThrow(/at least 200 x 160/);
  });
});
