import { describe, expect, it } from 'vitest';
import { failuresByItem, limitOf, toMeasurement } from './to-measurement.js';

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

describe('toMeasurement targets', () => {
  const rps = { suite: 's', name: 'api', metric: 'rps', kind: 'load' as const, unit: 'req/s' as const };

  it('checks a min target from below: pass at or above, warn down to min * (1 - tolerance), fail under', () => {
    const m = toMeasurement({
      ...rps,
      samples: [950, 1000, 1050],
      limits: [
        limitOf({ metric: 'rps', stat: 'min', min: 900, tolerance: 0.1 }),
        limitOf({ metric: 'rps', stat: 'min', min: 1000, tolerance: 0.1 }),
        limitOf({ metric: 'rps', stat: 'mean', min: 1200, tolerance: 0.1 }),
      ],
    });
    expect(m.targets.map((t) => [t.bound, t.limit, t.measured, t.verdict])).toEqual([
      ['min', 900, 950, 'pass'],
      ['min', 1000, 950, 'warn'],
      ['min', 1200, 1000, 'fail'],
    ]);
  });

  it('keeps a max target as before, and says which bound has no samples to check', () => {
    const wall = toMeasurement({
      ...base,
      name: 'w',
      metric: 'wall',
      samples: [10, 20],
      limits: [limitOf({ metric: 'wall', stat: 'max', max: 15, tolerance: 0 })],
    });
    expect(wall.targets).toMatchObject([{ bound: 'max', limit: 15, measured: 20, verdict: 'fail' }]);
    const none = toMeasurement({ ...rps, samples: [], limits: [{ stat: 'min', min: 10, tolerance: 0.1 }] });
    expect(none.failures).toEqual(['no samples to check "s/api rps" (min >= 10 req/s)']);
  });
});
