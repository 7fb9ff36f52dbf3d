/**
 * The series the chart draws: each judged interval's own figures (delay, utilization, CPU, GC), in
 * time order, from the same per-interval functions the pooled figures use.
 */
import type { DoctorSample } from '../result.js';
import { intervalCpu } from './cpu.js';
import { intervalGcShare } from './gc.js';
import { type Analyser, r4 } from './interval.js';
import { intervalUtilization } from './utilization.js';

export const analyseSeries: Analyser<DoctorSample[]> = (intervals, { startedAt }) =>
  intervals.map((j) => {
    const { reading } = j;
    const busy = intervalUtilization(j);
    return {
      t: (reading.t - startedAt) / 1000,
      delayMaxMs: j.late,
      ...(reading.delay ? { delayP99Ms: reading.delay.p99 } : {}),
      ...(busy === null ? {} : { utilization: r4(busy) as number }),
      cpu: intervalCpu(reading),
      gcShare: intervalGcShare(reading),
    };
  });
