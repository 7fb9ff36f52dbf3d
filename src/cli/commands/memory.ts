/** Registers `profile memory` (help, arguments, options); the command itself is ../memory.ts, imported when it runs. */
import type { Command } from 'commander';
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

export function registerMemory(program: Command, run: CommandRun): void {
  withLoadOptions(program.command('memory'))
    .description(
      'sample RSS and V8 heap of workloads, capture heap profiles, classify growth, write memory_summary.md',
    )
    .argument('[suite]', 'a suite name, or "all"; or give a command after "--"')
    .addOption(configOption())
    .addOption(workloadOption())
    .option('-i, --interval <ms>', 'milliseconds between RSS and heap readings', number, 100)
    .addOption(durationOption())
    .addOption(timeoutOption())
    .addOption(outDirOption('where memory_profiles/ is written'))
    .addOption(jsonOption('docs/memory-json.md'))
    .action(async (suite: string | undefined, opts) => {
      run.exit(await (await import('../memory.js')).memoryCommand(suite, run.command, opts));
    });
}
