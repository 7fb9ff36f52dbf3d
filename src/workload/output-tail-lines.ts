/**
 * What every terminal summary (cpu, memory, doctor) prints under a workload that is not ok: the last
 * lines it printed (WorkloadRun's `outputTail`), indented under its FAILED line, so that its error
 * and stack are seen without opening the log.
 */
import type { WorkloadRun } from './workload-run.js';

/**
 * `last output:` and the tail's lines, each indented by `indent` and two spaces more; none when
 * there is no tail, or when the reason already quotes it (a server that was never ready).
 */
export function outputTailLines(run: Pick<WorkloadRun, 'outputTail' | 'reason'>, indent: string): string[] {
  const tail = run.outputTail ?? [];
  const last = tail.at(-1);
  if (last === undefined || run.reason?.includes(last)) return [];
  return [`${indent}last output:`, ...tail.map((line) => `${indent}  ${line}`)];
}
