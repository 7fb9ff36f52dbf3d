import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../util/user-error.js';
import { defaultOutputPath, flamegraphCommand } from './flamegraph.js';

const fixtures = new URL('../../test/fixtures/profiles/', import.meta.url).pathname;

describe('flamegraphCommand', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'perfsuite-fg-cli-'));
    writeFileSync(join(dir, 'a.folded'), 'main (/app/a.ts:1);work (/app/a.ts:5) 7\nmain (/app/a.ts:1) 3\n');
    writeFileSync(join(dir, 'b.folded'), 'main (/app/a.ts:1);other (/app/b.ts:2) 5\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders one folded file beside it by default, leaving no temporary file', async () => {
    const written = await flamegraphCommand([join(dir, 'a.folded')], {});
    expect(written).toBe(join(dir, 'a.svg'));
    const svg = readFileSync(written, 'utf8');
    expect(svg).toContain('<title>work (/app/a.ts:5)');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('merges several inputs and honours title, inverted and min width', async () => {
    const output = join(dir, 'out', 'merged.svg');
    const written = await flamegraphCommand([join(dir, 'a.folded'), join(dir, 'b.folded')], {
      output,
      title: 'Both',
      inverted: true,
      minWidth: 0,
    });
    expect(written).toBe(output);
    const svg = readFileSync(output, 'utf8');
    expect(svg).toContain('>Both</text>');
    expect(svg).toContain('<title>work (/app/a.ts:5)');
    expect(svg).toContain('<title>other (/app/b.ts:2)');
    expect(svg).toMatch(/<title>all: [^<]*15/); // 7 + 3 + 5 merged under one root
  });

  it('renders real pprof CPU and heap profiles', async () => {
    const cpu = await flamegraphCommand([join(fixtures, 'time.pb.gz')], { output: join(dir, 'time.svg') });
    expect(readFileSync(cpu, 'utf8')).toContain('<g class="f">');
    const heap = await flamegraphCommand([join(fixtures, 'heap.pb.gz')], { output: join(dir, 'heap.svg') });
    expect(readFileSync(heap, 'utf8')).toContain('(bytes)');
  });

  it('writes a diff of BASE and NEW', async () => {
    const written = await flamegraphCommand([join(dir, 'a.folded'), join(dir, 'b.folded')], { diff: true });
    expect(written).toBe(join(dir, 'b.diff.svg'));
    const svg = readFileSync(written, 'utf8');
    expect(svg).toContain('Differential Flame Graph');
    expect(svg).toContain('NEW b.folded: widths of NEW b.folded');
  });

  it('explains mistakes: missing file, wrong number of diff inputs, bad min width', async () => {
    const missing = join(dir, 'nope.pb.gz');
    await expect(flamegraphCommand([missing], {})).rejects.toThrow(
      new UserError(
        `cannot read profile ${missing}: no such file (expected pprof .pb/.pb.gz, Chrome .cpuprofile or folded stacks)`,
      ),
    );
    await expect(flamegraphCommand([join(dir, 'a.folded')], { diff: true })).rejects.toThrow(
      /--diff takes exactly two profiles, BASE then NEW; got 1/,
    );
    await expect(flamegraphCommand([join(dir, 'a.folded')], { minWidth: -1 })).rejects.toBeInstanceOf(
      UserError,
    );
    await expect(flamegraphCommand([], {})).rejects.toThrow(/at least one profile/);
  });
});

describe('defaultOutputPath', () => {
  it.each([
    [['p/x.cpu.pb.gz'], false, 'p/x.cpu.svg'],
    [['x.cpuprofile'], false, 'x.svg'],
    [['a.folded', 'b.folded'], false, 'a.merged.svg'],
    [['base.pb', 'new.pb'], true, 'new.diff.svg'],
    [['noext'], false, 'noext.svg'],
  ])('%j (diff %s) -> %s', (inputs, diff, expected) => {
    expect(defaultOutputPath(inputs, diff)).toBe(expected);
  });
});
