/** Registers `profile init` (help, options); the command itself is ../init.ts, imported when it runs. */
import type { Command } from 'commander';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter profile.config.ts for the current project, from its package.json')
    .option('--force', 'overwrite an existing profile.config.*')
    .option('--gitignore', "add perfsuite's output folders to .gitignore (saved baselines stay committable)")
    .action(async (opts) => {
      await (await import('../init.js')).initCommand(process.cwd(), opts);
    });
}
