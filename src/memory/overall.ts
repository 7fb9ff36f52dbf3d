/**
 * One verdict per run from the verdicts of its metrics (RSS of the tree, V8 heap used, external).
 *
 * Whether the run grows: any metric that grows says so (`leak`). Which kind of growth, when they
 * disagree: the V8 figures, when one of them grows, because they count what the program holds. RSS
 * adds how V8 and the allocator manage pages, which rises in steps (a young generation enlarged,
 * pages kept after a collection); on the demo's `unbounded_cache` (heap floor +3.1 MB/s, linear,
 * R² 0.998) those steps bent RSS enough for an exponential to fit better, and taking the most
 * severe metric called the run exponential. RSS decides when no V8 figure grows: a leak in native
 * code, or in a child process that is not Node, shows nowhere else.
 */
import type { GrowthKind } from './classify.js';
import type { MetricVerdict } from './result.js';

const SEVERITY: GrowthKind[] = ['insufficient data', 'stable', 'linear', 'exponential'];
const grows = (kind: GrowthKind): boolean => kind === 'linear' || kind === 'exponential';

function mostSevere(metrics: readonly MetricVerdict[]): GrowthKind {
  let worst: GrowthKind = 'insufficient data';
  for (const m of metrics) {
    if (SEVERITY.indexOf(m.verdict.verdict) > SEVERITY.indexOf(worst)) worst = m.verdict.verdict;
  }
  return worst;
}

/** The run's verdict: the V8 figures' most severe growth if they grow, else the most severe of all. */
export function overallVerdict(metrics: readonly MetricVerdict[]): GrowthKind {
  const inside = mostSevere(metrics.filter((m) => m.metric !== 'rss'));
  return grows(inside) ? inside : mostSevere(metrics);
}

/** True when any metric grows (linear or exponential). */
export function anyGrowth(metrics: readonly MetricVerdict[]): boolean {
  return metrics.some((m) => grows(m.verdict.verdict));
}
