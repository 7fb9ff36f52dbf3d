// A run that profiles fewer threads than the workload's last run says so: the profiles of two runs
// of one workload must not differ in their threads silently.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import { runCli, tempDir } from './run-cli.js';

const dir = tempDir('perfsuite-missing-thread-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('says a thread is missing when a run has fewer threads than the last one', async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pool', type: 'module' }));
  writeFileSync(
    join(dir, 'profile.config.mjs'),
    "export default { suites: { main: { workloads: { pool: { script: 'pool.mjs' } } } } };\n",
  );
  // As many workers as the file `workers` says, each busy for 200 ms.
  writeFileSync(
    join(dir, 'pool.mjs'),
    [
      "import { readFileSync } from 'node:fs';",
      "import { Worker } from 'node:worker_threads';",
      "const n = Number(readFileSync(new URL('./workers', import.meta.url), 'utf8'));",
      "const body = 'const end = Date.now() + 200; while (Date.now() < end);';",
      'for (let i = 0; i < n; i++) new Worker(body, { eval: true });',
      '',
    ].join('\n'),
  );
  const run = async (workers: number): Promise<CpuResult> => {
    writeFileSync(join(dir, 'workers'), String(workers));
    const cli = await runCli(['cpu', 'all', '--json'], { cwd: dir });
    expect(cli.code, cli.stderr).toBe(0);
    return (JSON.parse(cli.stdout) as { results: CpuResult[] }).results[0] as CpuResult;
  };
  const first = await run(2);
  expect(first.threads).toBe(3);
  expect(first.warning).toBeUndefined();
  const second = await run(1);
  expect(second.threads).toBe(2);
  expect(second.warning).toBe(
    '2 threads profiled where the last run had 3: a thread is missing from this run (one that ended before the profiler saw it, or a program that started fewer)',
  );
  // The next run is compared with this one: as many threads, nothing to say.
  expect((await run(1)).warning).toBeUndefined();
});
