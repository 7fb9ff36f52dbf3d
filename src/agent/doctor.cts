/**
 * Doctor mode of the agent: the main thread's event-loop health at a steady interval, appended to
 * `<pid>.doctor.jsonl` as it is read (a crash loses nothing already read), with a CPU profile of the
 * same thread whose samples carry timestamps (the inspector's .cpuprofile, `<pid>.cpuprofile` at
 * exit), so the runner can name the code that ran while the loop was blocked, and an allocation
 * profile (`<pid>.heapprofile`), so it can name the code that allocated what the GC collects.
 *
 * Per interval: event-loop delay (perf_hooks.monitorEventLoopDelay, reset each interval), the
 * process's CPU time, every GC pause by kind (PerformanceObserver 'gc'), the active handles and
 * requests by type. Not performance.eventLoopUtilization(): the CPU profiler's
 * signals break libuv's idle-time accounting (measured here: a program idle on a 50 ms timer read
 * 0.003 without the profiler, 0.77 with it); the runner takes utilization from the samples instead.
 *
 * The reading timer is unref'd, so the agent never keeps a finished program alive. A blocked loop
 * delays the reading that follows the block: that reading's interval holds the block, and its
 * `spanMs` says how long the interval really was.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Recorder } from './lifecycle.cjs';
import { artifactNames, type DoctorReading } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

/**
 * The delay monitor's timer period, ms. It reads a block of B ms as a delay between B minus this
 * and B, so it is kept below the 10 ms Node defaults to: blocks of 20 ms must read as blocks.
 */
export const DELAY_RESOLUTION_MS = 5;

type GcKind = keyof DoctorReading['gc'];

function gcKindNames(): Map<number, GcKind> {
  const { constants } = require('node:perf_hooks') as typeof import('node:perf_hooks');
  return new Map<number, GcKind>([
    [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
    [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
    [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
  ]);
}

const round = (ms: number, places = 3): number => Number(ms.toFixed(places));

/** Mean bytes between allocation samples: V8's sampling heap profiler at a quarter of its default. */
const ALLOCATION_SAMPLE_BYTES = 128 * 1024;

/**
 * V8's sampling heap profiler, keeping the samples of objects the GC has since collected: what the
 * program allocated, not what it holds, which is what GC pressure comes from. Written at the end as
 * `<pid>.heapprofile` (Chrome DevTools opens it); inspector calls on the thread's own session
 * complete synchronously, so this works in an exit hook.
 */
function startAllocationSampling(artifactDir: string): () => string[] {
  const { Session } = require('node:inspector') as typeof import('node:inspector');
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  session.post('HeapProfiler.startSampling', {
    samplingInterval: ALLOCATION_SAMPLE_BYTES,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  } as never);
  return () => {
    let written: string[] = [];
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) throw error;
      const name = artifactNames.allocationProfile(process.pid);
      writeAtomicSync(join(artifactDir, name), JSON.stringify(result.profile));
      written = [name];
    });
    session.disconnect();
    return written;
  };
}

export function startDoctor(artifactDir: string, intervalMs: number, cpuIntervalUs: number): Recorder {
  const { monitorEventLoopDelay, performance, PerformanceObserver } =
    require('node:perf_hooks') as typeof import('node:perf_hooks');
  const { startInspectorCpuProfiler } = require('./cpu-prof.cjs') as typeof import('./cpu-prof.cjs');
  const stopProfiler = startInspectorCpuProfiler(artifactDir, cpuIntervalUs);
  const stopAllocations = startAllocationSampling(artifactDir);
  // Node keeps the source maps of the scripts it loads from here on; saved at the end, so that the
  // blocking functions of TypeScript (tsx) point at their own lines.
  process.setSourceMapsEnabled(true);

  const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
  delay.enable();
  const kinds = gcKindNames();
  let pauses: DoctorReading['gc'] = {};
  const addPauses = (entries: readonly { duration: number; detail?: unknown }[]): void => {
    for (const entry of entries) {
      const kind = kinds.get((entry.detail as { kind?: number } | undefined)?.kind ?? -1);
      if (!kind) continue;
      const list = pauses[kind] ?? [];
      list.push(round(entry.duration, 2));
      pauses[kind] = list;
    }
  };
  const gcObserver = new PerformanceObserver((list) => addPauses(list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });

  const series = artifactNames.doctorSeries(process.pid);
  const fd = openSync(join(artifactDir, series), 'a');
  let lastCpu = process.cpuUsage();
  let lastAt = performance.now();
  // The histogram holds the time between the monitor's timer turns (ns), its period included: the
  // delay is what exceeds the period (measured here: an idle loop reads 4.9-5.2 ms at 5 ms).
  const late = (ns: number): number => round(Math.max(0, ns / 1e6 - DELAY_RESOLUTION_MS));
  const read = (end = false): void => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const resources: Record<string, number> = {};
    for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
    const reading: DoctorReading = {
      t: Date.now(),
      hrUs: Number(process.hrtime.bigint() / 1000n),
      spanMs: round(now - lastAt),
      // With no timer turn in the interval (one long block), the histogram is empty.
      ...(delay.count > 0
        ? {
            delay: {
              p50: late(delay.percentile(50)),
              p99: late(delay.percentile(99)),
              max: late(delay.max),
              mean: late(delay.mean),
            },
          }
        : {}),
      cpuUserMs: round(cpu.user / 1000),
      cpuSystemMs: round(cpu.system / 1000),
      gc: pauses,
      resources,
      ...(end ? { end: true as const } : {}),
    };
    writeSync(fd, `${JSON.stringify(reading)}\n`);
    delay.reset();
    pauses = {};
    lastCpu = process.cpuUsage();
    lastAt = now;
  };
  setInterval(() => read(), intervalMs).unref();

  let closed = false;
  return {
    finish: (final) => {
      if (closed) return [];
      closed = final;
      // GC entries are queued for the observer: take the pending ones into the last reading.
      addPauses(gcObserver.takeRecords());
      read(true);
      gcObserver.disconnect();
      delay.disable();
      closeSync(fd);
      const profile = [...stopProfiler(true), ...stopAllocations()];
      const startedUs = Number(process.hrtime.bigint() / 1000n);
      const { writeSourceMaps } = require('./source-map-dump.cjs') as typeof import('./source-map-dump.cjs');
      return [series, ...profile, ...writeSourceMaps(artifactDir, startedUs)];
    },
  };
}
