import { describe, expect, it } from 'vitest';
import { failuresByItem, toMeasurement } from './to-measurement.js';

const base = { suite: 's', kind: 'command' as const, unit: 'ms' as const, samples: [] };

describe('failuresByItem', () => {
  it('says each failure once per item and groups runs that failed the same way', () => {
    const failures = [
      'warm-up 1: exited with code 9',
      'run 1: exited with code 9',
      'run 2: exited with code 9',
    ];
    const measurements = [
      toMeasurement({
        ...base,
        name: 'a',
        metric: 'wall',
        failures: [...failures, 'run 4: timed out after 2 s'],
      }),
      toMeasurement({
        ...base,
        name: 'a',
        metric: 'user',
        failures: [...failures, 'run 4: timed out after 2 s'],
      }),
      toMeasurement({
        ...base,
        name: 'b',
        metric: 'wall',
        failures: ['run 3: exited with code 1', 'run 1: exited with code 1'],
      }),
    ];
    expect(failuresByItem(measurements)).toEqual([
      { item: 's/a', failures: ['warm-up 1 and runs 1-2: exited with code 9', 'run 4: timed out after 2 s'] },
      { item: 's/b', failures: ['runs 1, 3: exited with code 1'] },
    ]);
  });

  it('keeps failures that are not about a run as they are', () => {
    const m = toMeasurement({
      ...base,
      name: 'j',
      metric: 'total',
      failures: ['run 1 of 3: failed at step "x"'],
    });
    expect(failuresByItem([m])).toEqual([{ item: 's/j', failures: ['run 1 of 3: failed at step "x"'] }]);
  });
});
