/**
 * Node's built-in `--cpu-prof`: V8 writes a .cpuprofile per process on exit. Node refuses the flag
 * in NODE_OPTIONS, so it goes on the argv when the workload is a Node command (and forks inherit
 * it through execArgv); Node processes started any other way get the same V8 profiler from the
 * agent through the inspector. The agent also turns SIGINT/SIGTERM into a normal exit, so that a
 * duration stop or a timeout still writes the profile, leaves each process's argv for naming, and
 * saves the source maps the frames are mapped through.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ENV_INTERVAL_US, parseArtifactName, type SourceMapsRecord } from '../agent/protocol.cjs';
import { fromCpuProfile } from '../model/cpuprofile.js';
import type { Profile } from '../model/profile.js';
import { readSourceMaps } from './agent-records.js';
import { withoutAgentSamples } from './agent-samples.js';
import type { Engine } from './engine.js';
import { runtimeNames } from './frame-names.js';
import { agentDirs, withAgent } from './paths.js';
import { applySourceMaps } from './saved-source-maps.js';
import { groupThreads, type ThreadPart } from './threads.js';

/**
 * `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile` (--cpu-prof, one per thread, workers and
 * Node's module-hooks thread included) or `<pid>[.t<thread>[.<n>]].cpuprofile` (the agent's).
 */
const FLAG_PROFILE = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/;
const AGENT_PROFILE = /^(?:\.\d+)?\.cpuprofile$/;

function profileThread(name: string): { pid: number; threadId: number } | undefined {
  const flag = FLAG_PROFILE.exec(name);
  if (flag) return { pid: Number(flag[1]), threadId: Number(flag[2]) };
  const parsed = parseArtifactName(name);
  return parsed && AGENT_PROFILE.test(parsed.rest) ? parsed : undefined;
}

/**
 * V8's `(idle)` is a thread waiting for work. @datadog/pprof leaves it out, and so does this engine:
 * shares are of the time threads were busy, so a waiting thread does not dilute a busy one.
 */
function withoutIdle(profile: Profile): Profile {
  const idle = profile.frames.findIndex((f) => f.name === '(idle)' && !f.file);
  if (idle === -1) return profile;
  return { ...profile, samples: profile.samples.filter((s) => s.stack[s.stack.length - 1] !== idle) };
}

/**
 * The maps a thread saved at its end; a worker stopped before it could save its own uses those the
 * other threads of its process saved (the same files compile to the same code).
 */
async function mapsOf(dir: string, pid: number, threadId: number, names: string[]) {
  const own = await readSourceMaps(dir, pid, threadId);
  if (own) return { own, maps: own };
  const maps: SourceMapsRecord = { startedUs: Number.POSITIVE_INFINITY, maps: {} };
  for (const name of names) {
    const parsed = parseArtifactName(name);
    if (parsed?.pid !== pid || parsed.rest !== '.sourcemaps.json') continue;
    Object.assign(maps.maps, (await readSourceMaps(dir, pid, parsed.threadId))?.maps);
  }
  return { own: undefined, maps };
}

export function isNodeProgram(program: string): boolean {
  return program === process.execPath || ['node', 'nodejs', 'node.exe'].includes(basename(program));
}

export const cpuProfEngine: Engine = {
  name: 'cpu-prof',
  describe: () => 'CPU samples (node --cpu-prof)',

  launch(spec, ctx) {
    const env = withAgent(spec.env, ctx.artifactDir, 'cpu-prof');
    env[ENV_INTERVAL_US] = String(ctx.intervalUs);
    const [program, ...rest] = spec.argv;
    const argv =
      program !== undefined && isNodeProgram(program)
        ? [
            program,
            '--cpu-prof',
            `--cpu-prof-dir=${ctx.artifactDir}`,
            `--cpu-prof-interval=${ctx.intervalUs}`,
            ...rest,
          ]
        : spec.argv;
    return { ...spec, argv, env };
  },

  async collect(ctx) {
    const names = await readdir(ctx.artifactDir);
    const parts: ThreadPart[] = [];
    const agentWritten = new Set<number>();
    for (const name of names) {
      const thread = profileThread(name);
      if (!thread) continue;
      if (!name.startsWith('CPU.')) agentWritten.add(thread.pid);
      const path = join(ctx.artifactDir, name);
      const { own, maps } = await mapsOf(ctx.artifactDir, thread.pid, thread.threadId, names);
      // The agent's own work is not the program's: its start-up (samples in its code) and, from
      // `startedUs` on, saving the source maps at the thread's end (native work included).
      const imported = fromCpuProfile(await readFile(path, 'utf8'), path, { untilMicros: own?.startedUs });
      if (!imported) continue;
      const profile = applySourceMaps(withoutAgentSamples(withoutIdle(imported), agentDirs), maps);
      parts.push({ ...thread, profile: runtimeNames(profile) });
    }
    // V8 writes --cpu-prof files itself, even for a terminated worker; the agent's inspector
    // profiles (processes started without the flag) are flushed like the pprof engine's.
    return groupThreads(ctx.artifactDir, parts, { agentFlushes: (pid) => agentWritten.has(pid) });
  },
};
