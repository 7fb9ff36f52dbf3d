/** What every command module shares: argument parsing with friendly errors, and path display. */
import path from 'node:path';
import { DemoError } from '../lib/errors.js';

/** The usage line and positional-argument bounds of a command. */
export interface CommandShape {
  name: string;
  usage: string;
  min: number;
  max: number;
}

/**
 * Runs node:util parseArgs (strict, positionals allowed) with the command's options, turning its
 * TypeErrors (unknown option, missing value) and a wrong argument count into DemoErrors that show
 * the usage line.
 */
export function parseCommandArgs<T extends { positionals: string[] }>(
  shape: CommandShape,
  parse: (config: { allowPositionals: true; strict: true }) => T,
): T {
  let parsed: T;
  try {
    parsed = parse({ allowPositionals: true, strict: true });
  } catch (error) {
    throw new DemoError(`${shape.name}: ${(error as Error).message}\nusage: demo ${shape.usage}`);
  }
  const count = parsed.positionals.length;
  if (count < shape.min || count > shape.max) {
    throw new DemoError(`${shape.name}: wrong number of arguments\nusage: demo ${shape.usage}`);
  }
  return parsed;
}

/** A path as the user would type it from where they are. */
export function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}

/** Milliseconds with one decimal. */
export const ms = (value: number): string => value.toFixed(1);
