// The page's data from what is on disk (build-page.ts): a CPU workload without samples has no profile
// file (profile cpu writes no empty flamegraph) and simply has no section; the page still builds.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CpuResult } from '../cpu/result.js';
import { fromFolded } from '../model/folded.js';
import { toPprof } from '../model/pprof.js';
import { buildPage } from './build-page.js';

function cpuResult(workload: string, sampleCount: number, files: CpuResult['files']): CpuResult {
  return {
    suite: 'demo',
    workload,
    state: 'ok',
    durationMs: 1500,
    engine: 'pprof',
    measures: 'wall time (@datadog/pprof)',
    processes: 1,
    threads: 1,
    byProcess: [],
    sampleCount,
    postProcessMs: 10,
    topSelf: [],
    topTotal: [],
    files,
  };
}

describe('buildPage', () => {
  it('builds with a CPU workload that wrote no profile, and counts in the singular', async () => {
    const out = mkdtempSync(join(tmpdir(), 'perfsuite-page-'));
    mkdirSync(join(out, 'profiles', 'demo'), { recursive: true });
    const profile = fromFolded('main;hot 1\n', 'hot.folded');
    if (!profile) throw new Error('the folded text did not parse');
    const pprof = join(out, 'profiles', 'demo', 'hot.cpu.pb.gz');
    writeFileSync(pprof, toPprof(profile));
    const results = [
      cpuResult('hot', 1, { pprof }),
      cpuResult('idle', 0, { log: join(out, 'profiles', 'demo', 'idle.log') }),
    ];
    writeFileSync(join(out, 'profiles', 'cpu_results.json'), JSON.stringify({ version: 1, results }));

    const { data } = await buildPage(out, { runs: [], series: [], moved: [], rule: '' });
    expect(data.unreadable).toEqual([]);
    expect(data.cpu.map((s) => s.workload)).toEqual(['hot']);
    expect(data.cpu[0]?.subtitle).toBe('pprof engine; 1 sample, 1 process, 1 thread; 1.50 s');
    expect(data.cpu[0]?.links.map((l) => l.label)).toEqual(['pprof']);
  });
});
