/**
 * Every engine samples some of the agent's own work (its start-up, the profiler's stop, saving
 * source maps at exit). That is not the program's time, so the engines drop it here. The agent's
 * frames are known by their file in either form a profile gives it: the built `dist/agent/*.cjs`, or
 * `src/agent/*.cts` where the profiler mapped it through the agent's own source maps (pprof does, in
 * the workload's process).
 *
 * One agent frame is not the agent's work: its wrapper of `Atomics.wait` in worker threads
 * (agent/worker-flush.cts), in which a parked worker waits for its next task. The wait is the
 * program's; only the frame is ours. Its samples are kept with the frame taken out, so the wait lands
 * on the program's caller as it would without the agent (it led `parallel/run_jobs_4` as
 * `Atomics.wait src/agent/worker-flush.cts:70`, 23% of the run, shown as the user's code).
 */
import { sep } from 'node:path';
import type { Frame, Profile } from '../model/profile.js';
import { pathOf } from '../util/file-path.js';

const WAIT_WRAPPER_FILE = /worker-flush\.c[jt]s$/;

/** 0: the program's; 1: the agent's work; 2: the agent's wait wrapper, whose time is the program's. */
type FrameKind = 0 | 1 | 2;

function kindOf(frame: Frame, prefixes: readonly string[]): FrameKind {
  const path = pathOf(frame.file ?? '');
  if (!prefixes.some((prefix) => path.startsWith(prefix))) return 0;
  return frame.name === 'Atomics.wait' && WAIT_WRAPPER_FILE.test(path) ? 2 : 1;
}

/**
 * The profile without the samples that have a frame in one of `agentDirs` (paths or file URLs), and
 * without the agent's wait wrapper in the stacks of the samples that keep it.
 */
export function withoutAgentSamples(profile: Profile, agentDirs: readonly string[]): Profile {
  const prefixes = agentDirs.map((dir) => (dir.endsWith(sep) ? dir : dir + sep));
  const kinds = profile.frames.map((frame) => kindOf(frame, prefixes));
  const samples: Profile['samples'] = [];
  for (const sample of profile.samples) {
    if (sample.stack.some((id) => kinds[id] === 1)) continue;
    const waits = sample.stack.some((id) => kinds[id] === 2);
    samples.push(waits ? { ...sample, stack: sample.stack.filter((id) => kinds[id] !== 2) } : sample);
  }
  return { ...profile, samples };
}
