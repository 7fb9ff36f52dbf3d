/**
 * What a package.json script runs, read from its command line without running a shell: the
 * environment it sets, its program and arguments, for each command of a `&&` / `;` list. `profile
 * init` uses it to check the files a script names and to run `node file.js` scripts as perfsuite
 * scripts (TypeScript through tsx, no extra npm process in the profile).
 */
import { splitCommandLine } from '../util/command-line.js';

/** One simple command of a script: `NAME=value ... program args`. */
export interface ScriptCommand {
  env: Record<string, string>;
  argv: string[];
}

/** Runners that take a script file as their first argument that is not an option. */
export const NODE_RUNNERS = new Set(['node', 'tsx', 'ts-node', 'ts-node-esm', 'babel-node']);

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;
const LIST_OPERATOR = /\s*(?:&&|\|\||;|\|)\s*/;

/**
 * The commands of `line`, or undefined when a part of it needs a shell beyond `&&`, `||`, `;` and
 * `|` (a variable, a substitution, a redirection, quotes around an operator).
 */
export function scriptCommands(line: string): ScriptCommand[] | undefined {
  const commands: ScriptCommand[] = [];
  for (const part of line.split(LIST_OPERATOR)) {
    if (!part.trim()) continue;
    let words: string[];
    try {
      words = splitCommandLine(part);
    } catch {
      return undefined;
    }
    const env: Record<string, string> = {};
    let at = 0;
    for (let match = ASSIGNMENT.exec(words[0] ?? ''); match; match = ASSIGNMENT.exec(words[at] ?? '')) {
      env[match[1] as string] = match[2] as string;
      at++;
    }
    if (at < words.length) commands.push({ env, argv: words.slice(at) });
  }
  return commands;
}

/** `node [options] file args`: a file run by a Node runner with no option of its own before it. */
export interface NodeFileCommand {
  runner: string;
  file: string;
  args: string[];
  env: Record<string, string>;
}

/** The command as a Node runner running a file, or undefined (options before the file, `-e`, another program). */
export function nodeFile(command: ScriptCommand): NodeFileCommand | undefined {
  const [runner, file, ...args] = command.argv;
  if (!runner || !NODE_RUNNERS.has(runner) || !file || file.startsWith('-')) return undefined;
  return { runner, file, args, env: command.env };
}

/** Arguments that name a JS or TS file of the project (not a glob, not an option). */
export function namedFiles(command: ScriptCommand): string[] {
  return command.argv
    .slice(1)
    .filter(
      (arg) =>
        /\.[cm]?[jt]sx?$/.test(arg) && !/[*?[{]/.test(arg) && !arg.startsWith('-') && !arg.includes('='),
    );
}
