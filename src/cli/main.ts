/**
 * The `profile` command line: builds the program from the command table (commands/index.ts), parses
 * the arguments and maps errors to exit codes; each command's action runs it.
 * Exit codes: 0 success, 1 a workload failed (or a memory or doctor budget, or a doctor finding not
 * allowed), 2 a usage or config error, 130 Ctrl-C.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { inPackage } from '../util/package-root.js';
import { UserError } from '../util/user-error.js';
import { registrationsFor } from './commands/index.js';

const pkg = JSON.parse(readFileSync(inPackage('package.json'), 'utf8')) as {
  version: string;
};

/** Splits `profile cpu all` from `profile cpu -- node app.js`: commander must not parse the command. */
function splitCommand(argv: string[]): { own: string[]; command: string[] } {
  const at = argv.indexOf('--', 2);
  return at < 0 ? { own: argv, command: [] } : { own: argv.slice(0, at), command: argv.slice(at + 1) };
}

export async function main(argv: string[]): Promise<number> {
  const { own, command } = splitCommand(argv);
  let exitCode = 0;
  const program = new Command('profile')
    .description('Profile Node.js and TypeScript workloads: CPU flamegraphs, memory growth and validation.')
    .version(pkg.version)
    .exitOverride()
    .showHelpAfterError();
  const run = {
    command,
    exit: (code: number) => {
      exitCode = code;
    },
  };
  for (const register of await registrationsFor(own)) register(program, run);

  try {
    await program.parseAsync(own);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UserError) {
      process.stderr.write(`profile: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
