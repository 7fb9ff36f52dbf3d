// TypeScript workloads run as they would ship: transpiled ahead of the run, so the profile holds the
// program and no loader (no tsx frame, no module-hooks thread), frames point at .ts lines, and what
// the program reaches beside its code (relative imports written any way, files read by URL, worker
// scripts, package.json type) works from the transpiled copy. In scratch projects outside the repo.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import { runCli, tempDir } from './run-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string | object>): string {
  const dir = tempDir('perfsuite-ts-project-');
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

async function profile(dir: string, workload: string): Promise<CpuResult> {
  const run = await runCli(['cpu', 'main', '-w', workload, '--json', '--top', '20'], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { results: CpuResult[] }).results[0] as CpuResult;
}

const log = (dir: string, workload: string): string =>
  readFileSync(join(dir, 'profiles', 'main', `${workload}.log`), 'utf8');

/** Any frame of a loader: tsx's files, esbuild's, Node's module-hooks thread. */
const LOADER = /tsx|esbuild|esm\/hooks|waitForWorker|makeSyncRequest/;

const config = (workloads: Record<string, object>) =>
  `export default { suites: { main: { workloads: ${JSON.stringify(workloads)} } } };\n`;

describe('TypeScript run as it would ship', () => {
  it("a one-second program's own function holds the profile, at its .ts line, with no loader frame", async () => {
    const dir = project({
      'package.json': { name: 'spin', type: 'module' },
      'tsconfig.json': { compilerOptions: { module: 'NodeNext', strict: true } },
      'profile.config.mjs': config({ spin: { script: 'src/spin.ts' } }),
      'src/spin.ts': [
        "import { deadline } from './clock';",
        '',
        'function spin(until: number): number {',
        '  let x = 0;',
        '  do for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i);',
        '  while (performance.now() < until);',
        '  return x;',
        '}',
        'console.log(spin(deadline(1000)) > 0);',
        '',
      ].join('\n'),
      'src/clock.ts': 'export const deadline = (ms: number): number => performance.now() + ms;\n',
    });
    const result = await profile(dir, 'spin');
    expect(result.state).toBe('ok');
    expect(result.threads).toBe(1);
    const [top] = result.topSelf;
    expect(top?.name).toBe('spin');
    expect(top?.file).toBe(join(dir, 'src', 'spin.ts'));
    expect(top?.line).toBe(3);
    expect(top?.selfShare).toBeGreaterThanOrEqual(0.88);
    for (const f of [...result.topSelf, ...result.topTotal])
      expect(`${f.name} ${f.file}`).not.toMatch(LOADER);
  });

  it('workers started by URL, files read beside the code, CommonJS packages and the tsx opt-out', async () => {
    const dir = project({
      'package.json': { name: 'pool', type: 'module' },
      'profile.config.mjs': config({
        pool: { script: 'src/main.ts' },
        legacy: { script: 'cjs/main.ts' },
        loader: { script: 'src/where.ts', typescript: 'tsx' },
      }),
      'data/words.txt': 'alpha beta gamma\n',
      'src/main.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { Worker } from 'node:worker_threads';",
        "import { count } from './lib/index';",
        "const words = readFileSync(new URL('../data/words.txt', import.meta.url), 'utf8');",
        "const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: words });",
        "worker.on('message', (n: number) => console.log('worker counted', n, 'main counted', count(words)));",
        '',
      ].join('\n'),
      'src/lib/index.ts': "export const count = (text: string): number => text.split(' ').length;\n",
      'src/worker.ts': [
        "import { parentPort, workerData } from 'node:worker_threads';",
        "import { count } from './lib/index.ts';",
        'const until = performance.now() + 300;',
        'let n = 0;',
        'while (performance.now() < until) n = count(workerData as string);',
        'parentPort?.postMessage(n);',
        '',
      ].join('\n'),
      'cjs/package.json': { type: 'commonjs' },
      'cjs/main.ts': "import { basename } from 'node:path';\nconsole.log('in', basename(__dirname));\n",
      'src/where.ts': "console.log('loader', process.execArgv.join(' '));\n",
    });
    const pool = await profile(dir, 'pool');
    expect(pool.state).toBe('ok');
    // The main thread and the worker: no module-hooks thread.
    expect(pool.threads).toBe(2);
    expect(pool.topSelf.map((f) => `${f.name} ${f.file}`).join('\n')).not.toMatch(LOADER);
    expect(pool.topSelf.some((f) => f.file === join(dir, 'src', 'lib', 'index.ts'))).toBe(true);

    expect(log(dir, 'pool')).toContain('worker counted 3 main counted 3');
    expect((await profile(dir, 'legacy')).state).toBe('ok');
    expect(log(dir, 'legacy')).toContain('in cjs');
    expect((await profile(dir, 'loader')).state).toBe('ok');
    expect(log(dir, 'loader')).toMatch(/^loader --import file:\/\/\S*tsx/m);
  });

  it("a failing program's error points at its .ts line", async () => {
    const dir = project({
      'package.json': { name: 'fails', type: 'module' },
      'profile.config.mjs': config({ fails: { script: 'src/fails.ts' } }),
      'src/fails.ts': "type Reason = string;\nconst why: Reason = 'no input';\nthrow new Error(why);\n",
    });
    const run = await runCli(['cpu', 'main', '--json'], { cwd: dir });
    const [result] = (JSON.parse(run.stdout) as { results: CpuResult[] }).results;
    expect(result?.state).toBe('failed');
    expect(result?.outputTail?.join('\n')).toContain(`${join(dir, 'src', 'fails.ts')}:3`);
  });
});
