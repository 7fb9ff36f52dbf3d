/** Registers `profile diff` (help, arguments, options); the command itself is ../diff.ts, imported when it runs. */
import { type Command, Option } from 'commander';
import { jsonOption, number, outDirOption } from '../options.js';
import type { CommandRun } from './registration.js';

export function registerDiff(program: Command, run: CommandRun): void {
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
    .addOption(
      outDirOption('where saved baselines are found and flamegraphs/diff/ is written', { short: false }),
    )
    .addOption(jsonOption('docs/diff-json.md', { instead: 'the tables' }))
    .action(async (base: string, next: string, opts) => {
      run.exit(await (await import('../diff.js')).diffCommand(base, next, opts));
    });
}
