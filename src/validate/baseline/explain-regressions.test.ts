import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBaseline, exampleResult } from '../../../test/support/validate-example.js';
import { fromFolded } from '../../model/folded.js';
import type { Profile } from '../../model/profile.js';
import { baselineProfilesDir } from '../../store/perfsuite-dir.js';
import { writeProfileRun } from './baseline-profiles.js';
import { explainRegressions } from './explain-regressions.js';
import type { WorkloadProfiles } from './record-profiles.js';

const KEY = 'commands/dry_run';

/** A run's profile in folded stacks: `render` taking `renderMs` of a 1 ms sampler's samples. */
function run(renderMs: number, jitter: number): Profile {
  const profile = fromFolded(`main;parse ${200 + jitter}\nmain;render ${renderMs + jitter}\n`, 'run.folded');
  if (!profile) throw new Error('not folded');
  return profile;
}

const current = (profiles: Profile[]): Map<string, WorkloadProfiles> =>
  new Map([[KEY, { suite: 'commands', name: 'dry_run', profiles, requests: [], failures: [] }]]);

async function setUp(baseRuns: Profile[]) {
  const outDir = mkdtempSync(join(tmpdir(), 'perfsuite-explain-'));
  const baseline = {
    ...exampleBaseline(),
    profiles: { engine: 'pprof' as const, intervalUs: 1000, runs: 4, workloads: { [KEY]: 4 } },
  };
  const dir = baselineProfilesDir(outDir, baseline.name);
  for (const [i, profile] of baseRuns.entries())
    await writeProfileRun(dir, 'commands', 'dry_run', i + 1, profile);
  return { outDir, baseline, dir };
}

const wall = (result: ReturnType<typeof exampleResult>) =>
  result.baseline?.comparisons.find((c) => c.id === `${KEY}:wall`);

describe('explainRegressions', () => {
  it('names the function that grew, in samples here (folded profiles count samples)', async () => {
    const { outDir, baseline } = await setUp([run(100, 0), run(100, 3), run(100, 5), run(100, 2)]);
    const result = exampleResult();
    await explainRegressions(result, {
      baseline,
      outDir,
      whyDir: join(outDir, 'reports', 'why', 'x'),
      current: { cpu: current([run(300, 1), run(300, 4), run(300, 0), run(300, 2)]), heap: new Map() },
      all: false,
    });
    const c = wall(result);
    expect(c?.attribution?.map((a) => a.function)).toEqual(['render']);
    expect(c?.why).toMatchObject({ baselineRuns: 4, currentRuns: 4 });
    expect(c?.attribution?.[0]?.shareOfRegression).toBeCloseTo(1, 1);
  });

  it('says which baseline file is corrupt, and attributes nothing', async () => {
    const { outDir, baseline, dir } = await setUp([run(100, 0), run(100, 1)]);
    writeFileSync(join(dir, 'commands', 'dry_run', '2.pb.gz'), Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]));
    const result = exampleResult();
    await explainRegressions(result, {
      baseline,
      outDir,
      whyDir: join(outDir, 'reports', 'why', 'x'),
      current: { cpu: current([run(300, 0), run(300, 1)]), heap: new Map() },
      all: false,
    });
    const c = wall(result);
    expect(c?.attribution).toBeUndefined();
    expect(c?.why?.note).toMatch(
      /a profile of baseline "main" could not be read: .*2\.pb\.gz.*save the baseline again/,
    );
    expect(c?.comparison.verdict).toBe('regressed');
  });

  it('says when the baseline kept no profiles of the workload, or none at all', async () => {
    const { outDir, baseline } = await setUp([]);
    const result = exampleResult();
    const options = {
      outDir,
      whyDir: join(outDir, 'reports', 'why', 'x'),
      current: { cpu: current([run(300, 0), run(300, 1)]), heap: new Map() },
      all: false,
    };
    await explainRegressions(result, { ...options, baseline });
    expect(wall(result)?.why?.note).toMatch(/kept no profiles of commands\/dry_run/);
    const { profiles: _, ...old } = baseline;
    const again = exampleResult();
    await explainRegressions(again, { ...options, baseline: old });
    expect(wall(again)?.why?.note).toMatch(
      /kept no profiles \(saved before profiles were kept.*--save-baseline main/,
    );
  });
});
