/**
 * Runs a suite's in-process benchmarks (`suites.<suite>.benchmarks`): spawns the harness in a child
 * Node process, reads its result file and turns each function into a Measurement (kind
 * `benchmark`, metric `call`, per-call latency in ms). Mistakes in the file, the filters or the
 * targets become UserErrors that list the functions that exist.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Benchmarks } from '../../config/schema.js';
import { inheritedEnv } from '../../runner/launch.js';
import { type ProcessOutcome, runProcess } from '../../runner/run-process.js';
import { tsxLoaderUrl } from '../../runner/tsx.js';
import { inPackage } from '../../util/package-root.js';
import { UserError } from '../../util/user-error.js';
import type { Measurement } from '../measurement.js';
import {
  type BenchFunctionResult,
  compilePattern,
  describeGroups,
  type HarnessRequest,
  type HarnessResult,
} from './bench-protocol.js';
import { limitOf, toMeasurement } from './to-measurement.js';

/** The built harness: the child runs plain Node (plus tsx for the user's file), never our sources. */
export const harnessPath = inPackage('dist', 'validate', 'measure', 'bench-harness.js');

export interface RunBenchmarksOptions {
  /** Patterns on the group name or "group/name": substring, or /regex/. None: every function. */
  filters: string[];
  /** Aborted on Ctrl-C: the harness is stopped and the functions done so far are kept. */
  signal?: AbortSignal;
  /** The whole harness process (every function) is killed after this long. */
  timeoutMs: number;
  /** The harness's output: progress lines and the stacks of functions that threw. */
  logFile: string;
}

export async function runBenchmarks(
  suite: string,
  benchmarks: Benchmarks,
  baseDir: string,
  options: RunBenchmarksOptions,
): Promise<Measurement[]> {
  const file = resolve(baseDir, benchmarks.file);
  const key = `suites.${suite}.benchmarks.file`;
  if (!existsSync(file)) {
    throw new UserError(
      `benchmark file ${file} not found: ${key} is "${benchmarks.file}", relative to ${baseDir}. ` +
        'Fix the path, or create the file with a default export of defineBenchmarks from perfsuite/bench.',
    );
  }
  // A bad /regex/ is reported here, before a process is started.
  for (const filter of options.filters) compilePattern(filter);
  if (!existsSync(harnessPath)) throw new Error(`${harnessPath} is missing: run \`npm run build\``);

  const dir = await mkdtemp(join(tmpdir(), 'perfsuite-bench-'));
  try {
    const request: HarnessRequest = {
      file,
      timeMs: benchmarks.time,
      filters: options.filters,
      targetKeys: Object.keys(benchmarks.targets),
      out: join(dir, 'result.json'),
    };
    const outcome = await runProcess(
      {
        argv: [process.execPath, '--import', tsxLoaderUrl, harnessPath, JSON.stringify(request)],
        cwd: baseDir,
        env: inheritedEnv(),
      },
      {
        timeoutMs: options.timeoutMs,
        logFile: options.logFile,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
    const result = await readResult(request.out);
    if (!result) {
      if (outcome.state === 'interrupted') return [];
      throw new UserError(
        `the benchmarks of ${file} (${key}) produced no result: the harness ${outcome.reason ?? 'exited early'}` +
          ` before loading them. Its output is in ${options.logFile}.`,
      );
    }
    checkProblems(result, { suite, file, key, logFile: options.logFile });
    return toMeasurements(suite, benchmarks, result, outcome, options.logFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readResult(path: string): Promise<HarnessResult | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as HarnessResult;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function checkProblems(
  result: HarnessResult,
  where: { suite: string; file: string; key: string; logFile: string },
): void {
  const problem = result.problem;
  if (!problem) return;
  const functions = `Functions of ${where.file}: ${describeGroups(result.groups)}.`;
  switch (problem.kind) {
    case 'load-error': {
      const message = problem.message.split('\n').slice(0, 4).join('\n  ');
      throw new UserError(
        `could not load the benchmark file ${where.file} (${where.key}):\n  ${message}\nFull output in ${where.logFile}.`,
      );
    }
    case 'not-defined':
      throw new UserError(
        `${where.file} (${where.key}) has ${problem.exported}: its default export must be ` +
          "`export default defineBenchmarks({ group: { name: () => ... } })` with defineBenchmarks from 'perfsuite/bench'.",
      );
    case 'unmatched': {
      const lines: string[] = [];
      if (problem.filters.length > 0) {
        const quoted = problem.filters.map((f) => `"${f}"`).join(', ');
        lines.push(`benchmark filter ${quoted} matches no group or "group/name".`);
      }
      if (problem.unknownTargets.length > 0) {
        const quoted = problem.unknownTargets.map((t) => `"${t}"`).join(', ');
        lines.push(
          `suites.${where.suite}.benchmarks.targets names ${quoted}, which the benchmark file does not define ` +
            '(keys are "group/name").',
        );
      }
      throw new UserError(`${lines.join(' ')} ${functions}`);
    }
  }
}

function endedHow(outcome: ProcessOutcome): string {
  if (outcome.state === 'interrupted') return 'was interrupted (Ctrl-C)';
  return outcome.reason ?? 'ended before every function had run';
}

/** One measurement per selected function; those the harness never finished carry the reason. */
function toMeasurements(
  suite: string,
  benchmarks: Benchmarks,
  result: HarnessResult,
  outcome: ProcessOutcome,
  logFile: string,
): Measurement[] {
  const byKey = new Map<string, BenchFunctionResult>(result.results.map((r) => [`${r.group}/${r.name}`, r]));
  return result.selected.map((name) => {
    const done = byKey.get(name);
    const failures: string[] = [];
    if (!done) failures.push(`not measured: the benchmark process ${endedHow(outcome)}`);
    else if (done.error) failures.push(`threw ${done.error.split('\n')[0]} (stack in ${logFile})`);
    return toMeasurement({
      suite,
      name,
      metric: 'call',
      kind: 'benchmark',
      unit: 'ms',
      samples: done?.samples ?? [],
      limits: (benchmarks.targets[name] ?? []).map(limitOf),
      failures,
    });
  });
}
