import { describe, expect, it } from 'vitest';
import { formatValue } from '../../model/format-value.js';
import { type Frame, ProfileBuilder, type ValueType } from '../../model/profile.js';
import { formatAmount } from './describe.js';
import { renderDiffFlamegraph, renderFlamegraph } from './index.js';

const cpu: ValueType[] = [
  { type: 'samples', unit: 'count' },
  { type: 'wall', unit: 'nanoseconds' },
];

function build(stacks: [Frame[], number[]][], valueTypes = cpu, meta = {}) {
  const builder = new ProfileBuilder(valueTypes, meta);
  for (const [frames, values] of stacks) {
    builder.addSample(
      frames.map((f) => builder.frameId(f)),
      values,
    );
  }
  return builder.build();
}

const main = { name: 'main', file: '/app/src/main.ts', line: 1 };
const hot = { name: 'hot', file: '/app/src/hot.ts', line: 7 };
const dep = { name: 'get', file: '/app/node_modules/lodash/get.js', line: 10 };
const simple = build([
  [
    [main, hot],
    [3, 3e6],
  ],
  [
    [main, dep],
    [1, 1e6],
  ],
]);

/**
 * A small well-formedness check that needs no XML library: with CDATA sections and the declaration
 * removed, every `<` must open or close a tag with quoted attributes, tags must nest, and every `&`
 * must start an entity. (The browser tests parse the same output with Chromium's XML parser.)
 */
function assertWellFormed(svg: string): void {
  let body = svg.replace(/^<\?xml[^?]*\?>/, '');
  body = body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const open: string[] = [];
  const tag =
    /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|#39);[^"<&]*)*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt === -1 ? body.length : lt);
    expect(text.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
    expect(text).not.toContain('>');
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${body.slice(lt, lt + 80)}`);
    const [, closing, name, , selfClosing] = m as unknown as string[];
    if (closing) expect(open.pop()).toBe(name);
    else if (!selfClosing) open.push(name as string);
    i = tag.lastIndex;
  }
  expect(open).toEqual([]);
}

describe('renderFlamegraph', () => {
  it('writes a well-formed, deterministic SVG with every frame, title and details', () => {
    const svg = renderFlamegraph(simple, { title: 'Demo' });
    assertWellFormed(svg);
    expect(renderFlamegraph(simple, { title: 'Demo' })).toBe(svg);
    expect(svg).toContain('>Demo</text>');
    expect(svg.match(/<g class="f">/g)).toHaveLength(4); // all, main, hot, get
    const details = `hot (/app/src/hot.ts:7): ${formatValue(3e6, 'nanoseconds')}, 75.00% of total; self ${formatValue(3e6, 'nanoseconds')}, 75.00%`;
    expect(svg).toContain(`<title>${details}</title>`);
  });

  it('sizes by the chosen value and states the units of heap profiles in bytes', () => {
    const heap = build(
      [
        [
          [main, hot],
          [10, 3 * 1024 * 1024],
        ],
        [[main], [5, 1024]],
      ],
      [
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'bytes' },
      ],
    );
    const svg = renderFlamegraph(heap);
    expect(svg).toContain(`hot (/app/src/hot.ts:7): ${formatValue(3 * 1024 * 1024, 'bytes')}`);
    expect(svg).toContain('widths: inuse_space (bytes)');
    const objects = renderFlamegraph(heap, { valueIndex: 0 });
    expect(objects).toContain(
      `hot (/app/src/hot.ts:7): ${formatAmount(10, { type: 'inuse_objects', unit: 'count' })}, 66.67% of total`,
    );
    expect(() => renderFlamegraph(heap, { valueIndex: 2 })).toThrow(/value index 2 does not exist/);
  });

  it('puts the root at the bottom of a flame and at the top of an icicle', () => {
    const rootY = (svg: string) =>
      Number(/<title>all:[^<]*<\/title><rect x="[\d.]+" y="(\d+)"/.exec(svg)?.[1]);
    const hotY = (svg: string) =>
      Number(/<title>hot [^<]*<\/title><rect x="[\d.]+" y="(\d+)"/.exec(svg)?.[1]);
    const flame = renderFlamegraph(simple);
    const icicle = renderFlamegraph(simple, { inverted: true });
    expect(rootY(flame)).toBeGreaterThan(hotY(flame));
    expect(rootY(icicle)).toBeLessThan(hotY(icicle));
  });

  it('states what the minimum width left out', () => {
    const stacks: [Frame[], number[]][] = [
      [
        [main, hot],
        [1000, 1000],
      ],
    ];
    for (let i = 0; i < 5; i++)
      stacks.push([
        [main, { name: `tiny${i}` }],
        [1, 1],
      ]);
    const svg = renderFlamegraph(build(stacks), { minWidthPx: 2 });
    expect(svg).toContain(
      '5 frames narrower than 2 px left out; 0.50% of the total is drawn with its stacks cut short.',
    );
    expect(svg).not.toContain('tiny0');
    expect(renderFlamegraph(build(stacks), { minWidthPx: 0 })).toContain('tiny0');
  });

  it('takes title and subtitle from the profile meta', () => {
    const profile = {
      ...simple,
      meta: {
        title: 'demo/render',
        engine: 'pprof',
        durationNanos: 2e9,
        startTime: Date.UTC(2026, 0, 2, 3, 4),
      },
    };
    const svg = renderFlamegraph(profile);
    expect(svg).toContain('>demo/render</text>');
    expect(svg).toContain(
      `engine pprof · duration ${formatValue(2e9, 'nanoseconds')} · ${formatAmount(4, { type: 'samples', unit: 'count' })} · widths: wall (nanoseconds) · 2026-01-02 03:04 UTC`,
    );
  });

  it('draws an empty profile as a graph that says so', () => {
    const svg = renderFlamegraph(build([]));
    assertWellFormed(svg);
    expect(svg).toContain('No samples to draw.');
    expect(svg).not.toContain('<g class="f">');
  });

  it('rejects invalid options by name', () => {
    expect(() => renderFlamegraph(simple, { width: 0 })).toThrow(/width must be a positive number/);
    expect(() => renderFlamegraph(simple, { minWidthPx: -1 })).toThrow(/minWidthPx/);
  });
});

describe('hostile names', () => {
  const evil: Frame[] = [
    { name: '<script>alert(1)</script>', file: '/tmp/<img src=x onerror=alert(2)>.js', line: 1 },
    { name: ']]><script>alert(3)</script>' },
    { name: `"quoted" & 'single' <b>`, file: 'C:\\a&b\\"c".js' },
    { name: 'ctrl\u0000\u0001\ud800char' },
  ];
  const profile = build([[evil, [1, 1]]], cpu, { title: '</svg><script>alert(4)</script>' });

  it.each([
    ['flame', () => renderFlamegraph(profile)],
    ['diff', () => renderDiffFlamegraph(profile, profile)],
  ])('cannot run script or break the XML (%s)', (_, render) => {
    const svg = render();
    assertWellFormed(svg);
    // Only our two script elements: the JSON data and the inlined script.
    expect(svg.match(/<script/g)).toHaveLength(2);
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('\u0000');
    expect(svg).not.toContain('\u0001');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
  });
});

describe('renderDiffFlamegraph', () => {
  const base = build([
    [
      [main, hot],
      [5, 5],
    ],
    [
      [main, dep],
      [5, 5],
    ],
  ]);
  const next = build([
    [
      [main, hot],
      [9, 9],
    ],
    [
      [main, { name: 'added', file: '/app/src/added.ts' }],
      [1, 1],
    ],
  ]);

  it('draws NEW then BASE, colours growth red and shrinkage blue, and keeps vanished frames', () => {
    const svg = renderDiffFlamegraph(base, next);
    assertWellFormed(svg);
    const [newGraph, baseGraph] = svg.split('<g id="frames-1"') as [string, string];
    const fillOf = (part: string, name: string) =>
      new RegExp(`<title>${name} [^<]*</title><rect [^>]*fill="#([0-9a-f]{6})"`).exec(part)?.[1] ?? '';
    const rgb = (hex: string) =>
      [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    const [hr, , hb] = rgb(fillOf(newGraph, 'hot'));
    expect(hr).toBeGreaterThan(hb); // 50% -> 90%: red
    expect(fillOf(newGraph, 'get')).toBe(''); // vanished: not in NEW's graph ...
    const [gr, , gb] = rgb(fillOf(baseGraph, 'get'));
    expect(gb).toBeGreaterThan(gr); // ... but in BASE's, blue
    expect(svg).toContain('frames missing from NEW (1) appear only here');
    expect(svg).toContain(
      `hot (/app/src/hot.ts:7): before ${formatValue(5, 'nanoseconds')} (50.00%), after ${formatValue(9, 'nanoseconds')} (90.00%), delta +${formatValue(4, 'nanoseconds')} (+40.00 points of total)`,
    );
  });

  it('normalises by totals: the same shape at twice the length shows no change', () => {
    const doubled = build([
      [
        [main, hot],
        [10, 10],
      ],
      [
        [main, dep],
        [10, 10],
      ],
    ]);
    const svg = renderDiffFlamegraph(base, doubled);
    expect(svg).toContain('(+0.00 points of total)');
    expect(svg).not.toMatch(/fill="#(?!f5f5f5)[0-9a-f]{6}"(?=\/><text x="[\d.]+" y="\d+">(hot|get|main))/);
  });

  it('refuses profiles of different units', () => {
    const heap = build([[[main], [1]]], [{ type: 'space', unit: 'bytes' }]);
    expect(() => renderDiffFlamegraph(simple, heap)).toThrow(/different units/);
  });
});
