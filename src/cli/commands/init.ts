/** Registers `profile init` (help, options); the command itself is ../init.ts, imported when it runs. */
import type { Command } from 'commander';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter profile.config.ts for the current project')
    .option('--force', 'overwrite an existing profile.config.ts')
    .action(async (opts) => {
      await (await import('../init.js')).initCommand(process.cwd(), opts);
    });
}
