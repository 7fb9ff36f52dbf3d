/** Registers `profile report` (help, options); the command itself is ../report.ts, imported when it runs. */
import type { Command } from 'commander';
import { collect, configOption, outDirOption } from '../options.js';
import type { CommandRun } from './registration.js';

export function registerReport(program: Command, run: CommandRun): void {
  program
    .command('report')
    .description('rebuild reports/index.html, the one page with every result and the history of runs')
    .addOption(outDirOption('the output directory to read and write'))
    .addOption(configOption("use this config's outDir"))
    .option(
      '--history <file>',
      "history files to show instead of the directory's own (repeatable: machines, CI shards)",
      collect,
    )
    .option('--open', 'open the page in the default browser')
    .action(async (opts) => {
      run.exit(await (await import('../report.js')).reportCommand(opts));
    });
}
