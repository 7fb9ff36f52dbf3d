/**
 * Saved baselines of `profile validate` (`--save-baseline NAME`, `--baseline NAME`):
 * `<outDir>/.perfsuite/baselines/<name>.json`, one file per name, rewritten atomically.
 *
 * A baseline keeps every measurement's raw samples, not only its summary: the comparison is a Welch
 * t-test (src/stats/compare.ts), which needs each side's mean, variance and number of runs, and the
 * samples let a later version change the test (or the outlier rule) and still read old baselines.
 * The summary is stored beside them for people reading the file. Machine, Node version and date are
 * stored so a report can warn that a baseline came from elsewhere.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { formatIssues } from '../../config/read-config.js';
import type { Summary } from '../../stats/index.js';
import { baselinePath, checkBaselineName, listBaselines } from '../../store/perfsuite-dir.js';
import { UserError } from '../../util/user-error.js';
import { writeFileAtomic } from '../../util/write-atomic.js';
import type { Machine, Unit, ValidateResult } from '../measurement.js';

/** What a baseline keeps of one measurement. */
export interface BaselineMeasurement {
  unit: Unit;
  samples: number[];
  /** For people reading the file; comparisons recompute from the samples. */
  summary: Summary | null;
  /** A server's latency: each run's p99 (its samples are each run's p50), compared beside them. */
  p99Samples?: number[];
}

/**
 * What a baseline says of the CPU profiles kept beside it (baseline-profiles.ts): absent from a
 * baseline saved before profiles were kept, or with `--profile-runs 0`.
 */
export interface BaselineProfiles {
  engine: 'pprof';
  /** Sampling interval, microseconds. */
  intervalUs: number;
  /** Runs profiled per workload (the ones that ended ok are kept). */
  runs: number;
  /** Profiles kept per workload, keyed `suite/workload`. */
  workloads: Record<string, number>;
  /** The heap-profiled runs (`<name>.heap-profiles/`), the same way. */
  heap?: { runs: number; workloads: Record<string, number> };
}

/** The file `<outDir>/.perfsuite/baselines/<name>.json`. */
export interface Baseline {
  schemaVersion: 1;
  name: string;
  /** When the baseline was saved (ISO 8601). */
  savedAt: string;
  /** When the run it was taken from started. */
  startedAt: string;
  machine: Machine;
  /** Node version of that run (also in machine.node; kept at the top for quick reading). */
  node: string;
  config: string;
  /** Keyed by measurement id (`commands/dry_run:wall`). */
  measurements: Record<string, BaselineMeasurement>;
  profiles?: BaselineProfiles;
}

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const summarySchema = z.looseObject({ n: z.number(), mean: z.number() });
const baselineSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  savedAt: z.string(),
  startedAt: z.string(),
  machine: z.object({
    cpus: z.number(),
    cpuModel: z.string(),
    memoryGb: z.number(),
    os: z.string(),
    node: z.string(),
  }),
  node: z.string(),
  config: z.string(),
  measurements: z.record(
    z.string(),
    z.object({
      unit: z.enum(['ms', 'MB', 'req/s']),
      samples: z.array(finite),
      summary: summarySchema.nullable(),
      p99Samples: z.array(finite).optional(),
    }),
  ),
  profiles: z
    .object({
      engine: z.literal('pprof'),
      intervalUs: z.number(),
      runs: z.number(),
      workloads: z.record(z.string(), z.number()),
      heap: z.object({ runs: z.number(), workloads: z.record(z.string(), z.number()) }).optional(),
    })
    .optional(),
});

/** The baseline a run would save, without writing it (what saveBaseline writes). */
export function toBaseline(
  name: string,
  result: ValidateResult,
  savedAt = new Date(),
  profiles?: BaselineProfiles,
): Baseline {
  checkBaselineName(name);
  const measurements: Record<string, BaselineMeasurement> = {};
  for (const m of result.measurements) {
    // A measurement with no samples has nothing to compare against; leaving it out makes a later
    // run list it as "not in the baseline" rather than compare against nothing.
    if (m.samples.length === 0) continue;
    measurements[m.id] = {
      unit: m.unit,
      samples: [...m.samples],
      summary: m.summary,
      ...(m.pooled ? { p99Samples: [...m.pooled.p99Samples] } : {}),
    };
  }
  return {
    schemaVersion: 1,
    name,
    savedAt: savedAt.toISOString(),
    startedAt: result.startedAt,
    machine: result.machine,
    node: result.machine.node,
    config: result.config,
    measurements,
    ...(profiles ? { profiles } : {}),
  };
}

/** Saves `result` as baseline `name` under `outDir`, replacing one of the same name; returns the path. */
export async function saveBaseline(
  outDir: string,
  name: string,
  result: ValidateResult,
  savedAt = new Date(),
  profiles?: BaselineProfiles,
): Promise<string> {
  const path = baselinePath(outDir, name);
  await writeFileAtomic(path, `${JSON.stringify(toBaseline(name, result, savedAt, profiles), null, 2)}\n`);
  return path;
}

/** Reads baseline `name` from `outDir`; a missing or broken file is a UserError that says what to do. */
export async function readBaseline(outDir: string, name: string): Promise<Baseline> {
  const path = baselinePath(outDir, name);
  if (!existsSync(path)) {
    const saved = await listBaselines(outDir);
    const list = saved.length > 0 ? `saved baselines: ${saved.join(', ')}` : 'no baseline is saved there yet';
    throw new UserError(
      `baseline "${name}" not found: ${path} does not exist (${list}). ` +
        `Save one first with --save-baseline ${name}.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UserError(`could not read baseline ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UserError(
      `baseline ${path} is not a perfsuite baseline (schema version 1):\n${formatIssues(parsed.error)}\n` +
        `Save it again with --save-baseline ${name}.`,
    );
  }
  return parsed.data as Baseline;
}
