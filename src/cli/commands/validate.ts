/** Registers `profile validate` (help, arguments, options); the command itself is ../validate.ts, imported when it runs. */
import type { Command } from 'commander';
import {
  collect,
  configOption,
  jsonOption,
  number,
  outDirOption,
  timeoutOption,
  withLoadOptions,
  workloadOption,
} from '../options.js';
import type { CommandRun } from './registration.js';

export function registerValidate(program: Command, run: CommandRun): void {
  withLoadOptions(program.command('validate'))
    .description(
      'time workloads, journeys, sweeps and benchmarks against targets; compare with a baseline; write reports',
    )
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--" to time it like hyperfine')
    .addOption(configOption())
    .addOption(workloadOption('workload, journey or sweep'))
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
    .addOption(timeoutOption('run'))
    .addOption(outDirOption('where reports/ is written'))
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
    .addOption(jsonOption('docs/validate-json.md', { result: 'the result' }))
    .action(async (suite: string | undefined, opts) => {
      run.exit(await (await import('../validate.js')).validateCommand(suite, run.command, opts));
    });
}
