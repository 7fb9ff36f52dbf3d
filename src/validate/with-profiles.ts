/**
 * `profile validate --with-profiles`: after the timings (so profiling never disturbs them), runs
 * `profile cpu` and `profile memory` on the same target as child processes of this CLI, and returns
 * links (absolute paths) to what they wrote (each flamegraph, memory_summary.md) for the report. A failure of either
 * is reported as a link-less note on stderr, never as a lost validation.
 */
import { spawn } from 'node:child_process';
import { inPackage } from '../util/package-root.js';
import type { ValidateResult } from './measurement.js';

const BIN = inPackage('bin', 'profile.js');

export interface ProfileFlags {
  config?: string | undefined;
  workload?: string[] | undefined;
  outDir: string;
}

interface CpuJson {
  results: { suite: string; workload: string; files: { svg?: string } }[];
}
interface MemoryJson {
  summary: string;
}

async function runProfile(
  verb: 'cpu' | 'memory',
  target: string | undefined,
  command: string[],
  flags: ProfileFlags,
) {
  const args = [BIN, verb, ...(target ? [target] : []), '--json', '--out-dir', flags.outDir];
  if (flags.config) args.push('--config', flags.config);
  for (const w of flags.workload ?? []) args.push('--workload', w);
  if (command.length > 0) args.push('--', ...command);
  const run = await runForOutput(process.execPath, args);
  try {
    return JSON.parse(run.stdout) as unknown;
  } catch {
    process.stderr.write(
      `profile ${verb} wrote no result (exit code ${run.exitCode}); its outputs are not linked\n`,
    );
    return undefined;
  }
}

export async function profileLinks(
  target: string | undefined,
  command: string[],
  flags: ProfileFlags,
): Promise<ValidateResult['links']> {
  const links: ValidateResult['links'] = [];
  const cpu = (await runProfile('cpu', target, command, flags)) as CpuJson | undefined;
  for (const r of cpu?.results ?? []) {
    if (r.files.svg) links.push({ label: `CPU flamegraph ${r.suite}/${r.workload}`, path: r.files.svg });
  }
  const memory = (await runProfile('memory', target, command, flags)) as MemoryJson | undefined;
  if (memory?.summary) links.push({ label: 'memory summary', path: memory.summary });
  return links;
}

/** Runs a program to its end with our stderr, collecting its stdout; a failure is an exit code. */
function runForOutput(file: string, args: string[]): Promise<{ stdout: string; exitCode: number }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', () => resolve({ stdout: '', exitCode: 1 }));
    child.once('close', (code) =>
      resolve({ stdout: Buffer.concat(chunks).toString('utf8'), exitCode: code ?? 1 }),
    );
  });
}
