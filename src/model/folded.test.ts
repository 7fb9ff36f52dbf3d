import { describe, expect, it } from 'vitest';
import { foldedLabel, fromFolded, parseFoldedLabel, toFolded } from './folded.js';
import { type Frame, ProfileBuilder, ProfileFormatError } from './profile.js';

describe('toFolded', () => {
  const builder = new ProfileBuilder([
    { type: 'samples', unit: 'count' },
    { type: 'wall', unit: 'nanoseconds' },
  ]);
  const main = builder.frameId({ name: 'main', file: '/app/main.js', line: 3, column: 7 });
  const work = builder.frameId({ name: 'work;semi\nline', file: 'node:internal/x', line: 12 });
  const gc = builder.frameId({ name: '(garbage collector)' });
  const anon = builder.frameId({ name: '(anonymous)', file: 'file:///app/a b (1).js' });
  builder.addSample([main, work], [1, 1400.4]);
  builder.addSample([main, work], [2, 2200.3]);
  builder.addSample([main], [1, 1000]);
  builder.addSample([gc], [3, 0.4]);
  builder.addSample([main, anon], [1, 10]);
  const profile = builder.build();

  it('aggregates equal stacks, rounds, drops zero totals, orders stacks and sanitises labels', () => {
    expect(toFolded(profile)).toBe(
      [
        '(garbage collector) 0',
        'main (/app/main.js:3:7) 1000',
        'main (/app/main.js:3:7);(anonymous) (file:///app/a b (1).js) 10',
        'main (/app/main.js:3:7);work,semi line (node:internal/x:12) 3601',
        '',
      ]
        .filter((line) => !line.endsWith(' 0'))
        .join('\n'),
    );
    expect(toFolded(profile, 0)).toBe(
      [
        '(garbage collector) 3',
        'main (/app/main.js:3:7) 1',
        'main (/app/main.js:3:7);(anonymous) (file:///app/a b (1).js) 1',
        'main (/app/main.js:3:7);work,semi line (node:internal/x:12) 3',
        '',
      ].join('\n'),
    );
  });

  it('round-trips through fromFolded', () => {
    const again = fromFolded(toFolded(profile, 0), 'again.folded');
    if (!again) throw new Error('not parsed');
    expect(toFolded(again)).toBe(toFolded(profile, 0));
    expect(again.frames).toContainEqual({ name: 'main', file: '/app/main.js', line: 3, column: 7 });
    expect(again.frames).toContainEqual({ name: '(anonymous)', file: 'file:///app/a b (1).js' });
  });

  it('writes nothing for an empty profile', () => {
    expect(toFolded(new ProfileBuilder([{ type: 'samples', unit: 'count' }]).build())).toBe('');
  });
});

describe('folded labels', () => {
  const cases: [Frame, string][] = [
    [{ name: 'render' }, 'render'],
    [{ name: 'render', file: '/src/a.ts' }, 'render (/src/a.ts)'],
    [{ name: 'render', file: 'C:\\src\\a.ts', line: 4 }, 'render (C:\\src\\a.ts:4)'],
    [{ name: 'render', file: 'file:///src/a.ts', line: 4, column: 2 }, 'render (file:///src/a.ts:4:2)'],
    [{ name: 'node worker.js (pid 12)' }, 'node worker.js (pid 12)'],
    [
      { name: '(anonymous:L#34:C#21)', file: 'node:events', line: 1 },
      '(anonymous:L#34:C#21) (node:events:1)',
    ],
  ];
  it.each(cases)('%j <-> %s', (frame, label) => {
    expect(foldedLabel(frame)).toBe(label);
    expect(parseFoldedLabel(label)).toEqual(frame);
  });
});

describe('fromFolded', () => {
  it('reads flamegraph.pl / inferno output with bare names, CRLF and blank lines', () => {
    const profile = fromFolded('java;start;run 30\r\n\njava;start 5\r\njava;start;run 2\n', 'perf.folded');
    expect(profile?.valueTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(profile?.frames).toEqual([{ name: 'java' }, { name: 'start' }, { name: 'run' }]);
    expect(profile?.samples).toEqual([
      { stack: [0, 1, 2], values: [30] },
      { stack: [0, 1], values: [5] },
      { stack: [0, 1, 2], values: [2] },
    ]);
  });

  it('returns null when no line parses, and names the first bad line otherwise', () => {
    expect(fromFolded('', 'empty')).toBeNull();
    expect(fromFolded('{"nodes": []}', 'x.json')).toBeNull();
    expect(fromFolded('hello world\nno numbers here\n', 'x.txt')).toBeNull();
    expect(fromFolded('a;b 1\x00', 'binary')).toBeNull();
    expect(() => fromFolded('a;b 1\na;c 2\na;d x\n', 'bad.folded')).toThrow(ProfileFormatError);
    expect(() => fromFolded('a;b 1\na;c 2\na;d x\n', 'bad.folded')).toThrow(/bad\.folded: .*line 3 /);
  });

  it('stays linear on single-frame stacks (no `;` anywhere)', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `frame${i % 100} ${i + 1}`).join('\n');
    const started = process.cpuUsage();
    const profile = fromFolded(text, 'flat.folded');
    const used = process.cpuUsage(started);
    expect(profile?.samples).toHaveLength(50_000);
    expect(profile?.frames).toHaveLength(100);
    // A search for `;` restarted on every line scans 16 GB here: many seconds, not milliseconds.
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });

  it('parses 100,000 stacks of up to 64 frames quickly', () => {
    // Deterministic pseudo-random stacks with realistic labels; about 100 MB of text.
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const labels = Array.from({ length: 2000 }, (_, i) => `fn${i} (/app/src/module${i % 50}.js:${i + 1})`);
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const depth = 1 + Math.floor(next() * 64);
      const stack: string[] = [];
      for (let d = 0; d < depth; d++) stack.push(labels[Math.floor(next() * (d < 10 ? 20 : 2000))] as string);
      lines.push(`${stack.join(';')} ${1 + Math.floor(next() * 100)}`);
    }
    const text = lines.join('\n');
    // CPU time rather than wall time: other processes share the two cores.
    const started = process.cpuUsage();
    const profile = fromFolded(text, 'big.folded');
    const used = process.cpuUsage(started);
    const elapsed = (used.user + used.system) / 1000;
    expect(profile?.samples).toHaveLength(100_000);
    expect(profile?.frames).toHaveLength(2000);
    // The target is well under 1 s on an idle machine; the bound is loose because tests (and
    // other work) share two cores; it still fails if parsing gets several times slower.
    expect(elapsed).toBeLessThan(5000);
  });
});
