/**
 * The context every record of a run shares: its id, when it started, the code (git.ts) and the
 * machine (util/machine.ts). Gathered apart from the pure builders of record.ts, so they are tested
 * without git or a clock. Start it when the command starts and await it at the end: git then runs
 * while the workloads do (no cost in wall time), and it describes the code as it was when measured.
 */
import { machineInfo } from '../util/machine.js';
import { gitInfo } from './git.js';
import { type HistoryMachine, newRunId, type RunContext } from './record.js';

/** Options of runContext; the CLI maps its flags onto these. */
export interface RunContextOptions {
  /** The project: git runs here, and source locations are stored relative to it. @default process.cwd() */
  projectDir?: string;
  /** A name for the machine, which then tells machines apart in merged histories. @default env PERFSUITE_MACHINE */
  machineName?: string;
  /** When the command started. @default now */
  startedAt?: Date;
}

/** The machine, with its name when one was given. */
export function historyMachine(name: string | undefined): HistoryMachine {
  const trimmed = name?.trim();
  return { ...machineInfo(), ...(trimmed ? { name: trimmed } : {}) };
}

/** The run's id, time, git state and machine; never throws (git.ts gives undefined on any failure). */
export async function runContext(options: RunContextOptions = {}): Promise<RunContext> {
  const projectDir = options.projectDir ?? process.cwd();
  const time = (options.startedAt ?? new Date()).toISOString();
  const git = await gitInfo(projectDir);
  return {
    id: newRunId(time),
    time,
    ...(git ? { git } : {}),
    machine: historyMachine(options.machineName ?? process.env.PERFSUITE_MACHINE),
    projectDir,
  };
}
