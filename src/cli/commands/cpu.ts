/** Registers `profile cpu` (help, arguments, options); the command itself is ../cpu.ts, imported when it runs. */
import { type Command, Option } from 'commander';
import { ENGINE_NAMES } from '../../engines/engine.js';
import {
  configOption,
  durationOption,
  jsonOption,
  number,
  outDirOption,
  timeoutOption,
  withLoadOptions,
  workloadOption,
} from '../options.js';
import type { CommandRun } from './registration.js';

export function registerCpu(program: Command, run: CommandRun): void {
  withLoadOptions(program.command('cpu'))
    .description('run workloads under CPU sampling; write pprof profiles, folded stacks and SVG flamegraphs')
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--"')
    .addOption(configOption())
    .addOption(workloadOption())
    .addOption(new Option('-e, --engine <engine>', 'sampling engine').choices(ENGINE_NAMES).default('pprof'))
    // 2 ms, not 1: every profiled thread (each worker is an isolate of its own) costs its sampler's
    // wakeups, about 8% of a core per thread at 1 ms; with worker threads keeping every core busy
    // that came to 1.18-1.22x at 1 ms, 1.12x at 2 ms (bench/cpu-threads.js, BENCHMARKS.md).
    .option('-i, --interval <ms>', 'milliseconds between samples', number, 2)
    .option('--cpu-time', 'also record CPU time next to wall time (pprof engine, Linux/macOS)')
    .addOption(durationOption())
    .addOption(timeoutOption())
    .addOption(outDirOption('where profiles/ and flamegraphs/ are written'))
    // No default here: the terminal shows 5 rows a table, --json lists 10 (cpu/terminal.ts TERMINAL_TOP).
    .option(
      '--top <n>',
      'functions listed by self and by total time (default: 5 printed, 10 in --json)',
      number,
    )
    .addOption(jsonOption('docs/cpu-json.md'))
    .action(async (suite: string | undefined, opts) => {
      run.exit(await (await import('../cpu.js')).cpuCommand(suite, run.command, opts));
    });
}
