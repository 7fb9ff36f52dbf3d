/**
 * What the engines that import V8 ticks of a process's main thread share (0x, clinic flame): the
 * agent ran in the program only to save its source maps, so its ticks are dropped and the frames
 * mapped; threads are grouped as for every engine, and workers the program started are named in a
 * warning, since these engines cannot see them.
 */
import { ENV_AGENT_DIR, ENV_AGENT_MODE, ENV_REPORT_START, type ThreadStart } from '../agent/protocol.cjs';
import type { Profile } from '../model/profile.js';
import { plural } from '../util/words.js';
import { readJsonLines, readSourceMaps } from './agent-records.js';
import { withoutAgentSamples } from './agent-samples.js';
import { isNodeProgram } from './cpu-prof.js';
import type { Collected } from './engine.js';
import { runtimeNames } from './frame-names.js';
import { agentDirs, agentPath } from './paths.js';
import { applySourceMaps } from './saved-source-maps.js';
import { groupThreads, programWorkers, type ThreadPart } from './threads.js';

/**
 * The program's Node arguments with the agent required on them (not in NODE_OPTIONS: the wrapper and
 * its helpers are Node processes too), and the agent's environment: save the source maps, say when
 * the program started. Throws for a program that is not Node.
 */
export function withSourceMapAgent(
  argv: string[],
  env: Record<string, string>,
  artifactDir: string,
  engine: string,
): { program: string; args: string[]; env: Record<string, string> } {
  const [program, ...rest] = argv;
  if (program === undefined || !isNodeProgram(program)) {
    throw new Error(
      `the ${engine} engine profiles Node programs only, and this workload runs "${program}": use --engine pprof, which follows Node processes that any command starts`,
    );
  }
  return {
    program,
    args: ['--require', agentPath, ...rest],
    env: { ...env, [ENV_AGENT_DIR]: artifactDir, [ENV_AGENT_MODE]: 'source-maps', [ENV_REPORT_START]: '1' },
  };
}

/** A process's imported ticks, less the agent's, through the source maps it saved. */
export async function mainThreadPart(
  artifactDir: string,
  pid: number,
  imported: Profile,
): Promise<ThreadPart> {
  const maps = await readSourceMaps(artifactDir, pid);
  return {
    pid,
    threadId: 0,
    profile: runtimeNames(applySourceMaps(withoutAgentSamples(imported, agentDirs), maps)),
  };
}

/** The processes' main threads, grouped; `engine` names itself in the warning about workers. */
export async function collectMainThreads(
  artifactDir: string,
  parts: ThreadPart[],
  engine: string,
): Promise<Collected> {
  const collected = await groupThreads(artifactDir, parts, { agentFlushes: () => false });
  const starts = await readJsonLines<ThreadStart>(artifactDir, 'threads');
  const workers = starts.flatMap((f) => programWorkers(f.rows));
  if (workers.length > 0)
    collected.warnings.push(
      `the program started ${plural(workers.length, 'worker thread')}, and ${engine} profiles the main thread only: their work is not in this profile (--engine pprof and --engine cpu-prof include every thread)`,
    );
  return collected;
}
