/**
 * Runs one workload under the agent's doctor mode end to end: the event loop's readings and a timed
 * CPU profile from inside each Node process, then figures, findings and files. A server is loaded
 * once it is ready and stopped when its load ends, as the other commands do. A crash or timeout
 * still yields a result with everything read up to that point.
 */

import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  artifactNames,
  type DoctorReading,
  ENV_DOCTOR_INTERVAL_MS,
  ENV_INTERVAL_US,
} from '../agent/protocol.cjs';
import { runClinicDoctor } from '../clinic/doctor.js';
import type { Clinic } from '../clinic/locate.js';
import type { FindingKind } from '../config/finding-kinds.js';
import { readJsonLines, readSourceMaps } from '../engines/agent-records.js';
import { agentDir, withAgent } from '../engines/paths.js';
import { frameMapper } from '../engines/saved-source-maps.js';
import { loadSummary } from '../load/summary.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import { renderDoctorChart } from '../render/doctor-chart.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { runTarget } from '../workload/run-target.js';
import { workloadRun } from '../workload/workload-run.js';
import { topAllocations } from './allocations.js';
import { checkDoctorBudgets } from './budgets.js';
import { doctorChartData } from './chart-data.js';
import { diagnose, measure, RULES } from './diagnose.js';
import type { ProcessReadings } from './figures/judged.js';
import { frameNamer } from './program-frame.js';
import type { DoctorResult } from './result.js';
import { readTimedSamples } from './timed-samples.js';

export interface DoctorRunOptions {
  outDir: string;
  /** Milliseconds between readings. @default 100 */
  intervalMs: number;
  /** CPU sampling interval, microseconds. */
  cpuIntervalUs: number;
  /** Findings that do not fail the run. */
  allow: FindingKind[];
  /** `--with-clinic`: clinic doctor on the same workload too, after perfsuite's own run. */
  clinic?: Clinic;
  signal?: AbortSignal;
}

export function doctorPaths(outDir: string, suite: string, workload: string) {
  const base = join(outDir, 'doctor', suite, workload);
  return {
    json: `${base}.json`,
    chart: `${base}.chart.svg`,
    cpuProfile: `${base}.cpuprofile`,
    allocationProfile: `${base}.heapprofile`,
    log: `${base}.log`,
    clinicHtml: `${base}.clinic-doctor.html`,
    clinicLog: `${base}.clinic.log`,
  };
}

/** The first process's allocation profile, read for the functions that allocated most; [] without one. */
async function allocationsOf(artifactDir: string, pid: number | undefined, cwd: string) {
  if (pid === undefined) return [];
  try {
    const text = await readFile(join(artifactDir, artifactNames.allocationProfile(pid)), 'utf8');
    const namer = frameNamer(cwd, agentDir, frameMapper(await readSourceMaps(artifactDir, pid)));
    return topAllocations(JSON.parse(text), namer);
  } catch {
    // None written (the process was killed) or cut short: the finding stands without its sites.
    return [];
  }
}

async function readProcesses(artifactDir: string, rootPid: number | undefined, cwd: string) {
  const series = await readJsonLines<DoctorReading>(artifactDir, 'doctor');
  // The process the runner started first; its children after it, in the order they started.
  series.sort((a, b) =>
    a.pid === rootPid ? -1 : b.pid === rootPid ? 1 : (a.rows[0]?.t ?? 0) - (b.rows[0]?.t ?? 0),
  );
  const processes: ProcessReadings[] = [];
  for (const { pid, rows } of series) {
    const text = await readFile(join(artifactDir, artifactNames.inspectorCpuProfile(pid)), 'utf8').catch(
      () => undefined,
    );
    let samples = null;
    try {
      const namer = frameNamer(cwd, agentDir, frameMapper(await readSourceMaps(artifactDir, pid)));
      samples = text === undefined ? null : readTimedSamples(JSON.parse(text), namer);
    } catch {
      // A profile cut short by a kill: the blocks are still measured, only not their functions.
    }
    processes.push({ pid, readings: rows, samples });
  }
  return processes;
}

export async function profileDoctor(target: PlannedTarget, options: DoctorRunOptions): Promise<DoctorResult> {
  const paths = doctorPaths(options.outDir, target.suite, target.workload);
  const artifactDir = await mkdtemp(join(tmpdir(), 'perfsuite-doctor-'));
  try {
    await mkdir(join(options.outDir, 'doctor', target.suite), { recursive: true });
    const env = withAgent(target.spec.env, artifactDir, 'doctor');
    env[ENV_DOCTOR_INTERVAL_MS] = String(options.intervalMs);
    env[ENV_INTERVAL_US] = String(options.cpuIntervalUs);
    const startedAt = Date.now();
    let rootPid: number | undefined;
    const { outcome, load: loaded } = await runTarget(
      target,
      { ...target.spec, env },
      {
        artifactDir,
        logFile: paths.log,
        ...(options.signal ? { signal: options.signal } : {}),
        onSpawn: (pid) => {
          rootPid = pid;
        },
      },
    );
    const processes = await readProcesses(artifactDir, rootPid, target.spec.cwd);
    const window = loaded ? { from: loaded.startedAt, to: loaded.endedAt } : undefined;
    const figures = measure(processes, options.intervalMs, startedAt, window);
    const firstPid = processes[0]?.pid;
    // Waiting is a finding for a program that ends on its own or serves load; an idle server or
    // watcher stopped after its duration waits by nature.
    const findings = await Promise.all(
      diagnose(figures, !outcome.stoppedAfterDuration).map(async (f) =>
        f.kind === 'gc-pressure'
          ? { ...f, allocations: await allocationsOf(artifactDir, firstPid, target.spec.cwd) }
          : f,
      ),
    );
    const enough = figures.judgedReadings >= RULES.minReadings;
    const files: DoctorResult['files'] = { log: paths.log };
    // The first process's profiles, kept: Chrome DevTools and speedscope open them.
    const keep = [
      [artifactNames.inspectorCpuProfile, 'cpuProfile'],
      [artifactNames.allocationProfile, 'allocationProfile'],
    ] as const;
    for (const [name, key] of keep) {
      if (firstPid === undefined) break;
      const copied = await copyFile(join(artifactDir, name(firstPid)), paths[key]).then(
        () => true,
        () => false,
      );
      if (copied) files[key] = paths[key];
    }
    files.json = paths.json;
    files.chart = paths.chart;
    const result: DoctorResult = {
      ...(await workloadRun(target, outcome, paths.log)),
      intervalMs: options.intervalMs,
      processes: processes.length,
      startupMs: figures.startupMs,
      scope: figures.scope,
      moduleLoadingMs: figures.moduleLoadingMs,
      // A run too short for a pattern can still hold one clear finding (a 900 ms block).
      diagnosis: {
        verdict: findings.length > 0 ? 'findings' : enough ? 'healthy' : 'insufficient data',
        findings,
        allowed: [...new Set([...options.allow, ...(target.config?.doctor?.allow ?? [])])],
      },
      budgets: checkDoctorBudgets(`${target.suite}/${target.workload}`, target.config?.doctor, figures),
      eventLoopDelayMs: figures.eventLoopDelayMs,
      utilization: figures.utilization,
      gcShare: figures.gcShare,
      gcPausesMs: figures.gcPausesMs,
      cpu: figures.cpu,
      blocks: figures.blocks.slice(0, 10),
      resources: figures.resources,
      samples: figures.samples,
      ...(loaded ? { load: loadSummary(loaded) } : {}),
      files,
    };
    // After perfsuite's own run, never at the same time: each would distort what the other measures.
    if (options.clinic && outcome.state !== 'interrupted')
      result.clinic = await runClinicDoctor(
        options.clinic,
        target,
        { html: paths.clinicHtml, log: paths.clinicLog },
        options.signal,
      );
    await writeFileAtomic(paths.chart, renderDoctorChart(doctorChartData(result)));
    await writeFileAtomic(
      paths.json,
      `${JSON.stringify({ ...result, readings: processes.map(({ pid, readings }) => ({ pid, readings })) }, null, 2)}\n`,
    );
    return result;
  } finally {
    await rm(artifactDir, { recursive: true, force: true });
  }
}
