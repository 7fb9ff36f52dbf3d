/**
 * The `profile` command line: parses arguments and hands them to one function per command.
 * Exit codes: 0 success, 1 a workload failed (or a memory or doctor budget, or a doctor finding not
 * allowed), 2 a usage or config error, 130 Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ENGINE_NAMES } from '../engines/engine.js';
import { UserError } from '../util/user-error.js';

// Each command's module (and its dependencies: zod, the profilers, tinybench) is imported only
// when that command runs: `profile --version` or `profile init` should not pay for all of them.
const commands = {
  cpu: () => import('./cpu.js'),
  memory: () => import('./memory.js'),
  validate: () => import('./validate.js'),
  doctor: () => import('./doctor.js'),
  flamegraph: () => import('./flamegraph.js'),
  diff: () => import('./diff.js'),
  list: () => import('./list.js'),
  report: () => import('./report.js'),
  init: () => import('./init.js'),
};

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const number = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UserError(`"${value}" is not a number`);
  return n;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The flags that make a command a server's load (plan/server-plan.ts), shared by cpu, memory and validate. */
function withLoadOptions(command: Command): Command {
  return command
    .option(
      '--load',
      'a server: once it listens, send it HTTP load (autocannon; 10 connections, 10 s, GET /), then stop it',
    )
    .option('--load-duration <s>', 'seconds of HTTP load (implies --load)', number)
    .option('--load-connections <n>', 'concurrent connections of the HTTP load (implies --load)', number)
    .option(
      '--load-path <path>',
      'path to request, e.g. /api/items?page=2 (repeatable; implies --load)',
      collect,
    )
    .option(
      '--on-port <command>',
      'a server: once it listens, run this load command ({port} or $PORT: its port), then stop it',
    );
}

/** Splits `profile cpu all` from `profile cpu -- node app.js`: commander must not parse the command. */
function splitCommand(argv: string[]): { own: string[]; command: string[] } {
  const at = argv.indexOf('--', 2);
  return at < 0 ? { own: argv, command: [] } : { own: argv.slice(0, at), command: argv.slice(at + 1) };
}

export async function main(argv: string[]): Promise<number> {
  const { own, command } = splitCommand(argv);
  let exitCode = 0;
  const program = new Command('profile')
    .description('Profile Node.js and TypeScript workloads: CPU flamegraphs, memory growth and validation.')
    .version(pkg.version)
    .exitOverride()
    .showHelpAfterError();

  withLoadOptions(program.command('cpu'))
    .description('run workloads under CPU sampling; write pprof profiles, folded stacks and SVG flamegraphs')
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--"')
    .option('-c, --config <path>', 'config file (default: profile.config.* found upward, else the demo)')
    .option('-w, --workload <name>', 'only this workload (repeatable; "name" or "suite/name")', collect)
    .addOption(new Option('-e, --engine <engine>', 'sampling engine').choices(ENGINE_NAMES).default('pprof'))
    // 2 ms, not 1: every profiled thread (each worker is an isolate of its own) costs its sampler's
    // wakeups, about 8% of a core per thread at 1 ms; with worker threads keeping every core busy
    // that came to 1.18-1.22x at 1 ms, 1.12x at 2 ms (bench/cpu-threads.js, BENCHMARKS.md).
    .option('-i, --interval <ms>', 'milliseconds between samples', number, 2)
    .option('--cpu-time', 'also record CPU time next to wall time (pprof engine, Linux/macOS)')
    .option('-d, --duration <s>', 'stop each workload gracefully after this many seconds', number)
    .option('-t, --timeout <s>', 'kill a workload and its process tree after this many seconds', number)
    .option(
      '-o, --out-dir <dir>',
      'where profiles/ and flamegraphs/ are written (default: current directory)',
    )
    .option('--top <n>', 'functions listed by self and by total time', number, 10)
    .option('--json', 'print a machine-readable result (docs/cpu-json.md) instead of the summary')
    .action(async (suite: string | undefined, opts) => {
      exitCode = await (await commands.cpu()).cpuCommand(suite, command, opts);
    });

  withLoadOptions(program.command('memory'))
    .description(
      'sample RSS and V8 heap of workloads, capture heap profiles, classify growth, write memory_summary.md',
    )
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--"')
    .option('-c, --config <path>', 'config file (default: profile.config.* found upward, else the demo)')
    .option('-w, --workload <name>', 'only this workload (repeatable; "name" or "suite/name")', collect)
    .option('-i, --interval <ms>', 'milliseconds between RSS and heap readings', number, 100)
    .option('-d, --duration <s>', 'stop each workload gracefully after this many seconds', number)
    .option('-t, --timeout <s>', 'kill a workload and its process tree after this many seconds', number)
    .option('-o, --out-dir <dir>', 'where memory_profiles/ is written (default: current directory)')
    .option('--json', 'print a machine-readable result (docs/memory-json.md) instead of the summary')
    .action(async (suite: string | undefined, opts) => {
      exitCode = await (await commands.memory()).memoryCommand(suite, command, opts);
    });

  withLoadOptions(program.command('validate'))
    .description(
      'time workloads, journeys, sweeps and benchmarks against targets; compare with a baseline; write reports',
    )
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--" to time it like hyperfine')
    .option('-c, --config <path>', 'config file (default: profile.config.* found upward, else the demo)')
    .option(
      '-w, --workload <name>',
      'only this workload, journey or sweep (repeatable; "name" or "suite/name")',
      collect,
    )
    .option(
      '-b, --bench <pattern>',
      'only benchmarks whose group or "group/name" matches (substring or /regex/)',
      collect,
    )
    .option(
      '-r, --runs <n>',
      'measured runs per workload, sweep size and journey (overrides the config)',
      number,
    )
    .option('--warmup <n>', 'runs thrown away before measuring (overrides the config)', number)
    .option('-t, --timeout <s>', 'kill a run and its process tree after this many seconds', number)
    .option('-o, --out-dir <dir>', 'where reports/ is written (default: current directory)')
    .option('--save-baseline <name>', 'save this run as a named baseline')
    .option('--baseline <name>', 'compare with a saved baseline')
    .option('--fail-on-regression <pct>', 'exit 1 when a measurement regresses by more than this, e.g. 10%')
    .option('--noise <pct>', 'changes within +-this percent count as noise', number)
    .option('--with-profiles', 'also run profile cpu and profile memory and link their outputs')
    .option(
      '--profile-runs <n>',
      'profiled runs per workload kept with --save-baseline and recorded to explain a regression (0: none)',
      number,
    )
    .option(
      '--attribute',
      'with --baseline: attribute every time measurement to functions, not only regressions',
    )
    .option('--json', 'print the result (docs/validate-json.md) instead of the summary')
    .action(async (suite: string | undefined, opts) => {
      exitCode = await (await commands.validate()).validateCommand(suite, command, opts);
    });

  withLoadOptions(program.command('doctor'))
    .description(
      'record event-loop delay, utilization, GC and CPU of workloads; diagnose blocked loops, GC pressure and waiting',
    )
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--"')
    .option('-c, --config <path>', 'config file (default: profile.config.* found upward, else the demo)')
    .option('-w, --workload <name>', 'only this workload (repeatable; "name" or "suite/name")', collect)
    .option('-i, --interval <ms>', 'milliseconds between event-loop readings', number, 100)
    .option(
      '--cpu-interval <ms>',
      'milliseconds between CPU samples (to name what blocked the loop)',
      number,
      2,
    )
    .option(
      '--allow <finding>',
      'a finding that does not fail the run: event-loop-blocked, gc-pressure or io-bound (repeatable)',
      collect,
    )
    .option('-d, --duration <s>', 'stop each workload gracefully after this many seconds', number)
    .option('-t, --timeout <s>', 'kill a workload and its process tree after this many seconds', number)
    .option('-o, --out-dir <dir>', 'where doctor/ is written (default: current directory)')
    .option(
      '--with-clinic',
      'also run clinic doctor on each workload (clinic installed in the project), keeping its report and verdict',
    )
    .option(
      '--clinic <path>',
      'where clinic is installed (its package directory or bin.js); implies --with-clinic',
    )
    .option('--json', 'print a machine-readable result (docs/doctor-json.md) instead of the summary')
    .action(async (suite: string | undefined, opts) => {
      exitCode = await (await commands.doctor()).doctorCommand(suite, command, opts);
    });

  program
    .command('flamegraph')
    .description('render pprof (.pb, .pb.gz), .cpuprofile or folded files to an interactive SVG')
    .argument('<input...>', 'profiles to render; several are merged (with --diff: BASE NEW)')
    .option('-o, --output <file>', 'SVG file to write')
    .option('--diff', 'differential flamegraph of NEW against BASE')
    .option('--inverted', 'icicle layout (root at the top)')
    .option('--min-width <px>', 'leave out frames narrower than this', number)
    .option('--title <title>', 'title of the graph')
    .action(async (inputs: string[], opts) => {
      const written = await (await commands.flamegraph()).flamegraphCommand(inputs, opts);
      process.stdout.write(`${written}\n`);
    });

  program
    .command('diff')
    .description(
      'which functions got slower: compare two profiles, two directories of them (by suite/workload) or two saved baselines',
    )
    .argument(
      '<base>',
      'a profile file, a directory of profiles, baseline:<name>, or several files or directories joined by commas (pooled)',
    )
    .argument('<new>', 'the same, for the new version')
    .addOption(
      new Option('--normalize <how>', "per run as measured, or per sample (each function's share of its run)")
        .choices(['run', 'sample'])
        .default('run'),
    )
    .option('--top <n>', 'functions listed by self and by total time', number, 10)
    .option('-o, --output <file>', 'the differential flamegraph SVG (one comparison only)')
    .option(
      '--out-dir <dir>',
      'where saved baselines are found and flamegraphs/diff/ is written (default: current directory)',
    )
    .option('--json', 'print a machine-readable result (docs/diff-json.md) instead of the tables')
    .action(async (base: string, next: string, opts) => {
      exitCode = await (await commands.diff()).diffCommand(base, next, opts);
    });

  program
    .command('report')
    .description('rebuild reports/index.html, the one page with every result and the history of runs')
    .option('-o, --out-dir <dir>', 'the output directory to read and write (default: current directory)')
    .option('-c, --config <path>', "use this config's outDir")
    .option(
      '--history <file>',
      "history files to show instead of the directory's own (repeatable: machines, CI shards)",
      collect,
    )
    .option('--open', 'open the page in the default browser')
    .action(async (opts) => {
      exitCode = await (await commands.report()).reportCommand(opts);
    });

  program
    .command('list')
    .description('list suites and workloads of the config (or of the built-in demo)')
    .option('-c, --config <path>', 'config file')
    .option('--json', 'machine-readable output')
    .action(async (opts) => {
      await (await commands.list()).listCommand(opts);
    });

  program
    .command('init')
    .description('write a commented starter profile.config.ts for the current project')
    .option('--force', 'overwrite an existing profile.config.ts')
    .action(async (opts) => {
      await (await commands.init()).initCommand(process.cwd(), opts);
    });

  try {
    await program.parseAsync(own);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UserError) {
      process.stderr.write(`profile: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
