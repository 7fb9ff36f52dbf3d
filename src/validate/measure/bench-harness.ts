/**
 * The benchmark harness: a script run in a child Node process (with tsx's loader, so TS modules
 * load), never in the CLI's own process, so that a user's benchmark code cannot crash, block or
 * pollute the CLI. It imports the module, picks functions by the filters, runs each with tinybench
 * and writes the result file (bench-protocol.ts) after every function.
 *
 *   node --import <tsx loader> dist/validate/bench-harness.js '<HarnessRequest as JSON>'
 */
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { type BenchmarkGroup, benchmarkNames, isBenchmarkDefinition } from '../../bench.js';
import { writeFileAtomic } from '../../util/write-atomic.js';
import {
  type BenchFunctionResult,
  type HarnessRequest,
  type HarnessResult,
  keepEvenlySpaced,
  selectBenchmarks,
} from './bench-protocol.js';

/**
 * tinybench's defaults (64 measured calls, 16 warm-up calls at least) would make a 100 ms function
 * take 8 s whatever `time` says; 10 calls still give a median and keep `time` the real budget.
 */
const MIN_CALLS = 10;
const MIN_WARMUP_CALLS = 5;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

function describeExport(value: unknown): string {
  if (value === undefined) return 'no default export';
  if (value === null) return 'a default export of null';
  if (typeof value === 'object')
    return `a default export that is a plain object (keys: ${Object.keys(value).join(', ') || 'none'})`;
  return `a default export of type ${typeof value}`;
}

async function runOne(
  group: BenchmarkGroup,
  name: string,
  timeMs: number,
): Promise<Omit<BenchFunctionResult, 'group' | 'name'>> {
  const failed = (error: unknown) => ({
    state: 'error' as const,
    samples: [],
    sampleCount: 0,
    subsampled: false,
    error: describeError(error),
  });
  const fn = group[name];
  if (!fn) return failed(new Error(`no function "${name}"`));
  const bench = new Bench({
    time: timeMs,
    iterations: MIN_CALLS,
    warmup: true,
    warmupIterations: MIN_WARMUP_CALLS,
    warmupTime: Math.min(250, timeMs),
    retainSamples: true,
    throws: false,
    // The group's hooks, once before and after the warm-up and once around the measured calls.
    setup: async () => {
      await group.setup?.();
    },
    teardown: async () => {
      await group.teardown?.();
    },
  });
  bench.add(name, fn);
  try {
    await bench.run();
  } catch (error) {
    // A hook that throws rejects the run instead of marking the task errored.
    return failed(error);
  }
  const result = bench.tasks[0]?.result;
  if (!result || result.state === 'errored')
    return failed(result?.error ?? new Error('tinybench gave no result'));
  if (result.state !== 'completed') return failed(new Error(`tinybench ended in state "${result.state}"`));
  const all = result.latency.samples ?? [];
  const samples = keepEvenlySpaced(all);
  return {
    state: 'ok',
    samples,
    sampleCount: all.length,
    subsampled: samples.length < all.length,
    tinybench: {
      opsPerSecond: result.throughput.mean,
      mean: result.latency.mean,
      p99: result.latency.p99,
      rme: result.latency.rme,
    },
  };
}

/** "group/name" → its parts (names never hold a slash; a key with a second one names nothing). */
function splitKey(key: string): { group: string; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { group: key, name: '' } : { group: key.slice(0, slash), name: key.slice(slash + 1) };
}

async function main(request: HarnessRequest): Promise<void> {
  const output: HarnessResult = { groups: {}, selected: [], results: [], done: false };
  const write = () => writeFileAtomic(request.out, `${JSON.stringify(output)}\n`);

  let exported: unknown;
  try {
    exported = ((await import(pathToFileURL(request.file).href)) as { default?: unknown }).default;
  } catch (error) {
    output.problem = { kind: 'load-error', message: describeError(error) };
    console.error(`could not load ${request.file}\n${output.problem.message}`);
    return write();
  }
  if (!isBenchmarkDefinition(exported)) {
    output.problem = { kind: 'not-defined', exported: describeExport(exported) };
    return write();
  }
  const definition = exported;
  output.groups = Object.fromEntries(
    Object.entries(definition).map(([group, fns]) => [group, benchmarkNames(fns)]),
  );
  const { selected, unmatched } = selectBenchmarks(output.groups, request.filters);
  const unknownTargets = request.targetKeys.filter((key) => {
    const { group, name } = splitKey(key);
    return !output.groups[group]?.includes(name);
  });
  output.selected = selected;
  if (unmatched.length > 0 || unknownTargets.length > 0) {
    output.problem = { kind: 'unmatched', filters: unmatched, unknownTargets };
    return write();
  }

  await write();
  for (const key of selected) {
    const { group, name } = splitKey(key);
    const result = {
      group,
      name,
      ...(await runOne(definition[group] as BenchmarkGroup, name, request.timeMs)),
    };
    output.results.push(result);
    // Progress and stacks go to the run's log file (the CLI captures this process's output).
    if (result.error) console.error(`${key}: threw\n${result.error}`);
    else console.log(`${key}: ${result.sampleCount} calls, mean ${result.tinybench?.mean.toPrecision(3)} ms`);
    await write();
  }
  output.done = true;
  await write();
}

const request = JSON.parse(process.argv[2] ?? '') as HarnessRequest;
await main(request);
// The user's module may leave timers or servers open; the results are written, so stop here.
process.exit(0);
