/**
 * `profile doctor <suite|all>` and `profile doctor -- <command...>`: records each workload's
 * event-loop health, diagnoses it, writes doctor/<suite>/<workload>.json and rewrites
 * doctor/doctor_summary.md after every workload. Exit code 1 when a workload failed or a finding
 * holds that `--allow` does not accept, so a CI job can gate on it.
 */
import { join } from 'node:path';
import { locateClinic } from '../clinic/locate.js';
import { FINDING_KINDS, type FindingKind } from '../config/finding-kinds.js';
import { profileDoctor } from '../doctor/profile-doctor.js';
import { DOCTOR_JSON_VERSION, type DoctorResult } from '../doctor/result.js';
import { renderDoctorSummary } from '../doctor/summary-md.js';
import { formatDoctorResult } from '../doctor/terminal.js';
import { planTargets, type TargetFlags } from '../plan/plan-targets.js';
import { runTargets } from '../runner/run-in-turn.js';
import { checkPositive } from '../util/check-positive.js';
import { machineDescription } from '../util/machine.js';
import { UserError } from '../util/user-error.js';
import { plural } from '../util/words.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { afterRun, pageLine } from './after-run.js';

export interface DoctorCommandOptions extends TargetFlags {
  /** Milliseconds between readings. */
  interval: number;
  /** Milliseconds between CPU samples. */
  cpuInterval: number;
  allow?: string[];
  json?: boolean;
  /** Run clinic doctor on each workload too. */
  withClinic?: boolean;
  /** Where clinic is (implies withClinic). */
  clinic?: string;
}

/** The series are in the per-workload JSON files; --json carries everything else. */
function withoutSamples(result: DoctorResult): Omit<DoctorResult, 'samples'> {
  const { samples: _samples, ...rest } = result;
  return rest;
}

function allowedKinds(allow: string[] = []): FindingKind[] {
  for (const kind of allow) {
    if (!(FINDING_KINDS as readonly string[]).includes(kind))
      throw new UserError(`--allow "${kind}" is not a finding; the findings are ${FINDING_KINDS.join(', ')}`);
  }
  return allow as FindingKind[];
}

/** A finding nobody allowed, a budget not met, or a run that did not end as it should. */
export function failed(result: DoctorResult): boolean {
  return (
    result.state !== 'ok' ||
    result.diagnosis.findings.some((f) => !result.diagnosis.allowed.includes(f.kind)) ||
    result.budgets.some((b) => b.status === 'fail')
  );
}

export async function doctorCommand(
  target: string | undefined,
  command: string[],
  opts: DoctorCommandOptions,
): Promise<number> {
  checkPositive(opts as unknown as Record<string, unknown>, ['interval', 'cpuInterval']);
  const allow = allowedKinds(opts.allow);
  const { targets, outDir, note } = await planTargets(target, command, opts, 'doctor');
  // Looked for before anything runs: a missing clinic is a usage error, not a failed workload.
  const clinic =
    opts.withClinic || opts.clinic !== undefined
      ? locateClinic(targets[0]?.spec.cwd ?? process.cwd(), opts.clinic)
      : undefined;
  if (note) process.stderr.write(`${note}\n`);
  const summaryFile = join(outDir, 'doctor', 'doctor_summary.md');
  const resultsFile = join(outDir, 'doctor', 'doctor_results.json');

  const { results, interrupted } = await runTargets(
    targets,
    (t, signal) => {
      if (!opts.json) process.stderr.write(`examining ${t.suite}/${t.workload}...\n`);
      return profileDoctor(t, {
        outDir,
        intervalMs: opts.interval,
        cpuIntervalUs: Math.round(opts.cpuInterval * 1000),
        allow,
        ...(clinic ? { clinic } : {}),
        signal,
      });
    },
    async (done) => {
      const summary = renderDoctorSummary(done, {
        outDir,
        generatedAt: new Date(),
        machine: machineDescription(),
        nodeVersion: process.version,
      });
      await writeFileAtomic(summaryFile, summary);
      // What the report page reads (report/build-page.ts): the --json document, without the summary.
      const json = { version: DOCTOR_JSON_VERSION, command: 'doctor', results: done.map(withoutSamples) };
      await writeFileAtomic(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
      if (!opts.json)
        process.stdout.write(`${formatDoctorResult(done.at(-1) as DoctorResult, process.cwd())}\n\n`);
    },
  );
  // Not in the run history yet: the page shows the last doctor run's results.
  const page = results.length > 0 ? await afterRun(outDir, undefined) : undefined;
  if (opts.json) {
    const json = {
      version: DOCTOR_JSON_VERSION,
      command: 'doctor',
      summary: summaryFile,
      results: results.map(withoutSamples),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const unhealthy = results.filter((r) => r.diagnosis.verdict === 'findings').length;
    const failedBudgets = results.flatMap((r) => r.budgets).filter((b) => b.status === 'fail').length;
    process.stdout.write(
      `${plural(results.length, 'workload')} examined; ${unhealthy} with findings; ${plural(failedBudgets, 'budget')} failed\n` +
        `summary: ${summaryFile}\n${page ? `${pageLine(page)}\n` : ''}`,
    );
  }
  if (interrupted) return 130;
  return results.some(failed) ? 1 : 0;
}
