import { describe, expect, it } from 'vitest';
import { classifyFrame } from './classify.js';
import { diffColor, frameColor, hashName, hslToHex } from './palette.js';

describe('classifyFrame', () => {
  it.each([
    [{ name: 'render', file: '/work/app/src/render.ts', line: 3 }, 'app'],
    [{ name: 'render', file: 'file:///work/app/src/render.js' }, 'app'],
    [{ name: 'parse', file: '/work/app/node_modules/liquidjs/dist/liquid.node.mjs' }, 'dependency'],
    [{ name: 'parse', file: 'C:\\app\\node_modules\\x\\index.js' }, 'dependency'],
    [{ name: 'processTicksAndRejections', file: 'node:internal/process/task_queues' }, 'node'],
    [{ name: 'emit', file: 'node:events' }, 'node'],
    [{ name: '(garbage collector)' }, 'native'],
    [{ name: '(program)', file: '' }, 'native'],
    [{ name: '(idle)' }, 'native'],
    [{ name: '[unknown]' }, 'native'],
    // Folded stacks carry the location in the name.
    [{ name: 'fib /work/app/fib.js:3' }, 'app'],
    [{ name: 'get /work/app/node_modules/lodash/get.js:10' }, 'dependency'],
    [{ name: 'listOnTimeout (node:internal/timers:581)' }, 'node'],
    [{ name: 'plainName' }, 'app'],
    [{ name: 'Garbage Collection' }, 'native'],
  ] as const)('%o is %s', (frame, kind) => {
    expect(classifyFrame(frame)).toBe(kind);
  });

  it('counts a frame without location as native only when the profile records files', () => {
    expect(classifyFrame({ name: 'push' }, true)).toBe('native');
    expect(classifyFrame({ name: 'push' }, false)).toBe('app');
    expect(classifyFrame({ name: 'fib /app/fib.js:3' }, true)).toBe('app');
  });
});

describe('colours', () => {
  it('hashes names with FNV-1a (reference values)', () => {
    expect(hashName('')).toBe(0x811c9dc5);
    expect(hashName('a')).toBe(0xe40c292c);
    expect(hashName('foobar')).toBe(0xbf9cf968);
  });

  it('converts HSL to hex', () => {
    expect(hslToHex(0, 100, 50)).toBe('#ff0000');
    expect(hslToHex(120, 100, 50)).toBe('#00ff00');
    expect(hslToHex(240, 100, 50)).toBe('#0000ff');
    expect(hslToHex(0, 0, 100)).toBe('#ffffff');
  });

  it('gives the same name the same colour, and different names different ones', () => {
    expect(frameColor('app', 'render')).toBe(frameColor('app', 'render'));
    const colours = new Set(['a', 'b', 'c', 'render', 'parse', 'compile'].map((n) => frameColor('app', n)));
    expect(colours.size).toBe(6);
  });

  it('keeps kinds in distinct hue families', () => {
    const hue = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      return { r: r as number, g: g as number, b: b as number };
    };
    const app = hue(frameColor('app', 'x'));
    const dep = hue(frameColor('dependency', 'x'));
    const node = hue(frameColor('node', 'x'));
    expect(app.r).toBeGreaterThan(app.b); // warm
    expect(dep.b).toBeGreaterThan(dep.r); // cool
    expect(node.g).toBeGreaterThan(node.r); // green
  });

  it('colours a diff red for growth, blue for shrinkage, near white for no change', () => {
    expect(diffColor(0.5, 0.5)).toBe('#d62728');
    expect(diffColor(-0.5, 0.5)).toBe('#1f5fd6');
    expect(diffColor(0, 0.5)).toBe('#f5f5f5');
    const half = diffColor(0.125, 0.5); // sqrt(0.25) = half way
    expect(half).toBe('#e68e8f');
  });
});
