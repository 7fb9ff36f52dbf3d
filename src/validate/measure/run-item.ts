/**
 * Runs the planned items of `profile validate` one after another and gathers their measurements.
 * Each kind has its own measurer; this file only dispatches and keeps the partial results, so that
 * Ctrl-C or a crash of one item keeps what was measured before it.
 */
import { join } from 'node:path';
import type { Measurement, ServerLoad, SweepResult } from '../measurement.js';
import type { ValidateItem } from '../plan.js';
import { runJourney } from './journey.js';
import { measureSweep } from './measure-sweep.js';
import { measureWorkload } from './measure-workload.js';
import { runBenchmarks } from './run-benchmarks.js';

/** The benchmarks process runs every function in turn: ten minutes is far beyond any sane file. */
const BENCHMARKS_TIMEOUT_MS = 600_000;

export interface ItemOptions {
  baseDir: string;
  logDir: string;
  benchFilters: string[];
  signal: AbortSignal;
  /** --timeout in ms, over the config's (the benchmarks process gets it too). */
  timeoutMs?: number | undefined;
}

export interface ItemResult {
  measurements: Measurement[];
  sweep?: SweepResult;
  /** A server workload's load figures. */
  server?: ServerLoad;
}

export async function runItem(item: ValidateItem, options: ItemOptions): Promise<ItemResult> {
  const { signal, logDir, baseDir } = options;
  const logFile = join(logDir, `${item.suite}.${item.name}.log`);
  switch (item.kind) {
    case 'timing':
      return measureWorkload(item.target, item.timing, {
        signal,
        logFile,
        onNote: (note) => process.stderr.write(`note: ${note}\n`),
      });
    case 'journey':
      return {
        measurements: await runJourney(item.suite, item.name, item.journey, baseDir, { signal, logDir }),
      };
    case 'sweep': {
      const { measurements, sweep } = await measureSweep(item.suite, item.name, item.sweep, baseDir, {
        signal,
        logFile,
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      });
      return { measurements, sweep };
    }
    case 'benchmarks':
      return {
        measurements: await runBenchmarks(item.suite, item.benchmarks, baseDir, {
          filters: options.benchFilters,
          signal,
          timeoutMs: options.timeoutMs ?? BENCHMARKS_TIMEOUT_MS,
          logFile,
        }),
      };
  }
}
