/**
 * `profile cpu <suite|all>` and `profile cpu -- <command...>`: plans the targets, profiles each,
 * prints the summary (or --json), and keeps profiles/cpu_results.json rewritten after every
 * workload so that a crash or Ctrl-C keeps what was already measured.
 */
import { join } from 'node:path';
import { profileWorkload } from '../cpu/profile-workload.js';
import { CPU_JSON_VERSION, type CpuResult } from '../cpu/result.js';
import { formatCpuResult, formatCpuTotals } from '../cpu/terminal.js';
import { ENGINE_NAMES, type EngineName, engines } from '../engines/index.js';
import { planTargets, type TargetFlags } from '../plan/plan-targets.js';
import { runTargets } from '../runner/run-in-turn.js';
import { checkPositive } from '../util/check-positive.js';
import { UserError } from '../util/user-error.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { afterRun, pageLine } from './after-run.js';

export interface CpuCommandOptions extends TargetFlags {
  engine: string;
  /** Milliseconds between samples. */
  interval: number;
  cpuTime?: boolean;
  json?: boolean;
  /** Rows of each top table, printed and in --json. @default 5 printed (TERMINAL_TOP), 10 in --json */
  top?: number;
}

/** Returns the exit code: 0 when every workload is ok, 1 otherwise, 130 on Ctrl-C. */
export async function cpuCommand(
  target: string | undefined,
  command: string[],
  opts: CpuCommandOptions,
): Promise<number> {
  if (!(ENGINE_NAMES as readonly string[]).includes(opts.engine)) {
    throw new UserError(`unknown engine "${opts.engine}". Engines: ${ENGINE_NAMES.join(', ')}.`);
  }
  checkPositive(opts as unknown as Record<string, unknown>, ['interval', 'top']);
  const engine = engines[opts.engine as EngineName];
  const { targets, outDir, note } = await planTargets(target, command, opts, 'cpu');
  if (note) process.stderr.write(`${note}\n`);
  // Started now: git and the machine are read while the workloads run.
  const history = import('../history/context.js').then((m) => m.runContext());
  const threadCounts = import('../history/thread-counts.js').then(async (m) => ({
    last: await m.lastThreadCounts(outDir),
    note: m.missingThreadsNote,
  }));

  const resultsFile = join(outDir, 'profiles', 'cpu_results.json');
  const { results, interrupted } = await runTargets(
    targets,
    (t, signal) => {
      if (!opts.json) process.stderr.write(`profiling ${t.suite}/${t.workload} (${engine.name})...\n`);
      return profileWorkload(t, {
        engine,
        intervalUs: Math.round(opts.interval * 1000),
        cpuTime: Boolean(opts.cpuTime),
        outDir,
        top: opts.top,
        signal,
      });
    },
    async (done) => {
      const result = done.at(-1) as CpuResult;
      const { last, note } = await threadCounts;
      const missing =
        result.state === 'ok'
          ? note(result.threads, last.of(`${result.suite}/${result.workload}`, result.engine))
          : undefined;
      if (missing) result.warning = result.warning ? `${result.warning}; ${missing}` : missing;
      await writeFileAtomic(
        resultsFile,
        `${JSON.stringify({ version: CPU_JSON_VERSION, results: done }, null, 2)}\n`,
      );
      if (!opts.json) process.stdout.write(`${formatCpuResult(result, process.cwd(), opts.top)}\n\n`);
    },
  );
  const { fromCpuResults } = await import('../history/record.js');
  const page = await afterRun(
    outDir,
    results.length > 0 ? fromCpuResults(results, await history) : undefined,
  );
  process.stdout.write(
    opts.json
      ? `${JSON.stringify({ version: CPU_JSON_VERSION, command: 'cpu', results }, null, 2)}\n`
      : `${formatCpuTotals(results)}\n${page ? `${pageLine(page)}\n` : ''}`,
  );
  if (interrupted) return 130;
  return results.every((r) => r.state === 'ok') ? 0 : 1;
}
