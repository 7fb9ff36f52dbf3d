/**
 * `event_loop/results_churn` (GC pressure, for `profile doctor`): a results store that keeps the
 * last 150,000 step results of test runs in memory, and runs that keep adding to it for 3 s, in
 * 5 ms turns so the loop stays responsive. Every result lives long enough to reach V8's old
 * generation and then is dropped, and the store is large: the major collections that follow are
 * what the run spends its time on, not the runs.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

interface StepResult {
  test: string;
  scenario: string;
  step: number;
  status: 'passed' | 'failed';
  durationMs: number;
  output: string[];
}

const KEPT = 150_000;
const RUN_MS = 3000;
const TURN_MS = 5;

const store: StepResult[] = [];
let runs = 0;

function recordRun(): void {
  runs++;
  for (let step = 0; step < 50; step++) {
    store.push({
      test: `checkout-${runs % 40}`,
      scenario: `scenario ${step % 7}`,
      step,
      status: step % 13 === 0 ? 'failed' : 'passed',
      durationMs: (runs * step) % 97,
      output: [`step ${step} of run ${runs}`, `exit ${step % 13 === 0 ? 1 : 0}`],
    });
  }
  // The oldest results go as new ones come: a bounded store, but one that churns its old generation.
  if (store.length > KEPT) store.splice(0, store.length - KEPT);
}

const end = performance.now() + RUN_MS;
while (performance.now() < end) {
  const turnEnd = performance.now() + TURN_MS;
  while (performance.now() < turnEnd) recordRun();
  await nextTurn();
}
console.log(`${runs} runs recorded, ${store.length} results kept`);
