/** What the doctor chart of a result draws: its series, the block threshold, and each block marked. */
import type { DoctorChartData } from '../render/doctor-chart.js';
import { RULES } from './diagnose.js';
import { millis, percent } from './format.js';
import type { DoctorResult } from './result.js';
import { functionLabel, verdictLine } from './terminal.js';

export function doctorChartData(result: DoctorResult): DoctorChartData {
  const named = new Map(result.blocks.map((b) => [b.atSec, b]));
  const d = result.eventLoopDelayMs;
  return {
    title: `${result.suite}/${result.workload}: ${verdictLine(result)}`,
    subtitle:
      `loop delay p99 ${d ? millis(d.p99) : '-'}, max ${d ? millis(d.max) : '-'}; loop busy ${percent(result.utilization)}; ` +
      `CPU ${percent(result.cpu)} of a core; GC ${percent(result.gcShare)}; start-up (not drawn) ${millis(result.startupMs)}`,
    points: result.samples.map((s) => ({
      t: s.t,
      delayMs: s.delayMaxMs,
      ...(s.utilization === undefined ? {} : { busy: s.utilization }),
      cpu: s.cpu,
      gc: s.gcShare,
    })),
    thresholdMs: RULES.blockMs,
    blocks: result.samples
      .filter((s) => s.delayMaxMs >= RULES.blockMs)
      .map((s) => {
        const functions = named.get(s.t)?.functions ?? [];
        const label = named.has(s.t)
          ? functions.map((fn) => `${functionLabel(fn)} ${millis(fn.ms)}`).join(', ') || 'no CPU samples'
          : 'not among the 10 longest: see the workload JSON';
        return { t: s.t, ms: s.delayMaxMs, label };
      }),
  };
}
