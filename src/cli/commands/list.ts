/** Registers `profile list` (help, options); the command itself is ../list.ts, imported when it runs. */
import type { Command } from 'commander';
import { configOption } from '../options.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list suites and workloads of the config (or of the built-in demo)')
    .addOption(configOption('config file'))
    .option('--json', 'machine-readable output')
    .action(async (opts) => {
      await (await import('../list.js')).listCommand(opts);
    });
}
