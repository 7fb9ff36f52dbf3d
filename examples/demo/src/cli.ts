/**
 * The demo CLI: a small test-definition tool (TOML tests rendered through Liquid templates) that
 * perfsuite profiles by default. This file only dispatches to one module per command.
 */
import { devCommand } from './commands/dev.js';
import { diffCommand } from './commands/diff.js';
import { dryRunCommand } from './commands/dry-run.js';
import { fmtCommand } from './commands/fmt.js';
import { initCommand } from './commands/init.js';
import { lintCommand } from './commands/lint.js';
import { renderCommand } from './commands/render.js';
import { resultsCommand } from './commands/results.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { DemoError } from './lib/errors.js';

const commands: Record<string, (args: string[]) => Promise<number>> = {
  init: initCommand,
  render: renderCommand,
  run: runCommand,
  'dry-run': dryRunCommand,
  fmt: fmtCommand,
  lint: lintCommand,
  diff: diffCommand,
  dev: devCommand,
  results: resultsCommand,
  serve: serveCommand,
};

const usage = `usage: demo <command> [args]

  init [dir]                    write a starter project (demo.toml, tests/, templates/)
  render <file.toml> [-o out]   render one test definition through its template
  run [dir] [--out-dir dir] [--jobs n]
                                render every test and execute its scenarios (exit 1 on failures),
                                in n worker threads with --jobs
  results [dir]                 show the results the last run saved
  dry-run [dir]                 validate and render everything, write and execute nothing
  fmt [dir] [--check]           rewrite TOML files in canonical form (sorted keys)
  lint [dir]                    check definitions: missing fields, unknown templates, duplicates, unused vars
  diff <a.toml> [b]             diff a's rendering against b's (or a file, or a's last output)
  dev [dir]                     watch tests and templates, re-render on change until Ctrl-C
  serve [dir] [--port n] [--host h]
                                a preview server: GET /render/<test>[?scenarios=n], /health, / (the
                                tests); default port 0 (any free port); until Ctrl-C`;

/** Runs one command line; returns the exit code (2 for a usage or input error). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`error: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (!(error instanceof DemoError)) throw error;
    console.error(`error: ${error.describe()}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
