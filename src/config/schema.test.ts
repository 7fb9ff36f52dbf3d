/** Targets in the config: `max` or `min` (exactly one), and rps / latency only on a server under the built-in load. */
import { describe, expect, it } from 'vitest';
import { targetSchema, workloadSchema } from './schema.js';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message).join('; ') ?? '';

describe('targetSchema', () => {
  it('takes a max (times) or a min (rps), and rps and latency as metrics', () => {
    expect(targetSchema.parse({ metric: 'rps', stat: 'min', min: 10 })).toEqual({
      metric: 'rps',
      stat: 'min',
      min: 10,
      tolerance: 0.1,
    });
    expect(targetSchema.parse({ metric: 'latency', stat: 'p99', max: 50 }).max).toBe(50);
    expect(targetSchema.parse({ stat: 'mean', max: 1000 }).metric).toBe('wall');
  });

  it('needs exactly one of max and min', () => {
    expect(messages(targetSchema.safeParse({ metric: 'rps', stat: 'min' }))).toMatch(
      /exactly one of "max".*or "min"/,
    );
    expect(messages(targetSchema.safeParse({ stat: 'mean', max: 1, min: 1 }))).toMatch(/exactly one/);
  });

  it('names the metrics it knows when given another', () => {
    expect(messages(targetSchema.safeParse({ metric: 'qps', stat: 'min', min: 1 }))).toMatch(
      /"rps", "latency" or "probe:<name>"/,
    );
  });
});

describe('workloadSchema: targets on rps and latency', () => {
  const targets = [{ metric: 'rps', stat: 'min', min: 10 }];

  it('are fine on a server under the built-in HTTP load', () => {
    expect(
      workloadSchema.safeParse({ script: 's.js', load: { duration: 1 }, validate: { targets } }).success,
    ).toBe(true);
  });

  it('say what to add on a workload without a load, or with a load command', () => {
    const plain = workloadSchema.safeParse({ script: 's.js', validate: { targets } });
    expect(messages(plain)).toMatch(/need a server under the built-in HTTP load: give the workload a "load"/);
    expect(plain.error?.issues[0]?.path).toEqual(['validate', 'targets']);
    const command = workloadSchema.safeParse({
      script: 's.js',
      load: { command: ['k6', 'run', 'x.js'] },
      validate: { targets: [{ metric: 'latency', stat: 'p99', max: 5 }] },
    });
    expect(messages(command)).toMatch(/not a load "command"/);
  });
});
