/**
 * The built-in default of perfsuite: when a project has no profile.config of its own,
 * `profile cpu all` (and memory, validate) profiles these suites of the demo CLI.
 * Script paths are relative to this file.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type WorkloadConfig } from 'perfsuite';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const fixtureProject = here('./fixtures/project');
// Rendered output goes to a temp folder: the package may be installed read-only (node_modules).
const renderOutput = path.join(os.tmpdir(), 'perfsuite-demo-render');

const script = (file: string, description: string, args: string[]) => ({
  description,
  script: `workloads/${file}`,
  args,
});

/** Seconds each memory scenario runs: docs/memory-method.md needs 20-25 s for a settled verdict (30 s gives every metric its windows). */
const MEMORY_SCENARIO_SECONDS = 30;

/** A scenario of workloads/memory/: it runs until perfsuite stops it after the duration. */
const memoryScenario = (
  name: string,
  description: string,
  memory: NonNullable<WorkloadConfig['memory']>,
) => ({
  description,
  script: `workloads/memory/${name}.ts`,
  duration: MEMORY_SCENARIO_SECONDS,
  memory,
});

/** `demo serve` on the fixture project: a server, ready when it listens (any free port, the agent tells). */
const previewServer = (description: string, load: NonNullable<WorkloadConfig['load']>) => ({
  description,
  script: 'src/cli.ts',
  args: ['serve', fixtureProject],
  load,
});
/**
 * `profile validate` of a server: 3 runs of its load, the slowest run's requests per second at or
 * above `minRps` and the p99 latency of all their requests at or under `maxP99Ms`.
 */
const serverTargets = (component: string, minRps: number, maxP99Ms: number) => ({
  runs: 3,
  warmup: 0,
  targets: [
    { metric: 'rps', stat: 'min' as const, min: minRps, component: `${component} req/s` },
    { metric: 'latency', stat: 'p99' as const, max: maxP99Ms, component: `${component} latency` },
  ],
});
/** The expensive route over the three fixture tests, each with its scenarios repeated to 20. */
const renderPaths = ['checkout', 'inventory', 'smoke'].map((test) => `/render/${test}?scenarios=20`);

/** A command of the demo CLI timed by `profile validate`, with the original suite's target on its mean. */
const demoCommand = (command: string, args: string[], maxMs: number) => ({
  description: `demo ${command} on the fixture project`,
  script: 'src/cli.ts',
  args: [command, ...args],
  validate: { runs: 10, warmup: 1, targets: [{ stat: 'mean' as const, max: maxMs, component: command }] },
});
const fixtureTest = (name: string): string => path.join(fixtureProject, 'tests', `${name}.toml`);

/** A memory scenario run for 5 s, its peak RSS (whole process tree) checked against a budget in MB. */
const memoryBudget = (scenario: string, component: string, maxMb: number) => ({
  description: `Peak RSS of the ${scenario} scenario over 5 s`,
  script: `workloads/memory/${scenario}.ts`,
  duration: 5,
  validate: {
    runs: 1,
    warmup: 0,
    targets: [{ metric: 'peakRss', stat: 'max' as const, max: maxMb, component: `${component} peak RSS` }],
  },
});

/** The demo suites; names match perfsuite's documentation and output folders. */
export default defineConfig({
  suites: {
    template_render: {
      description: 'Rendering one parsed test definition through Liquid templates (liquidjs)',
      workloads: {
        simple: script('template_render.ts', 'Variable substitution only, 25,000 renders', ['simple']),
        medium: script('template_render.ts', 'Loops and conditionals over 10 services and 12 scenarios', [
          'medium',
        ]),
        complex: script('template_render.ts', 'Nested loops over 30 services x 20 scenarios with a partial', [
          'complex',
        ]),
      },
    },
    toml_parse: {
      description: 'Parsing (smol-toml) and validating (zod) test definitions',
      workloads: {
        simple: script('toml_parse.ts', 'A 0.9 KB definition: 1 service, 2 scenarios', ['simple']),
        medium: script('toml_parse.ts', 'A 7 KB definition: 8 services, 12 scenarios', ['medium']),
        large: script('toml_parse.ts', 'A 43 KB definition: 20 services, 60 scenarios', ['large']),
      },
    },
    file_ops: {
      description: 'The file system side: reading, writing and scanning project files',
      workloads: {
        read: script('file_ops.ts', 'Reading 50 rendered 4 KB outputs back, 1,000 times', ['read']),
        write: script('file_ops.ts', 'Writing 50 rendered outputs into nested folders, 40 times', ['write']),
        scan: script('file_ops.ts', 'Listing, reading and parsing a folder of 100 templates, 50 times', [
          'scan',
        ]),
      },
    },
    hot_reload: {
      description: 'The dev watcher: chokidar event, parse, render and write per edit',
      workloads: {
        cycles: {
          ...script('hot_reload.ts', '20 edit cycles, each waiting for the watcher to re-render', ['cycles']),
          // `profile doctor`: no block of the watcher's loop may outlast its 50 ms feedback target.
          doctor: { maxBlockMs: 50 },
          // The original suite's hot-reload targets, on what the workload reports per cycle (probe).
          validate: {
            runs: 3,
            warmup: 0,
            targets: [
              { metric: 'probe:cycle', stat: 'p95', max: 3000, component: 'hot reload cycle' },
              { metric: 'probe:detect', stat: 'p95', max: 100, component: 'hot reload: detect' },
              { metric: 'probe:render', stat: 'p95', max: 500, component: 'hot reload: render' },
              { metric: 'probe:parse', stat: 'p95', max: 200, component: 'hot reload: parse' },
              { metric: 'probe:feedback', stat: 'p95', max: 50, component: 'hot reload: feedback' },
            ],
          },
        },
      },
    },
    scalability: {
      description: 'The `run` code path over projects of 1, 10 and 100 test files (200 files each case)',
      workloads: {
        files_1: script('scalability.ts', 'A 1-file project, run 200 times', ['files_1']),
        files_10: script('scalability.ts', 'A 10-file project, run 20 times', ['files_10']),
        files_100: script('scalability.ts', 'A 100-file project, run twice', ['files_100']),
      },
      sweeps: {
        files: {
          description: '`demo run` over projects of 1, 10 and 100 test files (start-up included)',
          script: 'workloads/scale_run.ts',
          args: ['{n}'],
          values: [1, 10, 100],
          budgets: { '1': 0.5, '10': 2, '100': 10 },
          runs: 5,
        },
      },
    },
    parallel: {
      description: '`demo run --jobs 4`: the `run` code path spread over a pool of worker threads (piscina)',
      workloads: {
        run_jobs_4: script(
          'parallel.ts',
          'A 400-file project rendered and executed by 4 worker threads, one flamegraph frame each',
          ['run_jobs_4'],
        ),
      },
    },
    server: {
      description:
        '`demo serve`, the preview server, under HTTP load (autocannon): a cheap route and an expensive one',
      workloads: {
        health: {
          ...previewServer('GET /health, a small JSON: the cost of node:http itself, 3 s of load', {
            paths: ['/health'],
            duration: 3,
          }),
          // Measured unprofiled on 2 cores: 18,000-29,000 req/s, p99 2.5 ms; the targets leave room.
          validate: serverTargets('preview server /health', 5000, 20),
        },
        render: {
          ...previewServer(
            'GET /render/<test>?scenarios=20 over the fixture tests: read, parse, render per request, 5 s of load',
            { paths: renderPaths, duration: 5 },
          ),
          // Measured unprofiled on 2 cores: 320-440 req/s, p99 90 ms.
          validate: serverTargets('preview server /render', 150, 250),
        },
      },
    },
    event_loop: {
      description:
        'Event-loop health (`profile doctor`): the preview server compiling templates per request, a healthy route, and GC churn',
      for: ['doctor'],
      workloads: {
        // The server compiles each test's template on every request (its renderer has no cache):
        // with 200 scenarios a request holds the loop for tens of milliseconds.
        compile_per_request: previewServer(
          'GET /render/<test>?scenarios=200: a synchronous template compile and render per request, 3 s of load',
          {
            paths: ['checkout', 'inventory', 'smoke'].map((test) => `/render/${test}?scenarios=200`),
            duration: 3,
          },
        ),
        results_churn: script(
          'event_loop/results_churn.ts',
          'A store of the last 150,000 step results, churned for 3 s in 5 ms turns: GC pressure',
          [],
        ),
        health: {
          ...previewServer('GET /health under 3 s of load: small turns, a responsive loop', {
            paths: ['/health'],
            duration: 3,
          }),
          // Measured under autocannon on 2 cores: p99 4-9 ms, each turn handling a batch of requests.
          doctor: { maxDelayP99Ms: 25 },
        },
      },
    },
    commands: {
      description: 'Demo CLI commands on the fixture project, a fresh process per run (hyperfine-style)',
      for: ['validate'],
      workloads: {
        dry_run: demoCommand('dry-run', [fixtureProject], 1000),
        fmt: demoCommand('fmt', [fixtureProject, '--check'], 500),
        lint: demoCommand('lint', [fixtureProject], 1000),
        // A test against itself: both sides rendered and compared, and exit 0 (diff exits 1 on differences).
        diff: demoCommand('diff', [fixtureTest('checkout'), fixtureTest('checkout')], 2000),
        render: demoCommand(
          'render',
          [fixtureTest('checkout'), '-o', path.join(renderOutput, 'checkout.txt')],
          500,
        ),
      },
    },
    journeys: {
      description: 'What a new user goes through, in a fresh temporary folder, with the original budgets',
      for: ['validate'],
      journeys: {
        new_user: {
          description: 'Create a project, start the watcher, run its tests, look at the results',
          budget: 60,
          steps: [
            { name: 'init', script: 'src/cli.ts', args: ['init', 'shop'], budget: 2 },
            {
              name: 'dev_start',
              script: 'src/cli.ts',
              args: ['dev', 'shop'],
              until: '^watching ',
              budget: 3,
            },
            { name: 'first_run', script: 'src/cli.ts', args: ['run', 'shop'], budget: 30 },
            { name: 'results', script: 'src/cli.ts', args: ['results', 'shop'], budget: 1 },
          ],
        },
      },
    },
    bench: {
      description: 'In-process benchmarks of template rendering and TOML parsing (tinybench)',
      for: ['validate'],
      benchmarks: {
        file: 'bench/templates.bench.ts',
        time: 500,
        targets: {
          'render/simple': [
            { stat: 'median', max: 0.1 },
            { stat: 'p95', max: 0.5 },
          ],
          'render/medium': [{ stat: 'median', max: 2 }],
          'render/complex': [{ stat: 'median', max: 100 }],
          'parse/small': [{ stat: 'median', max: 0.2 }],
          'parse/medium': [{ stat: 'median', max: 2 }],
          'parse/large': [{ stat: 'median', max: 20 }],
        },
      },
    },
    memory_budgets: {
      description: 'Peak RSS of the memory scenarios against the budgets of the original suite (5 s each)',
      for: ['validate'],
      workloads: {
        watcher: memoryBudget('watcher', 'watcher', 10),
        worker_pool: memoryBudget('worker_pool', 'worker pool', 100),
        template_cache: memoryBudget('sustained_load', 'template cache', 50),
      },
    },
    memory: {
      description:
        'Memory scenarios: five healthy (stable), among them a server under load, and two deliberately faulty (growing)',
      // 30 s each: a verdict needs 20-25 s of samples; `profile cpu all` and `validate all` skip them.
      for: ['memory'],
      workloads: {
        watcher: memoryScenario('watcher', 'The dev watcher on a temp project, a file saved every 200 ms', {
          component: 'watcher',
          peakRssMb: 10,
          expect: 'stable',
        }),
        sustained_load: memoryScenario(
          'sustained_load',
          '1000 distinct small templates rendered in a loop through the cached renderer',
          { component: 'template cache', peakRssMb: 50, expect: 'stable' },
        ),
        scalability_100: memoryScenario(
          'scalability_100',
          'The 100-file project run (render, parse, write) repeatedly',
          {
            expect: 'stable',
          },
        ),
        worker_pool: memoryScenario(
          'worker_pool',
          '4 forked render workers serving requests; the whole tree counts',
          {
            component: 'worker pool',
            peakRssMb: 100,
            expect: 'stable',
          },
        ),
        // No `duration`: the end of the load stops the server, about 30 s after its start with the
        // 1-2.5 s it takes to be ready.
        server_load: {
          ...previewServer('The preview server rendering tests under 28 s of sustained HTTP load', {
            paths: renderPaths,
            duration: MEMORY_SCENARIO_SECONDS - 2,
          }),
          memory: { component: 'preview server', expect: 'stable' as const },
        },
        unbounded_cache: memoryScenario(
          'unbounded_cache',
          'Faulty: a render cache keyed per request, never evicted (linear, about 3 MB/s)',
          { expect: 'growth' },
        ),
        doubling_structure: memoryScenario(
          'doubling_structure',
          'Faulty: a history that doubles every 4 s from about 2 MB (exponential)',
          { expect: 'growth' },
        ),
      },
    },
    cli: {
      description: 'The demo CLI itself, spawned as a child process',
      workloads: {
        render_cmd: {
          description: '`demo run` on the fixture project: start-up, render, execute, exit',
          script: 'src/cli.ts',
          args: ['run', fixtureProject, '--out-dir', renderOutput],
        },
      },
    },
  },
});
