/** Registers `profile flamegraph` (help, arguments, options); the command itself is ../flamegraph.ts, imported when it runs. */
import type { Command } from 'commander';
import { number } from '../options.js';

export function registerFlamegraph(program: Command): void {
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
      const written = await (await import('../flamegraph.js')).flamegraphCommand(inputs, opts);
      process.stdout.write(`${written}\n`);
    });
}
