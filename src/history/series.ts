/**
 * What a record says of each measurement it has, in one shape whatever the command: an id, a unit,
 * the median (and p95, with the sample count), so that the trends treat a validate measurement, a
 * CPU run's wall time and a memory run's peak alike. Also which workloads or suites the run covered,
 * so that a measurement missing from a run that covered it is told apart from one that was not run.
 *
 * Ids: a validate measurement keeps its own (`commands/dry_run:wall`); the others are prefixed by
 * their command, which a suite name cannot hold (names are `[A-Za-z0-9_.-]`):
 * `cpu:<suite>/<workload>:wall` (ms, left out for a server: its wall time is its load's duration),
 * `memory:<suite>/<workload>:peakRss` (MB), and for a server under the built-in load
 * `<cpu|memory>:<suite>/<workload>:rps` (req/s) and `:p99` (ms).
 */
import type { Unit } from '../validate/measurement.js';
import type { HistoryCommand, HistoryMachine, HistoryRecord, LoadFigures } from './record.js';

/** One measurement in one run. */
export interface SeriesValue {
  id: string;
  unit: Unit;
  /** What a run of this measurement covers: `cpu:<suite>/<workload>`, or `validate:<suite>`. */
  scope: string;
  median: number;
  /** Absent for a single run. */
  p95?: number;
  /** Samples behind the median: 1 for a single run. */
  n: number;
}

/**
 * The machine's label, which also tells machines apart: the name given to it, else its hardware
 * and platform. The kernel release and Node version are left out: a CI runner's kernel changes
 * under it, and a Node upgrade is a change the trend should show, not a new machine.
 */
export function machineLabel(machine: HistoryMachine): string {
  if (machine.name) return machine.name;
  const words = machine.os.split(' ');
  const platform = words.length > 2 ? `${words[0]} ${words.at(-1)}` : machine.os;
  return `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, ${platform}`;
}

function loadValues(prefix: string, scope: string, load: LoadFigures): SeriesValue[] {
  const values: SeriesValue[] = [];
  if (load.rps !== undefined)
    values.push({ id: `${prefix}:rps`, unit: 'req/s', scope, median: load.rps, n: 1 });
  if (load.p99 !== undefined) values.push({ id: `${prefix}:p99`, unit: 'ms', scope, median: load.p99, n: 1 });
  return values;
}

function workloadScope(cmd: HistoryCommand, w: string): string {
  return `${cmd}:${w}`;
}

/** Every measurement of a record (workloads that did not end ok have none). */
export function recordValues(record: HistoryRecord): SeriesValue[] {
  const values: SeriesValue[] = [];
  for (const [id, m] of Object.entries(record.m ?? {})) {
    const suite = id.slice(0, id.indexOf('/'));
    values.push({
      id,
      unit: m.u,
      scope: `validate:${suite}`,
      median: m.med,
      ...(m.n >= 2 ? { p95: m.p95 } : {}),
      n: m.n,
    });
  }
  for (const entry of record.cpu ?? []) {
    if (entry.st) continue;
    const scope = workloadScope('cpu', entry.w);
    const server = entry.rps !== undefined || entry.p99 !== undefined;
    if (!server) values.push({ id: `cpu:${entry.w}:wall`, unit: 'ms', scope, median: entry.ms, n: 1 });
    values.push(...loadValues(`cpu:${entry.w}`, scope, entry));
  }
  for (const entry of record.mem ?? []) {
    if (entry.st) continue;
    const scope = workloadScope('memory', entry.w);
    values.push({ id: `memory:${entry.w}:peakRss`, unit: 'MB', scope, median: entry.peak, n: 1 });
    values.push(...loadValues(`memory:${entry.w}`, scope, entry));
  }
  return values;
}

/**
 * What the run covered: each workload it ran (failed ones too: their measurements are then gone),
 * or for validate each suite selected. An interrupted run covers nothing beyond the measurements it
 * has (a suite it stopped in the middle of is not a suite whose other measurements went away).
 */
export function recordScopes(record: HistoryRecord, values: readonly SeriesValue[]): Set<string> {
  if (record.interrupted) return new Set();
  const scopes = new Set<string>();
  for (const suite of record.suites ?? []) scopes.add(`validate:${suite}`);
  for (const entry of record.cpu ?? []) scopes.add(workloadScope('cpu', entry.w));
  for (const entry of record.mem ?? []) scopes.add(workloadScope('memory', entry.w));
  for (const value of values) scopes.add(value.scope);
  return scopes;
}
