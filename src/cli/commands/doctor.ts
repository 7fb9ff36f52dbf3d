/** Registers `profile doctor` (help, arguments, options); the command itself is ../doctor.ts, imported when it runs. */
import type { Command } from 'commander';
import {
  collect,
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

export function registerDoctor(program: Command, run: CommandRun): void {
  withLoadOptions(program.command('doctor'))
    .description(
      'record event-loop delay, utilization, GC and CPU of workloads; diagnose blocked loops, GC pressure and waiting',
    )
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--"')
    .addOption(configOption())
    .addOption(workloadOption())
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
    .addOption(durationOption())
    .addOption(timeoutOption())
    .addOption(outDirOption('where doctor/ is written'))
    .option(
      '--with-clinic',
      'also run clinic doctor on each workload (clinic installed in the project), keeping its report and verdict',
    )
    .option(
      '--clinic <path>',
      'where clinic is installed (its package directory or bin.js); implies --with-clinic',
    )
    .addOption(jsonOption('docs/doctor-json.md'))
    .action(async (suite: string | undefined, opts) => {
      run.exit(await (await import('../doctor.js')).doctorCommand(suite, run.command, opts));
    });
}
