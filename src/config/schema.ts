/**
 * The configuration schema: what a `profile.config.{ts,mjs,js,json}` may hold. Validated with zod so
 * that an error names the key path and what was expected; the inferred types are the public API.
 */
import { z } from 'zod';
import { FINDING_KINDS } from './finding-kinds.js';

/** Names end up in file paths (`profiles/<suite>/<workload>.svg`): keep them to a safe alphabet. */
export const safeName = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'must be letters, digits, "_", "-" or "." (no path separators, no leading "." and no "..")',
  )
  .refine((s) => !s.includes('..'), 'must not contain ".."');

const seconds = z.number().positive('must be a positive number of seconds');

/** The warn band above a limit, as a fraction: 0.1 warns up to 110% of the limit. */
const tolerance = z.number().min(0, 'must be 0 or more (0.1 = 10%)').default(0.1);
/** Runs thrown away before measuring (disk caches, JIT of the tool). */
const warmupCount = z.number().int('must be a whole number').min(0, 'must be 0 or more').default(1);

/** The statistics a target can name; `p50` and `median` are the same. */
export const STATISTICS = ['min', 'mean', 'median', 'p50', 'p95', 'p99', 'max'] as const;
export type Statistic = (typeof STATISTICS)[number];

/** The metrics a target can name: see `metric` below. */
export const TARGET_METRIC = /^(wall|user|sys|peakRss|rps|latency|probe:.+)$/;

/**
 * One target of `profile validate`. With `max` (times, MB, latency): pass when the statistic is at
 * or under it, warn up to `max * (1 + tolerance)`, fail above. With `min` (rps: bigger is better):
 * pass when at or above it, warn down to `min * (1 - tolerance)`, fail below (src/stats/targets.ts).
 */
export const targetSchema = z
  .object({
    /**
     * What is measured: `wall`, `user` or `sys` time of a run (ms), `peakRss` of its process tree (MB),
     * `probe:<name>`, what the workload reports through perfsuite/probe (ms), and for a server under
     * the built-in HTTP load `rps` (requests per second of each run) and `latency` (ms, of every
     * request of every run). @default "wall"
     */
    metric: z
      .string()
      .regex(TARGET_METRIC, 'must be "wall", "user", "sys", "peakRss", "rps", "latency" or "probe:<name>"')
      .default('wall'),
    stat: z.enum(STATISTICS),
    /** An upper limit, in the metric's unit: milliseconds, MB (10^6 bytes) for peakRss. */
    max: z.number().positive('must be a positive limit (ms, or MB for peakRss)').optional(),
    /** A lower bound, in the metric's unit (req/s for rps): for what is better bigger. */
    min: z.number().positive('must be a positive lower bound (req/s for rps)').optional(),
    /** The warn band beyond the limit, as a fraction: 0.1 warns up to 110% of a max (down to 90% of a min). @default 0.1 */
    tolerance,
    /** Name of the component in the report's target table. @default "suite/workload metric" */
    component: z.string().optional(),
  })
  .strict()
  .refine((t) => (t.max === undefined) !== (t.min === undefined), {
    message:
      'needs exactly one of "max" (an upper limit: times, MB, latency) or "min" (a lower bound: rps, e.g. { metric: "rps", stat: "min", min: 1000 })',
  });

const runCount = z.number().int('must be a whole number').min(1, 'must be at least 1');

/** How `profile validate` times a workload, in the manner of hyperfine: a fresh process per run. */
export const timingSchema = z
  .object({
    /** Runs whose results are thrown away first (disk caches, JIT of the tool). @default 1 */
    warmup: warmupCount,
    /** Measured runs (at least; see minTime). @default 10 */
    runs: runCount.default(10),
    /** Keep running until this many seconds of measured runs have passed, as hyperfine's -m does. */
    minTime: seconds.optional(),
    targets: z.array(targetSchema).default([]),
  })
  .strict();

/** What to run, shared by workloads, journey steps and sweeps. */
const programFields = {
  /** A JS or TS module run in a child Node process (TS needs no build step). Relative to the config file. */
  script: z.string().min(1).optional(),
  /** An argv array run directly, never through a shell: `['node', 'server.js']`. */
  command: z.array(z.string()).min(1, 'must name at least the program').optional(),
  /** Extra arguments for the script or command. */
  args: z.array(z.string()).default([]),
  /** Environment variables added to the inherited environment. */
  env: z.record(z.string(), z.string()).default({}),
  /**
   * How a TypeScript `script` runs: `'transpile'` (the default) transpiles it ahead of the run and
   * runs the JavaScript with no loader, as it would ship; `'tsx'` runs it through tsx's loader, for
   * a program that needs it (it starts TypeScript files by a name other than `new URL(..., import.meta.url)`).
   */
  typescript: z.enum(['transpile', 'tsx']).default('transpile'),
};

const ONE_PROGRAM = 'needs exactly one of "script" (a JS/TS file) or "command" (an argv array)';
function exactlyOneProgram(w: { script?: string | undefined; command?: string[] | undefined }): boolean {
  return (w.script === undefined) !== (w.command === undefined);
}

const positiveInt = z.number().int('must be a whole number').min(1, 'must be at least 1');

/** Keys of the built-in HTTP load, which a load `command` replaces. */
const HTTP_LOAD_KEYS = [
  'paths',
  'method',
  'headers',
  'body',
  'connections',
  'duration',
  'amount',
  'pipelining',
];

/**
 * The load a server workload gets once it is ready: the built-in HTTP load (autocannon), or any
 * command. When the load ends, the server is stopped gracefully and profiled like any workload.
 */
export const loadSchema = z
  .object({
    /** Paths to request, each with its query string; every connection requests them in turn. @default ["/"] */
    paths: z
      .array(z.string().startsWith('/', 'must start with "/"'))
      .min(1, 'needs at least one path')
      .optional(),
    /** HTTP method of every request. @default "GET" */
    method: z.string().optional(),
    /** Request headers. */
    headers: z.record(z.string(), z.string()).optional(),
    /** Request body, sent with every request. */
    body: z.string().optional(),
    /** Concurrent keep-alive connections. @default 10 */
    connections: positiveInt.optional(),
    /** Seconds of load. @default 10 */
    duration: seconds.optional(),
    /** Total requests to send instead of a duration. */
    amount: positiveInt.optional(),
    /** Requests sent on a connection before waiting for their responses. @default 1 */
    pipelining: positiveInt.optional(),
    /**
     * Any program instead of the built-in load, as an argv run without a shell; `{port}` in an
     * argument is replaced by the port the server listens on: `["k6", "run", "-e", "PORT={port}", "load.js"]`.
     */
    command: z.array(z.string()).min(1, 'must name at least the program').optional(),
  })
  .strict()
  .refine((l) => !l.command || HTTP_LOAD_KEYS.every((k) => !(k in l)), {
    message: `a load "command" replaces the built-in HTTP load: give either "command" or its options (${HTTP_LOAD_KEYS.join(', ')}), not both`,
  });

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * When a server is ready for load. By default, when any Node process of the workload first listens
 * on a TCP port (the agent tells; port 0 included); or when `port` accepts connections; or when a
 * line of its output matches `output`.
 */
export const readySchema = z
  .object({
    /** A TCP port the server listens on (for servers that are not Node, where no agent runs). */
    port: z
      .number()
      .int('must be a whole number')
      .min(1)
      .max(65535, 'must be a TCP port (1-65535)')
      .optional(),
    /** A regular expression on the server's output (stdout and stderr), e.g. "listening on". */
    output: z.string().min(1).refine(isRegExp, 'must be a valid regular expression').optional(),
    /** Give up (the workload fails) when it is not ready after this many seconds. @default 30 */
    timeout: seconds.optional(),
  })
  .strict()
  .refine((r) => r.port === undefined || r.output === undefined, {
    message: 'give "port" or "output", not both',
  });

/** Whether a workload's validate targets name the load's measurements. */
function loadTargets(w: { validate?: { targets: { metric: string }[] } | undefined }): boolean {
  return (w.validate?.targets ?? []).some((t) => t.metric === 'rps' || t.metric === 'latency');
}

export const workloadSchema = z
  .object({
    description: z.string().optional(),
    ...programFields,
    /** Working directory, relative to the config file. @default the config file's directory */
    cwd: z.string().optional(),
    /** Stop the workload gracefully (SIGINT, then SIGTERM) after this many seconds: servers, watchers. */
    duration: seconds.optional(),
    /** Kill the workload's whole process tree after this many seconds. @default 120 */
    timeout: seconds.optional(),
    /** Memory budgets checked by `profile memory` (exit code 1 when one is not met). */
    memory: z
      .object({
        /** Name of the component in the budgets table. @default "suite/workload" */
        component: z.string().optional(),
        /** Peak RSS of the workload's process tree must stay at or under this many MB (10^6 bytes). */
        peakRssMb: z.number().positive('must be a positive number of MB').optional(),
        /** `stable`: any linear or exponential growth fails the run; `growth`: a deliberate leak, which fails the run when none is found. */
        expect: z.enum(['stable', 'growth']).optional(),
      })
      .strict()
      .optional(),
    /** Event-loop budgets checked by `profile doctor` (exit code 1 when one is not met). */
    doctor: z
      .object({
        /** The p99 of the loop's delay after start-up must stay at or under this many ms. */
        maxDelayP99Ms: z.number().positive('must be a positive number of ms').optional(),
        /** No block may last longer than this many ms (a watcher's feedback target, a response budget). */
        maxBlockMs: z.number().positive('must be a positive number of ms').optional(),
        /** Findings that do not fail the run for this workload, as with --allow. */
        allow: z.array(z.enum(FINDING_KINDS)).optional(),
      })
      .strict()
      .optional(),
    /** How `profile validate` times this workload and the targets it must meet. */
    validate: timingSchema.optional(),
    /** A server: the load it gets once ready (then it is stopped), for every command. */
    load: loadSchema.optional(),
    /** When a server is ready for its load. @default when it first listens on a TCP port */
    ready: readySchema.optional(),
  })
  .strict()
  .refine(exactlyOneProgram, { message: `a workload ${ONE_PROGRAM}` })
  .refine((w) => w.ready === undefined || w.load !== undefined, {
    message: '"ready" says when a server is ready for its "load": give a "load" too',
  })
  .refine((w) => !loadTargets(w) || (w.load !== undefined && w.load.command === undefined), {
    message:
      'targets on "rps" or "latency" need a server under the built-in HTTP load: give the workload a "load" (e.g. { duration: 5 }), not a load "command", whose requests perfsuite cannot count',
    path: ['validate', 'targets'],
  });

/** One step of a journey: a program run in the journey's fresh temporary directory. */
export const journeyStepSchema = z
  .object({
    name: safeName,
    ...programFields,
    /** Working directory, relative to the journey's temporary directory. @default that directory */
    cwd: z.string().optional(),
    /**
     * A regular expression on the step's output: the step is done when it matches, and its process
     * keeps running in the background until the journey ends (a dev server, a watcher). Without it
     * the step is done when its process exits 0.
     */
    until: z.string().optional(),
    /** This step's budget in seconds. */
    budget: seconds,
    /** Give up on the step (and the journey) after this many seconds. @default 120 */
    timeout: seconds.optional(),
  })
  .strict()
  .refine(exactlyOneProgram, { message: `a journey step ${ONE_PROGRAM}` });

/** Ordered steps as a new user takes them (init, start, first run, ...), each with a budget. */
export const journeySchema = z
  .object({
    description: z.string().optional(),
    steps: z.array(journeyStepSchema).min(1, 'a journey needs at least one step'),
    /** Budget of the whole journey in seconds. */
    budget: seconds.optional(),
    /** Times the journey is taken, each in a fresh directory. @default 3 */
    runs: runCount.default(3),
    /** Warn band above each budget, as a fraction. @default 0.1 */
    tolerance,
  })
  .strict();

/** A program run at several sizes (1, 10, 100 files) to fit how its time scales. */
export const sweepSchema = z
  .object({
    description: z.string().optional(),
    ...programFields,
    /** Arguments; `{n}` in any of them is replaced by the size. */
    args: z.array(z.string()).default([]),
    cwd: z.string().optional(),
    /** The sizes. @default [1, 10, 100] */
    values: z.array(z.number().positive()).min(2, 'a sweep needs at least two sizes').default([1, 10, 100]),
    /** Budget in seconds per size, keyed by the size: `{ "1": 0.5, "10": 2, "100": 10 }`. */
    budgets: z.record(z.string(), seconds).default({}),
    /** The statistic the budgets apply to. @default "median" */
    stat: z.enum(STATISTICS).default('median'),
    tolerance,
    warmup: warmupCount,
    runs: runCount.default(5),
    timeout: seconds.optional(),
  })
  .strict()
  .refine(exactlyOneProgram, { message: `a sweep ${ONE_PROGRAM}` });

/** In-process benchmarks run with tinybench: a module whose default export is defineBenchmarks({...}). */
export const benchmarksSchema = z
  .object({
    /** The benchmark module, relative to the config file (JS or TS). */
    file: z.string().min(1),
    /** Milliseconds tinybench spends on each function (after its warm-up). @default 500 */
    time: z.number().positive().default(500),
    /** Targets keyed by "group/name" (metric is ignored: the function's time per call in ms). */
    targets: z.record(z.string(), z.array(targetSchema)).default({}),
  })
  .strict();

/** The commands whose `all` includes a suite. */
export const COMMANDS = ['cpu', 'memory', 'validate', 'doctor'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const suiteSchema = z
  .object({
    description: z.string().optional(),
    /**
     * Which commands run this suite as part of `all` (naming the suite always runs it): memory
     * scenarios that need 20 s of sampling need not slow down `profile cpu all`. @default every command
     */
    for: z.array(z.enum(COMMANDS)).min(1).optional(),
    workloads: z.record(safeName, workloadSchema).default({}),
    /** `profile validate` only: journeys, sweeps and in-process benchmarks. */
    journeys: z.record(safeName, journeySchema).default({}),
    sweeps: z.record(safeName, sweepSchema).default({}),
    benchmarks: benchmarksSchema.optional(),
  })
  .strict()
  .refine(
    (s) =>
      Object.keys(s.workloads).length + Object.keys(s.journeys).length + Object.keys(s.sweeps).length > 0 ||
      s.benchmarks !== undefined,
    { message: 'a suite needs at least one workload, journey, sweep or benchmarks file' },
  );

export const configSchema = z
  .object({
    /** Where profiles/, flamegraphs/, memory_profiles/ and reports/ go, relative to the config file. */
    outDir: z.string().optional(),
    suites: z
      .record(safeName, suiteSchema)
      .refine((s) => !('all' in s), { message: '"all" is reserved: it means every suite' }),
  })
  .strict();

export type WorkloadConfig = z.input<typeof workloadSchema>;
export type SuiteConfig = z.input<typeof suiteSchema>;
/** What a user writes. */
export type UserConfig = z.input<typeof configSchema>;
/** What the program uses after validation and defaults. */
export type Config = z.output<typeof configSchema>;
export type Workload = z.output<typeof workloadSchema>;
export type Suite = z.output<typeof suiteSchema>;
export type Target = z.output<typeof targetSchema>;
export type Timing = z.output<typeof timingSchema>;
export type Journey = z.output<typeof journeySchema>;
export type JourneyStep = z.output<typeof journeyStepSchema>;
export type Sweep = z.output<typeof sweepSchema>;
export type Benchmarks = z.output<typeof benchmarksSchema>;
export type LoadConfig = z.output<typeof loadSchema>;
export type ReadyConfig = z.output<typeof readySchema>;
