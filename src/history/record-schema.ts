/**
 * Tells a history line apart: a record of this version, a record of another version, or something
 * else (a torn write, a line of another tool). A history file may be years old, hand-edited, or
 * merged from other machines, so every record is validated before the trends read it: a bad one is
 * skipped with a reason instead of breaking the page. Unknown keys are allowed (and dropped), so a
 * later minor addition does not make old readers skip records.
 */
import { z } from 'zod';
import { ENGINE_NAMES } from '../engines/engine.js';
import { HISTORY_VERSION, type HistoryRecord } from './record.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().min(0);
const state = z.enum(['ok', 'failed', 'timeout', 'interrupted', 'error']);
const load = { rps: finite.optional(), p99: finite.optional() };

const recordSchema = z.object({
  v: z.literal(HISTORY_VERSION),
  id: z.string().min(1),
  t: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'must be an ISO date'),
  cmd: z.enum(['cpu', 'memory', 'validate']),
  git: z
    .object({ commit: z.string().optional(), branch: z.string().optional(), dirty: z.boolean() })
    .optional(),
  machine: z.object({
    cpus: count,
    cpuModel: z.string(),
    memoryGb: finite,
    os: z.string(),
    node: z.string(),
    name: z.string().optional(),
  }),
  interrupted: z.literal(true).optional(),
  suites: z.array(z.string()).optional(),
  exit: z.number().int().optional(),
  base: z.string().optional(),
  m: z
    .record(
      z.string(),
      z.object({
        u: z.enum(['ms', 'MB', 'req/s']),
        med: finite,
        p95: finite,
        n: count,
        chg: finite.optional(),
        vd: z.enum(['improved', 'regressed', 'no change', 'within noise']).optional(),
      }),
    )
    .optional(),
  servers: z.array(z.object({ w: z.string(), ...load })).optional(),
  cpu: z
    .array(
      z.object({
        w: z.string(),
        st: state.optional(),
        eng: z.enum(ENGINE_NAMES).optional(),
        ms: finite,
        n: count,
        th: count.optional(),
        top: z.array(z.tuple([z.string(), z.string(), finite])),
        ...load,
      }),
    )
    .optional(),
  mem: z
    .array(
      z.object({
        w: z.string(),
        st: state.optional(),
        verdict: z.enum(['stable', 'linear', 'exponential', 'insufficient data']),
        leak: z.boolean(),
        peak: finite,
        ...load,
      }),
    )
    .optional(),
});

// The schema and the documented type must agree both ways; tsc fails here when they drift.
type Parsed = z.infer<typeof recordSchema>;
const toRecord = (parsed: Parsed): HistoryRecord => parsed;
const toParsed = (record: HistoryRecord): Parsed => record;
void toRecord;
void toParsed;

/** A line read back: a record, or why it was skipped. */
export type ParsedLine = { record: HistoryRecord } | { skipped: string };

/** One line of a history file, validated; `skipped` says in a few words why it is not a record. */
export function parseHistoryLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { skipped: 'not JSON (a torn write?)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { skipped: 'not a history record' };
  }
  const version = (value as { v?: unknown }).v;
  if (typeof version === 'number' && version !== HISTORY_VERSION) {
    return { skipped: `history format v${version} (this perfsuite reads v${HISTORY_VERSION})` };
  }
  if (version === undefined) return { skipped: 'not a history record' };
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'record';
    return { skipped: `invalid record (${where}: ${issue?.message ?? 'invalid'})` };
  }
  return { record: parsed.data as HistoryRecord };
}
