/**
 * A load given as any command (`wrk -c 10 http://localhost:$PORT/`, `k6 run script.js`): the
 * command line is split into an argv the way a POSIX shell splits words, then run without a shell
 * (the runner never uses one). Whatever only a shell could do (pipes, lists, redirections,
 * substitutions, variables other than $PORT) is refused with a message instead of silently passed
 * through as literal text.
 *
 * Hand-written rather than shell-quote's `parse` (installed only as a dependency of 0x's
 * browserify, not ours): on this machine it accepted an unterminated quote silently, replaced an
 * unknown `$NAME` with an empty string and passed backticks through as text. string-argv is not
 * installed. The tests check this splitter against /bin/sh itself.
 */
import { UserError } from './user-error.js';

/** A command line that cannot be run without a shell, or is malformed; says where and what to do. */
export class CommandLineError extends UserError {
  constructor(
    message: string,
    /** What was refused, e.g. `|`, `&&`, `$(`, `` ` ``, `$HOME`, or the quote left open. */
    readonly found: string,
    /** 1-based column in the command line. */
    readonly column: number,
  ) {
    super(message);
    this.name = 'CommandLineError';
  }
}

const OPERATOR = /^(?:&&|\|\||;;|>>|<<|[|&;<>()])/;
const VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/;
const WHITESPACE = new Set([' ', '\t', '\r']);
const ARRAY_FORM = 'or give the load as an array in the config (["sh", "-c", "..."] if it needs a shell)';

/**
 * Splits `text` into argv like a POSIX shell's word splitting and quote removal: 'single quotes'
 * keep everything literally, "double quotes" keep everything but `\"`, `\\`, `\$` and `` \` ``,
 * a backslash outside quotes escapes the next character (and a backslash-newline joins lines),
 * and "" or '' is an empty argument. No shell runs, so nothing is expanded: `*`, `?`, `[...]`, `~`
 * and `{...}` stay as they are, and `$PORT` / `${PORT}` are kept for `substitutePort`.
 *
 * Throws a CommandLineError for shell operators (`| & ; < > ( )`), a line break between words,
 * `$(...)`, backticks, any other `$NAME` or `${...}`, shell parameters (`$1`, `$@`, `$$`...), a `#`
 * comment and an unterminated quote. A `$` followed by anything else stays a `$`, as in a shell.
 */
export function splitCommandLine(text: string): string[] {
  const argv: string[] = [];
  const refuse = (found: string, at: number, what: string, advice: string): never => {
    throw new CommandLineError(
      `the load command \`${text}\` has ${what} at column ${at + 1}: ${advice}`,
      found,
      at + 1,
    );
  };
  const noShell = (found: string, at: number, what: string): never =>
    refuse(
      found,
      at,
      what,
      `load commands run without a shell; quote it if it belongs to an argument, ${ARRAY_FORM}`,
    );
  /** `$(`, `${...}`, `$NAME` and `$1`-style parameters, outside single quotes. Returns the text to keep. */
  const dollar = (at: number): string => {
    const rest = text.slice(at);
    if (rest.startsWith('$(')) noShell('$(', at, 'a command substitution "$("');
    const variable = VARIABLE.exec(rest);
    if (variable) {
      const name = variable[1] ?? variable[2];
      if (name === 'PORT') return variable[0];
      return refuse(
        `$${name}`,
        at,
        `the variable "$${name}"`,
        `only $PORT is replaced (no shell expands variables): write its value, or single-quote it to pass it as it is`,
      );
    }
    if (/^\$(?:\{|[0-9@*#?$!-])/.test(rest))
      noShell(rest.slice(0, 2), at, `the shell parameter "${rest.slice(0, 2)}"`);
    return '$';
  };
  let word: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    // A line break between words would end the command in a shell; before or after them, it is blank.
    const blank =
      WHITESPACE.has(c) ||
      (c === '\n' && ((argv.length === 0 && word === undefined) || !text.slice(i).trim()));
    if (blank) {
      if (word !== undefined) argv.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) refuse("'", i, 'a single quote that is never closed', 'close it');
      word = (word ?? '') + text.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const open = i;
      word ??= '';
      for (i++; text[i] !== '"'; ) {
        const d = text[i];
        if (d === undefined) refuse('"', open, 'a double quote that is never closed', 'close it');
        else if (d === '`') noShell('`', i, 'a backtick (command substitution)');
        else if (d === '$') {
          const kept = dollar(i);
          word += kept;
          i += kept.length;
        } else if (d === '\\' && '$`"\\\n'.includes(text[i + 1] ?? 'x')) {
          if (text[i + 1] !== '\n') word += text[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next !== '\n') word = (word ?? '') + (next ?? '\\');
      i += 2;
    } else if (c === '\n') {
      refuse(
        '\n',
        i,
        'a line break',
        'a shell runs each line as a command of its own: join the lines, or end each with "\\"',
      );
    } else if (c === '`') {
      noShell('`', i, 'a backtick (command substitution)');
    } else if (c === '#' && word === undefined) {
      noShell('#', i, 'a "#", which starts a comment in a shell,');
    } else if (c === '$') {
      const kept = dollar(i);
      word = (word ?? '') + kept;
      i += kept.length;
    } else {
      const operator = OPERATOR.exec(text.slice(i));
      if (operator) noShell(operator[0], i, `the shell operator "${operator[0]}"`);
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) argv.push(word);
  return argv;
}

const PORT_PLACEHOLDER = /\{port\}|\$\{PORT\}|\$PORT(?![A-Za-z0-9_])/g;

/**
 * Puts the server's port into a load command's argv: `{port}` (the config's array form) and
 * `$PORT` / `${PORT}` (the command-line form) in every argument, wherever they appear
 * (`http://localhost:{port}/`). Quoting is gone by now, so a '$PORT' written in single quotes is
 * replaced too. A new array; `argv` is not changed.
 */
export function substitutePort(argv: readonly string[], port: number): string[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`not a TCP port: ${port}`);
  return argv.map((arg) => arg.replace(PORT_PLACEHOLDER, String(port)));
}
