/**
 * What every memory scenario shares. A memory verdict needs a long, steady run (about 20 s of
 * samples, see perfsuite's docs/memory-method.md), so unlike the timed workloads a scenario does not
 * do a fixed amount of work: it runs until perfsuite stops it (SIGINT, then SIGTERM, after the
 * workload's `duration`), or for the seconds given as its first argument, or about 1 s with
 * `DEMO_QUICK=1`; then it cleans up, prints one summary line and exits 0.
 */
import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { probe } from 'perfsuite/probe';
import { quick } from '../support/harness.js';

/** How long a quick run (the tests) lasts. */
const QUICK_RUN_MS = 1000;

/** The fixed run length in ms from `DEMO_QUICK` or the first argument; undefined: until a signal. */
function runLengthMs(name: string): number | undefined {
  if (quick) return QUICK_RUN_MS;
  const arg = process.argv[2];
  if (arg === undefined) return undefined;
  const seconds = Number(arg);
  if (Number.isFinite(seconds) && seconds > 0) return seconds * 1000;
  console.error(`usage: ${name} [seconds] (without seconds it runs until SIGINT or SIGTERM)`);
  process.exit(2);
}

/**
 * Runs `body` until the scenario is stopped, then prints `memory <name>: <summary>, <s> s, stopped
 * by <why>`. `body` must watch `stop`, release what it holds (watchers, child processes) and return
 * its summary; the process then exits on its own, so a leftover handle shows up as a hang.
 */
export async function runScenario(name: string, body: (stop: AbortSignal) => Promise<string>): Promise<void> {
  const runMs = runLengthMs(name);
  const controller = new AbortController();
  // Our own handlers make perfsuite's agent leave the shutdown to us (it records our exit instead).
  // Signal handlers do not keep the process alive, so they can stay until the end.
  const onSignal = (signal: NodeJS.Signals): void => controller.abort(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const timer = runMs === undefined ? undefined : setTimeout(() => controller.abort('time'), runMs);
  const started = performance.now();
  const summary = await body(controller.signal);
  clearTimeout(timer);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`memory ${name}: ${summary}, ${seconds} s, stopped by ${String(controller.signal.reason)}`);
}

/**
 * Calls `iteration` until `stop`, reporting each completed one to perfsuite's probe and yielding to
 * the event loop in between, so that the agent's V8 readings (timers in this process) keep coming.
 * Returns how many iterations completed.
 */
export async function repeatUntil(stop: AbortSignal, iteration: (n: number) => unknown): Promise<number> {
  let done = 0;
  while (!stop.aborted) {
    await iteration(done);
    done++;
    probe.iteration();
    await yieldToEventLoop();
  }
  return done;
}

/**
 * Calls `tick` every `intervalMs` of wall time (slots fixed from the start, so slow ticks do not
 * shift the schedule) until `stop`; `tick` gets the seconds since the start and reports its own
 * iterations (a tick may complete several, or none). Growth paced by the clock, not by how fast
 * this machine renders, gives the same MB/s on any machine.
 */
export async function everyInterval(
  stop: AbortSignal,
  intervalMs: number,
  tick: (elapsedSec: number) => unknown,
): Promise<number> {
  const started = performance.now();
  let ticks = 0;
  while (!stop.aborted) {
    await tick((performance.now() - started) / 1000);
    ticks++;
    const wait = started + ticks * intervalMs - performance.now();
    await sleep(Math.max(0, wait), undefined, { signal: stop }).catch(() => undefined);
  }
  return ticks;
}

/** `12.3 MB` (10^6 bytes, as perfsuite reports RSS). */
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
