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

  it('parses many single-frame stacks (no `;` anywhere)', () => {
    // Its speed (a `;` search restarted on every line once made this quadratic) is measured in
    // bench/flamegraph.js with 100,000 stacks; here only the result is checked.
    const text = Array.from({ length: 50_000 }, (_, i) => `frame${i % 100} ${i + 1}`).join('\n');
    const profile = fromFolded(text, 'flat.folded');
    expect(profile?.samples).toHaveLength(50_000);
    expect(profile?.frames).toHaveLength(100);
  });
});
