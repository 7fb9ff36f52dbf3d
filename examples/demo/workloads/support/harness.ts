/**
 * What every workload script shares: picking its case from argv, the quick mode the tests use,
 * temporary folders that are removed at the end, and the one summary line it prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `DEMO_QUICK=1` divides iteration counts by 100 so the test suite can run every workload quickly. */
export const quick = process.env.DEMO_QUICK === '1';

/** The iteration count for this run: `full` normally, about a hundredth of it (at least 1) in quick mode. */
export function scaled(full: number): number {
  return quick ? Math.max(1, Math.ceil(full / 100)) : full;
}

/** The case named by the first argument; exits 2 with the valid names when it is missing or unknown. */
export function pickCase<K extends string>(workload: string, cases: Record<K, unknown>): K {
  const name = process.argv[2];
  if (name !== undefined && Object.hasOwn(cases, name)) return name as K;
  console.error(`usage: ${workload} <${Object.keys(cases).join('|')}>`);
  process.exit(2);
}

/** Runs `body` with a fresh temporary folder that is removed afterwards, even on failure. */
export async function withTempDir<T>(prefix: string, body: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `perfsuite-demo-${prefix}-`));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls `body` `times` times; returns the elapsed milliseconds. */
export function timeLoop(times: number, body: (i: number) => void): number {
  const start = performance.now();
  for (let i = 0; i < times; i++) body(i);
  return performance.now() - start;
}

/** `12.3 ms total, 41.0 µs each`. */
export function perIteration(totalMs: number, count: number): string {
  return `${totalMs.toFixed(1)} ms total, ${((totalMs * 1000) / count).toFixed(1)} µs each`;
}

/** The median and 95th percentile (nearest rank) of some milliseconds, for summaries. */
export function summarize(values: readonly number[]): { median: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}
