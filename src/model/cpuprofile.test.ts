import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromCpuProfile } from './cpuprofile.js';
import { type Profile, ProfileFormatError, totalValue } from './profile.js';

const busyWork = new URL('../../test/fixtures/profiles/busy-work.mjs', import.meta.url).pathname;

/** Wall nanoseconds whose leaf frame is named `name`. */
function selfWall(profile: Profile, name: string): number {
  let sum = 0;
  for (const s of profile.samples) {
    const leaf = profile.frames[s.stack.at(-1) ?? -1];
    if (leaf?.name === name) sum += s.values[1] ?? 0;
  }
  return sum;
}

describe('fromCpuProfile on a real node --cpu-prof profile', () => {
  let dir: string;
  let text: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'perfsuite-cpuprof-'));
    execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, busyWork, '300'], {
      stdio: 'pipe',
    });
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    text = readFileSync(join(dir, file ?? 'missing'), 'utf8');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('attributes most wall time to the hot function, under its caller', () => {
    const profile = fromCpuProfile(text, 'busy.cpuprofile');
    if (!profile) throw new Error('not recognised');
    expect(profile.valueTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ]);
    const wall = totalValue(profile, 1);
    expect(selfWall(profile, 'spinHot') / wall).toBeGreaterThan(0.5);
    expect(selfWall(profile, 'spinHot')).toBeGreaterThan(3 * selfWall(profile, 'spinCold'));
    const hot = profile.frames.find((f) => f.name === 'spinHot');
    expect(hot?.file).toMatch(/^file:\/\/.*busy-work\.mjs$/);
    // spinHot is declared on line 3, column 1 (V8 reports the position of `function`, 0-based).
    expect(hot?.line).toBe(3);
    const hotSample = profile.samples.find((s) => profile.frames[s.stack.at(-1) ?? -1]?.name === 'spinHot');
    const stack = hotSample?.stack.map((id) => profile.frames[id]?.name) ?? [];
    expect(stack.indexOf('callsHotAndCold')).toBeLessThan(stack.indexOf('spinHot'));
    expect(stack).not.toContain('(root)');
  });

  it('sums sample durations to the profile duration and counts every sample', () => {
    const raw = JSON.parse(text) as { samples: number[]; startTime: number; endTime: number };
    const profile = fromCpuProfile(raw, 'busy.cpuprofile');
    if (!profile) throw new Error('not recognised');
    expect(totalValue(profile, 0)).toBe(raw.samples.filter((id) => id !== 1).length);
    const durationNanos = (raw.endTime - raw.startTime) * 1000;
    expect(profile.meta.durationNanos).toBe(durationNanos);
    // Only the gap before the first sample is unattributed.
    expect(totalValue(profile, 1)).toBeLessThanOrEqual(durationNanos);
    expect(totalValue(profile, 1)).toBeGreaterThan(durationNanos * 0.9);
  });
});

describe('fromCpuProfile on hand-made input', () => {
  const frame = (functionName: string, url = '', lineNumber = -1, columnNumber = -1) => ({
    functionName,
    scriptId: '1',
    url,
    lineNumber,
    columnNumber,
  });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 5] },
      { id: 2, callFrame: frame('', 'file:///a.js', 0, 0), children: [4] },
      { id: 3, callFrame: frame('(garbage collector)') },
      { id: 4, callFrame: frame('leaf', 'file:///a.js', 9, 2) },
      { id: 5, callFrame: frame('(idle)') },
    ],
    startTime: 1000,
    endTime: 1100,
    samples: [4, 4, 3, 2, 5],
    timeDeltas: [10, 20, 30, 15, 5],
  };

  it('uses the following delta as each sample duration, and endTime for the last one', () => {
    const result = fromCpuProfile(JSON.stringify(profile), 'hand.cpuprofile');
    expect(result?.frames).toEqual([
      { name: '(anonymous)', file: 'file:///a.js', line: 1, column: 1 },
      { name: 'leaf', file: 'file:///a.js', line: 10, column: 3 },
      { name: '(garbage collector)' },
      { name: '(idle)' },
    ]);
    // Sample times: 1010, 1030, 1060, 1075, 1080; end 1100.
    expect(result?.samples).toEqual([
      { stack: [0, 1], values: [2, (20 + 30) * 1000] },
      { stack: [2], values: [1, 15_000] },
      { stack: [0], values: [1, 5_000] },
      { stack: [3], values: [1, 20_000] },
    ]);
    expect(result?.meta.durationNanos).toBe(100_000);
  });

  it('drops the samples taken at or after untilMicros, and ends the last kept one there', () => {
    const result = fromCpuProfile(profile, 'hand.cpuprofile', { untilMicros: 1075 });
    // Kept: 1010, 1030, 1060 (the GC sample lasts until 1075, not 1100); dropped: 1075, 1080.
    expect(result?.samples).toEqual([
      { stack: [0, 1], values: [2, (20 + 30) * 1000] },
      { stack: [2], values: [1, 15_000] },
    ]);
    expect(result?.meta.durationNanos).toBe(75_000);
  });

  it('falls back to hitCount when there are no samples', () => {
    const old = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2], hitCount: 0 },
        { id: 2, callFrame: frame('f', 'x.js', 1, 1), hitCount: 4 },
      ],
      startTime: 0,
      endTime: 8,
    };
    expect(fromCpuProfile(old, 'old')?.samples).toEqual([{ stack: [0], values: [4, 8000] }]);
  });

  it('returns null for other formats and throws for a broken cpuprofile', () => {
    expect(fromCpuProfile('main;foo 1', 'x')).toBeNull();
    expect(fromCpuProfile('{"traceEvents": []}', 'x')).toBeNull();
    expect(fromCpuProfile('{ not json', 'x')).toBeNull();
    expect(fromCpuProfile({ samples: [] }, 'x')).toBeNull();
    expect(() => fromCpuProfile({ ...profile, timeDeltas: [1] }, 'bad.cpuprofile')).toThrow(
      ProfileFormatError,
    );
    expect(() => fromCpuProfile({ ...profile, samples: [4, 4, 3, 2, 99] }, 'bad.cpuprofile')).toThrow(
      /bad\.cpuprofile: .*unknown node 99/,
    );
  });
});
