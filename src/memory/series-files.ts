/**
 * The series files of a memory run: `<workload>.series.csv` for spreadsheets and plotting tools, and
 * `<workload>.series.json` with the same samples plus the verdicts, for programs.
 *
 * The JSON shape (`MemorySeriesJson`, version `MEMORY_JSON_VERSION`) stays small: samples are rows of
 * numbers in the order of `columns`, `null` where a reading is missing; verdicts carry their figures
 * and the chosen model, not every fitted model or the envelope (memory_results.json has those).
 */
import type { GrowthKind } from './classify.js';
import type { ThreadHeapSeries } from './collect.js';
import type { ModelFit } from './fit.js';
import { chosenModel } from './model-curve.js';
import { MEMORY_JSON_VERSION, type MemoryResult } from './result.js';
import type { MemorySample } from './series.js';

const CSV_HEADER =
  't_s,rss_bytes,heap_used_bytes,heap_total_bytes,external_bytes,array_buffers_bytes,iteration,requests';

/** Sample fields in column order, shared by the CSV and the JSON rows. */
const FIELDS = [
  't',
  'rss',
  'heapUsed',
  'heapTotal',
  'external',
  'arrayBuffers',
  'iteration',
  'requests',
] as const;

// Times to the millisecond: the sampler's resolution, and it keeps 0.30000000000000004 out of files.
const cell = (sample: MemorySample, field: (typeof FIELDS)[number]): number | null => {
  const value = sample[field];
  if (value === undefined || !Number.isFinite(value)) return null;
  return field === 't' ? Math.round(value * 1000) / 1000 : value;
};

/** The samples as CSV with a header row; a missing reading is an empty cell. Ends with a newline. */
export function seriesToCsv(samples: readonly MemorySample[]): string {
  const rows = samples.map((s) => FIELDS.map((f) => cell(s, f) ?? '').join(','));
  return `${[CSV_HEADER, ...rows].join('\n')}\n`;
}

/** One metric's verdict as the JSON file carries it. */
export interface SeriesJsonVerdict {
  metric: string;
  label: string;
  verdict: GrowthKind;
  reason: string;
  /** Bytes. */
  peak: number;
  average: number;
  final: number;
  slopeBytesPerSec: number;
  ciBytesPerSec?: [number, number];
  slopeBytesPerIteration?: number;
  /** Bytes per 1,000 responses of the built-in load (a server under load). */
  slopeBytesPer1kRequests?: number;
  doublingTimeSec?: number;
  /** Samples before this time (s) were left out of the fit as warm-up. */
  analysedFromSec?: number;
  /** The model behind the verdict (model-curve.ts `chosenModel`), with its parameters. */
  model?: Pick<ModelFit, 'name' | 'params' | 'r2'>;
}

/** A JSON array of numbers and nulls, as JSON.stringify spreads it over lines. */
const NUMBER_ROW = /\[(?:\s*(?:-?\d[\d.e+-]*|null),?)+\s*\]/g;

/** The columns of a thread's own readings (`t` in seconds from the start of the run, the rest bytes). */
const THREAD_FIELDS = ['t', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const;

/** One thread's own V8 readings in the JSON file: the series' heap columns are their sum. */
export interface SeriesJsonThread {
  pid: number;
  threadId: number;
  /** `main thread`, `worker 2 (pool-worker.ts)`. */
  name: string;
  columns: typeof THREAD_FIELDS;
  samples: number[][];
}

/** A thread's readings with its name, as the writer is given them. */
export type NamedThreadSeries = ThreadHeapSeries & { name: string };

/** The whole `<workload>.series.json` document. */
export interface MemorySeriesJson {
  version: number;
  suite: string;
  workload: string;
  state: MemoryResult['state'];
  intervalMs: number;
  /**
   * `t` is in seconds from the start of the run, every other column in bytes but `iteration` and
   * `requests`, counts (cumulative; `requests` for a server under the built-in load).
   */
  columns: typeof FIELDS;
  samples: (number | null)[][];
  verdict: GrowthKind;
  leak: boolean;
  metrics: SeriesJsonVerdict[];
  /** Each thread of each Node process (a V8 heap of its own) with its own readings. */
  threads: SeriesJsonThread[];
}

/**
 * The series and verdicts of one result as the JSON document above, pretty-printed; `startedAt`
 * (epoch ms) is the run's start, from which thread readings are timed like the samples.
 */
export function seriesToJson(
  result: MemoryResult,
  threads: readonly NamedThreadSeries[] = [],
  startedAt = 0,
): string {
  const doc: MemorySeriesJson = {
    version: MEMORY_JSON_VERSION,
    suite: result.suite,
    workload: result.workload,
    state: result.state,
    intervalMs: result.intervalMs,
    columns: FIELDS,
    samples: result.samples.map((s) => FIELDS.map((f) => cell(s, f))),
    verdict: result.verdict,
    leak: result.leak,
    metrics: result.metrics.map(({ metric, label, verdict: v }) => {
      const out: SeriesJsonVerdict = {
        metric,
        label,
        verdict: v.verdict,
        reason: v.reason,
        peak: v.peak,
        average: v.average,
        final: v.final,
        slopeBytesPerSec: v.slopeBytesPerSec,
      };
      if (v.ciBytesPerSec) out.ciBytesPerSec = v.ciBytesPerSec;
      if (v.slopeBytesPerIteration !== undefined) out.slopeBytesPerIteration = v.slopeBytesPerIteration;
      if (v.slopeBytesPer1kRequests !== undefined) out.slopeBytesPer1kRequests = v.slopeBytesPer1kRequests;
      if (v.doublingTimeSec !== undefined) out.doublingTimeSec = v.doublingTimeSec;
      if (v.evidence) out.analysedFromSec = v.evidence.analysedFromSec;
      const model = chosenModel(v);
      if (model) out.model = { name: model.name, params: model.params, r2: model.r2 };
      return out;
    }),
    threads: threads.map((thread) => ({
      pid: thread.pid,
      threadId: thread.threadId,
      name: thread.name,
      columns: THREAD_FIELDS,
      samples: thread.readings.map((r) => [
        Math.round(r.t - startedAt) / 1000,
        r.heapUsed,
        r.heapTotal,
        r.external,
        r.arrayBuffers,
      ]),
    })),
  };
  // One sample row per line: a long run stays readable and diffable without tripling the file size.
  return `${JSON.stringify(doc, null, 2).replace(NUMBER_ROW, (row) => row.replace(/\s+/g, ''))}\n`;
}
