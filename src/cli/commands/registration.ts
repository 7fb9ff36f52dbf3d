/**
 * The shape of an entry of the command table (commands/index.ts): a function that registers one
 * command on the program (its help, arguments, options and an action that imports the command's
 * implementation only when it runs), and what the action gets from main and hands back to it.
 */
import type { Command } from 'commander';

/** Between main and a command's action. */
export interface CommandRun {
  /** The ad hoc command given after `--` (`profile cpu -- node app.js`): never parsed by commander. */
  readonly command: string[];
  /** Sets the exit code main returns (0 unless set). */
  exit(code: number): void;
}

/** Registers one command on the program. */
export type RegisterCommand = (program: Command, run: CommandRun) => void;
