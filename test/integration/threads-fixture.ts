/** Profiles the worker-thread fixtures (test/fixtures/threads.cjs) for the thread tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CpuResult } from '../../src/cpu/result.js';
import type { FunctionStat } from '../../src/model/top.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const script = join(fixtures, 'threads.cjs');
/** The fixture as frame names show it: relative to the working directory (the repository). */
export const F = String.raw`test/fixtures/threads\.cjs`;
export const re = (source: string, flags = '') => new RegExp(source, flags);

export async function profile(engine: string, mode: string, fixture = script): Promise<CpuResult> {
  const out = tempDir();
  const run = await runCli([
    'cpu',
    // Deep enough that every hot function of the fixture is listed by total time.
    '--top',
    '50',
    '--engine',
    engine,
    '--json',
    '--out-dir',
    out,
    '--',
    'node',
    fixture,
    mode,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const result = (JSON.parse(run.stdout) as { results: CpuResult[] }).results[0] as CpuResult;
  expect(result.state).toBe('ok');
  return result;
}

export const folded = (result: CpuResult): string => readFileSync(result.files.folded as string, 'utf8');
export const log = (result: CpuResult): string => readFileSync(result.files.log as string, 'utf8');
export const fn = (result: CpuResult, name: string): FunctionStat | undefined =>
  result.topTotal.find((f) => f.name === name) ?? result.topSelf.find((f) => f.name === name);
/** Folded lines of one thread: `node threads.cjs <mode> (pid N);<thread>;...`. */
export const threadLines = (result: CpuResult, thread: RegExp): string[] =>
  folded(result)
    .split('\n')
    .filter((line) => thread.test(line.split(';')[1] ?? ''));
