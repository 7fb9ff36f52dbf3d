/** Input checks and sorting shared by every statistic, so they all reject bad samples the same way. */

/** Shared guard so every statistic rejects an empty or non-finite sample with the same clear message. */
export function assertFiniteSample(samples: readonly number[], what = 'samples'): void {
  if (samples.length === 0) {
    throw new RangeError(`${what} must not be empty: at least one measurement is needed`);
  }
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] as number;
    if (!Number.isFinite(value)) {
      throw new RangeError(`${what}[${i}] is ${value}: every measurement must be a finite number`);
    }
  }
}

/** Sorted ascending copy; statistics take unsorted input from callers and sort once. */
export function sortAscending(samples: readonly number[]): number[] {
  return [...samples].sort((a, b) => a - b);
}
