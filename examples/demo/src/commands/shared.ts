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
    throw usageError(shape, (error as Error).message);
  }
  const count = parsed.positionals.length;
  if (count < shape.min || count > shape.max) throw usageError(shape, 'wrong number of arguments');
  return parsed;
}

/** A mistake in the command line: the message, then the command's usage line (exit 2). */
export function usageError(shape: CommandShape, message: string): DemoError {
  return new DemoError(`${shape.name}: ${message}\nusage: demo ${shape.usage}`);
}

/** A path as the user would type it from where they are. */
export function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}

/** Milliseconds with one decimal. */
export const ms = (value: number): string => value.toFixed(1);
