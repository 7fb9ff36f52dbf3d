import { describe, expect, it } from 'vitest';
import { configSchema } from './schema.js';
import { selectWorkloads } from './select.js';

const config = configSchema.parse({
  suites: {
    a: { workloads: { one: { script: 'one.js' }, two: { command: ['node', 'two.js'] } } },
    b: { workloads: { one: { script: 'b1.ts' } } },
  },
});

describe('selectWorkloads', () => {
  it('"all" is every workload of every suite, in config order', () => {
    expect(selectWorkloads(config, 'all').map((w) => `${w.suite}/${w.name}`)).toEqual([
      'a/one',
      'a/two',
      'b/one',
    ]);
  });

  it('filters by workload name or suite/name', () => {
    expect(selectWorkloads(config, 'all', ['one']).map((w) => `${w.suite}/${w.name}`)).toEqual([
      'a/one',
      'b/one',
    ]);
    expect(selectWorkloads(config, 'all', ['b/one']).map((w) => `${w.suite}/${w.name}`)).toEqual(['b/one']);
  });

  it('an unknown suite or workload is an error that lists what exists', () => {
    expect(() => selectWorkloads(config, 'c')).toThrow('unknown suite "c". Suites: a, b (or "all").');
    expect(() => selectWorkloads(config, 'a', ['three'])).toThrow(
      /unknown workload "three" in "a". Workloads: a\/one, a\/two\./,
    );
  });
});

describe('configSchema', () => {
  const issues = (value: unknown) =>
    configSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('rejects names that are not safe as file names', () => {
    for (const bad of ['../up', 'a/b', '.hidden', 'x..y', '']) {
      expect(issues({ suites: { [bad]: { workloads: { w: { script: 'a.js' } } } } }).join('\n')).toMatch(
        new RegExp(`^suites\\.${bad.replace(/[./]/g, '\\$&')}`, 'm'),
      );
    }
  });

  it('a workload needs exactly one of script or command', () => {
    expect(issues({ suites: { s: { workloads: { w: {} } } } })).toEqual([
      'suites.s.workloads.w: a workload needs exactly one of "script" (a JS/TS file) or "command" (an argv array)',
    ]);
    expect(issues({ suites: { s: { workloads: { w: { script: 'a', command: ['b'] } } } } })).toHaveLength(1);
  });

  it('names the key path of a wrong type and of an unknown key', () => {
    expect(issues({ suites: { s: { workloads: { w: { script: 'a.js', timeout: -1 } } } } })).toEqual([
      'suites.s.workloads.w.timeout: must be a positive number of seconds',
    ]);
    expect(issues({ suites: { s: { workloads: { w: { script: 'a.js', tiemout: 3 } } } } })[0]).toMatch(
      /^suites\.s\.workloads\.w: Unrecognized key: "tiemout"/,
    );
  });

  it('"all" is reserved', () => {
    expect(issues({ suites: { all: { workloads: { w: { script: 'a.js' } } } } })[0]).toMatch(/reserved/);
  });
});

describe('suites meant for some commands only', () => {
  const scoped = configSchema.parse({
    suites: {
      fast: { workloads: { a: { script: 'a.js' } } },
      leaks: { for: ['memory'], workloads: { b: { script: 'b.js' } } },
    },
  });

  it('"all" of a command skips suites not meant for it; naming the suite still runs it', () => {
    expect(selectWorkloads(scoped, 'all', [], 'cpu').map((w) => w.suite)).toEqual(['fast']);
    expect(selectWorkloads(scoped, 'all', [], 'memory').map((w) => w.suite)).toEqual(['fast', 'leaks']);
    expect(selectWorkloads(scoped, 'leaks', [], 'cpu').map((w) => w.suite)).toEqual(['leaks']);
  });
});
