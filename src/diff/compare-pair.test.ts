import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Profile, ProfileBuilder } from '../model/profile.js';
import { comparePair } from './compare-pair.js';

/** A run of 1.5 s started `startSec` into the session, its time in `work`. */
function run(startSec: number, source: string): { profile: Profile; source: string } {
  const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }], {
    startTime: 1_700_000_000_000 + startSec * 1000,
    durationNanos: 1.5e9,
  });
  builder.addSample([builder.frameId({ name: 'main' }), builder.frameId({ name: 'work' })], [100]);
  return { profile: builder.build(), source };
}

describe('comparePair', () => {
  it('says how long each side ran in all: runs one after another add up, the gap between them does not', async () => {
    const svg = join(mkdtempSync(join(tmpdir(), 'perfsuite-pair-')), 'diff.svg');
    const base = [run(0, 'b1'), run(30, 'b2')];
    const next = [run(60, 'n1'), run(90, 'n2')];
    await comparePair({ key: 'app', base: ['b1', 'b2'], next: ['n1', 'n2'] }, base, next, {
      normalize: 'run',
      svg,
      baseLabel: 'BASE',
      nextLabel: 'NEW',
    });
    const subtitle = /<text class="subtitle"[^>]*>([^<]*)</.exec(readFileSync(svg, 'utf8'))?.[1];
    expect(subtitle).toBe(
      'NEW: duration 3 s, 200 samples · against BASE: duration 3 s, 200 samples · widths: samples (count)',
    );
  });
});
