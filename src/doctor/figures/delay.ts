/**
 * The event-loop delay figure: how late the loop ran its timers over the judged intervals. The
 * median and p99 are the delay monitor's where it ran, the intervals' lateness otherwise; the
 * maximum is always the lateness, which also holds a block the monitor's timer never saw.
 */
import { percentile } from '../../stats/percentile.js';
import { type Analyser, ascending, r2 } from './interval.js';

export interface EventLoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** Null without a judged interval. */
export const analyseDelay: Analyser<EventLoopDelay | null> = (intervals) => {
  const delays = intervals.flatMap((j) => (j.reading.delay ? [j.reading.delay] : []));
  const late = intervals.map((j) => j.late);
  if (late.length === 0) return null;
  return {
    p50: r2(percentile(ascending(delays.length > 0 ? delays.map((d) => d.p50) : late), 50)),
    p99: r2(percentile(ascending(delays.length > 0 ? delays.map((d) => d.p99) : late), 99)),
    max: Math.max(...late),
  };
};
