// Profiles real fixture workloads under each engine and checks that the known hot function
// dominates, that the files are written and readable, and that source maps point at the TS file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import { fromPprof } from '../../src/model/pprof.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'profile.config.ts');

async function profileFixture(workload: string, extra: string[] = []): Promise<CpuResult> {
  const out = tempDir();
  const run = await runCli([
    'cpu',
    'fixtures',
    '-w',
    workload,
    '--config',
    config,
    '--out-dir',
    out,
    '--json',
    ...extra,
  ]);
  const parsed = JSON.parse(run.stdout) as { results: CpuResult[] };
  expect(parsed.results).toHaveLength(1);
  return parsed.results[0] as CpuResult;
}

describe.each(['pprof', 'cpu-prof', '0x'])('engine %s', (engine) => {
  it('finds the hot function of a TypeScript workload and writes every output', async () => {
    const result = await profileFixture('hot', ['--engine', engine]);
    expect(result.state).toBe('ok');
    expect(result.engine).toBe(engine);
    expect(result.sampleCount).toBeGreaterThan(100);
    // 0x's --prof ticks include the main thread's waits in libc (epoll_pwait while tsx compiles in
    // the module-hooks thread): there hotLoop must lead the JavaScript frames.
    const isScript = (file?: string) => file !== undefined && /\.(ts|js|mjs|cjs)$/.test(file);
    const top = engine === '0x' ? result.topSelf.find((f) => isScript(f.file)) : result.topSelf[0];
    expect(top?.name).toBe('hotLoop');
    expect(top?.selfShare).toBeGreaterThan(engine === '0x' ? 0.25 : 0.4);
    for (const file of [result.files.pprof, result.files.folded, result.files.svg]) {
      expect(file && existsSync(file)).toBe(true);
    }
    const profile = fromPprof(readFileSync(result.files.pprof as string), 'written pprof');
    expect(profile?.frames.some((f) => f.name === 'hotLoop')).toBe(true);
    expect(readFileSync(result.files.folded as string, 'utf8')).toMatch(/hotLoop/);
    expect(readFileSync(result.files.svg as string, 'utf8')).toMatch(/<svg[\s\S]*hotLoop[\s\S]*<\/svg>\s*$/);
    // Source-mapped through tsx's inline map: the original file and the line of `function hotLoop`.
    expect(top?.file).toBe(join(fixtures, 'hot.ts'));
    expect(top?.line).toBe(7);
    if (engine !== 'pprof') {
      // These engines sample the agent's exit work (saving the source maps): it is not the program.
      expect(readFileSync(result.files.folded as string, 'utf8')).not.toMatch(
        /writeSourceMaps|dist\/agent\//,
      );
    }
    if (engine === '0x') {
      expect(result.files.engine?.some((f) => f.endsWith('.0x.html') && existsSync(f))).toBe(true);
    }
  });
});

describe('child processes', () => {
  it.each(['pprof', 'cpu-prof'])(
    'profiles a forked Node child under its own root frame (%s)',
    async (engine) => {
      const result = await profileFixture('fork', ['--engine', engine]);
      expect(result.state).toBe('ok');
      expect(result.processes).toBe(2);
      // cpu-prof also counts the parent's wait as "(idle)": the hottest real function is the child's.
      expect(result.topSelf.find((f) => !f.name.startsWith('('))?.name).toBe('childHotLoop');
      const folded = readFileSync(result.files.folded as string, 'utf8');
      expect(folded).toMatch(/^node fork-child\.js 700 \(pid \d+\);.*childHotLoop/m);
      expect(folded).toMatch(/^node fork-parent\.js 700 \(pid \d+\);/m);
    },
  );
});
