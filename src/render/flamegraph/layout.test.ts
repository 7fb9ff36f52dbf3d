import { describe, expect, it } from 'vitest';
import { type Frame, ProfileBuilder } from '../../model/profile.js';
import { buildCallTree } from './call-tree.js';
import { type FlameLayout, layoutFlamegraph } from './layout.js';

const samples = [{ type: 'samples', unit: 'count' }];

// Builds a profile from "a;b;c" stacks (root first), one frame per name, file from the name.
function profileOf(stacks: [string, number][], frame: (name: string) => Frame = (name) => ({ name })) {
  const builder = new ProfileBuilder(samples);
  for (const [stack, value] of stacks) {
    builder.addSample(
      stack.split(';').map((name) => builder.frameId(frame(name))),
      [value],
    );
  }
  return builder.build();
}

// A readable digest of a layout: "name depth start+value x/width" per rect.
function digest(layout: FlameLayout, names: string[]): string[] {
  return layout.rects.map(
    (r) => `${r.func === -1 ? 'all' : names[r.func]} d${r.depth} ${r.start}+${r.value} x${r.x} w${r.width}`,
  );
}

describe('buildCallTree', () => {
  it('merges identical paths and sums total and self values', () => {
    const tree = buildCallTree([
      {
        profile: profileOf([
          ['main;a;b', 3],
          ['main;a', 1],
          ['main;a;b', 2],
        ]),
        valueIndex: 0,
      },
    ]);
    expect(tree.size).toBe(4); // all, main, a, b
    expect(Array.from(tree.total[0] as Float64Array)).toEqual([6, 6, 6, 5]);
    expect(Array.from(tree.self[0] as Float64Array)).toEqual([0, 0, 1, 5]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 2, 3]);
  });

  it('merges frames of one function that differ only by line, keeping the smallest line', () => {
    let line = 10;
    const profile = profileOf(
      [
        ['f', 1],
        ['f', 1],
      ],
      (name) => ({ name, file: '/app/x.js', line: line-- }),
    );
    // The builder saw line 10 and line 9: two frames in the model, one function in the graph.
    expect(profile.frames).toHaveLength(2);
    const tree = buildCallTree([{ profile, valueIndex: 0 }]);
    expect(tree.size).toBe(2);
    expect(tree.functions[0]).toMatchObject({ name: 'f', file: '/app/x.js', line: 9, kind: 'app' });
  });

  it('skips samples with zero, negative or missing values', () => {
    const builder = new ProfileBuilder([
      { type: 'a', unit: 'count' },
      { type: 'b', unit: 'count' },
    ]);
    const f = builder.frameId({ name: 'f' });
    builder.addSample([f], [0, 5]);
    builder.addSample([f], [-2, 5]);
    builder.addSample([f], [3, 5]);
    const tree = buildCallTree([{ profile: builder.build(), valueIndex: 0 }]);
    expect((tree.total[0] as Float64Array)[0]).toBe(3);
  });

  it('keeps one value series per input for a diff', () => {
    const tree = buildCallTree([
      { profile: profileOf([['main;old', 4]]), valueIndex: 0 },
      { profile: profileOf([['main;new', 2]]), valueIndex: 0 },
    ]);
    const names = tree.functions.map((f) => f.name);
    const nodeOf = (name: string) => Array.from(tree.func).indexOf(names.indexOf(name));
    expect((tree.total[0] as Float64Array)[nodeOf('old')]).toBe(4);
    expect((tree.total[1] as Float64Array)[nodeOf('old')]).toBe(0);
    expect((tree.total[1] as Float64Array)[nodeOf('new')]).toBe(2);
  });
});

describe('layoutFlamegraph', () => {
  it('places siblings in name order, widths proportional to values, pre-order', () => {
    // Sample order puts "zeta" first; name order puts "alpha" first.
    const tree = buildCallTree([
      {
        profile: profileOf([
          ['main;zeta', 2],
          ['main;alpha;inner', 3],
          ['main;alpha', 1],
        ]),
        valueIndex: 0,
      },
    ]);
    const layout = layoutFlamegraph(tree, { series: 0, widthPx: 600, minWidthPx: 0 });
    const names = tree.functions.map((f) => f.name);
    expect(digest(layout, names)).toEqual([
      'all d0 0+6 x0 w600',
      'main d1 0+6 x0 w600',
      'alpha d2 0+4 x0 w400',
      'inner d3 0+3 x0 w300',
      'zeta d2 4+2 x400 w200',
    ]);
    expect(layout.maxDepth).toBe(3);
    expect(layout.droppedFrames).toBe(0);
  });

  it('leaves out frames narrower than the minimum width, with their callees, and counts them', () => {
    const tree = buildCallTree([
      {
        profile: profileOf([
          ['main;big', 98],
          ['main;tiny;deeper', 1],
          ['main;tiny2', 1],
        ]),
        valueIndex: 0,
      },
    ]);
    // 100 px for 100 units: tiny and tiny2 are 1 px wide.
    const layout = layoutFlamegraph(tree, { series: 0, widthPx: 100, minWidthPx: 1.5 });
    const names = tree.functions.map((f) => f.name);
    expect(digest(layout, names)).toEqual([
      'all d0 0+100 x0 w100',
      'main d1 0+100 x0 w100',
      'big d2 0+98 x0 w98',
    ]);
    expect(layout.droppedFrames).toBe(3); // tiny, deeper, tiny2
    expect(layout.droppedValue).toBe(2);
    // At exactly the minimum width a frame stays.
    const kept = layoutFlamegraph(tree, { series: 0, widthPx: 100, minWidthPx: 1 });
    expect(kept.droppedFrames).toBe(0);
    expect(kept.rects).toHaveLength(6);
  });

  it('keeps the gap of a left-out frame so that later siblings do not shift', () => {
    const tree = buildCallTree([
      {
        profile: profileOf([
          ['a', 1],
          ['b', 50],
          ['c', 49],
        ]),
        valueIndex: 0,
      },
    ]);
    const layout = layoutFlamegraph(tree, { series: 0, widthPx: 100, minWidthPx: 2 });
    const names = tree.functions.map((f) => f.name);
    expect(digest(layout, names)).toEqual(['all d0 0+100 x0 w100', 'b d1 1+50 x1 w50', 'c d1 51+49 x51 w49']);
  });

  it('handles an empty profile and deep recursive stacks', () => {
    const empty = buildCallTree([{ profile: profileOf([]), valueIndex: 0 }]);
    expect(layoutFlamegraph(empty, { series: 0, widthPx: 100, minWidthPx: 0.1 }).rects).toEqual([]);
    const deep = buildCallTree([
      { profile: profileOf([[Array(20_000).fill('rec').join(';'), 1]]), valueIndex: 0 },
    ]);
    const layout = layoutFlamegraph(deep, { series: 0, widthPx: 100, minWidthPx: 0.1 });
    expect(layout.rects).toHaveLength(20_001);
    expect(layout.maxDepth).toBe(20_000);
  });
});
