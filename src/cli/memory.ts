/**
 * `profile memory <suite|all>` and `profile memory -- <command...>`: samples each workload's memory,
 * classifies its growth, writes the per-workload files, and rewrites memory_summary.md and
 * memory_results.json after every workload. Exit code 1 when a workload failed or a budget is not met.
 */
import { join } from 'node:path';
import { profileMemory } from '../memory/profile-memory.js';
import { MEMORY_JSON_VERSION, type MemoryResult } from '../memory/result.js';
import { renderMemorySummary } from '../memory/summary-md.js';
import { formatMemoryResult } from '../memory/terminal.js';
import { planTargets, type TargetFlags } from '../plan/plan-targets.js';
import { runTargets } from '../runner/run-in-turn.js';
import { checkPositive } from '../util/check-positive.js';
import { machineDescription } from '../util/machine.js';
import { plural } from '../util/words.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { afterRun, pageLine } from './after-run.js';

export interface MemoryCommandOptions extends TargetFlags {
  /** Milliseconds between readings. */
  interval: number;
  json?: boolean;
}

/** The series are large; --json and memory_results.json carry everything but them (they are in the .series files). */
function withoutSeries(result: MemoryResult): Omit<MemoryResult, 'samples'> & { sampleCount: number } {
  const { samples, ...rest } = result;
  return {
    ...rest,
    sampleCount: samples.length,
    metrics: rest.metrics.map((m) => ({ ...m, verdict: { ...m.verdict, evidence: undefined } })),
  };
}

export async function memoryCommand(
  target: string | undefined,
  command: string[],
  opts: MemoryCommandOptions,
): Promise<number> {
  checkPositive(opts as unknown as Record<string, unknown>, ['interval']);
  const { targets, outDir, note } = await planTargets(target, command, opts, 'memory');
  if (note) process.stderr.write(`${note}\n`);
  // Started now: git and the machine are read while the workloads run.
  const history = import('../history/context.js').then((m) => m.runContext());
  const summaryFile = join(outDir, 'memory_profiles', 'memory_summary.md');
  const resultsFile = join(outDir, 'memory_profiles', 'memory_results.json');

  const { results, interrupted } = await runTargets(
    targets,
    (t, signal) => {
      if (!opts.json) process.stderr.write(`sampling memory of ${t.suite}/${t.workload}...\n`);
      return profileMemory(t, { outDir, intervalMs: opts.interval, signal });
    },
    async (done) => {
      const summary = renderMemorySummary(done, {
        outDir,
        generatedAt: new Date(),
        machine: machineDescription(),
        nodeVersion: process.version,
      });
      await writeFileAtomic(summaryFile, summary);
      const json = { version: MEMORY_JSON_VERSION, command: 'memory', results: done.map(withoutSeries) };
      await writeFileAtomic(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
      if (!opts.json)
        process.stdout.write(`${formatMemoryResult(done.at(-1) as MemoryResult, process.cwd())}\n\n`);
    },
  );
  const { fromMemoryResults } = await import('../history/record.js');
  const page = await afterRun(
    outDir,
    results.length > 0 ? fromMemoryResults(results, await history) : undefined,
  );
  if (opts.json) {
    const json = {
      version: MEMORY_JSON_VERSION,
      command: 'memory',
      summary: summaryFile,
      results: results.map(withoutSeries),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const leaking = results.filter((r) => r.leak).length;
    const failedBudgets = results.flatMap((r) => r.budgets).filter((b) => b.status === 'fail').length;
    process.stdout.write(
      `${plural(results.length, 'workload')} sampled; ${leaking} growing; ${plural(failedBudgets, 'budget')} failed\nsummary: ${summaryFile}\n${page ? `${pageLine(page)}\n` : ''}`,
    );
  }
  if (interrupted) return 130;
  const ok = results.every((r) => r.state === 'ok' && r.budgets.every((b) => b.status === 'pass'));
  return ok ? 0 : 1;
}
