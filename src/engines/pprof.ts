/**
 * The default engine: @datadog/pprof's wall-time profiler started by the preload agent in every Node
 * process of the workload (it travels in NODE_OPTIONS) and in every thread of each: a process's main
 * thread writes `<pid>.pb.gz` as it ends, a worker `<pid>.t<threadId>.<n>.pb.gz` chunks as it runs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV_CPU_TIME, ENV_INTERVAL_US, parseArtifactName } from '../agent/protocol.cjs';
import { fromPprof } from '../model/pprof.js';
import { withoutAgentSamples } from './agent-samples.js';
import type { Engine } from './engine.js';
import { runtimeNames } from './frame-names.js';
import { agentDirs, withAgent } from './paths.js';
import { groupThreads, type ThreadPart } from './threads.js';

export const pprofEngine: Engine = {
  name: 'pprof',
  describe: (ctx) => (ctx.cpuTime ? 'wall and CPU time (@datadog/pprof)' : 'wall time (@datadog/pprof)'),

  launch(spec, ctx) {
    const env = withAgent(spec.env, ctx.artifactDir, 'pprof');
    env[ENV_INTERVAL_US] = String(ctx.intervalUs);
    env[ENV_CPU_TIME] = ctx.cpuTime ? '1' : '0';
    return { ...spec, env };
  },

  async collect(ctx) {
    const parts: ThreadPart[] = [];
    for (const name of await readdir(ctx.artifactDir)) {
      const parsed = parseArtifactName(name);
      // `<pid>.pb.gz` (a main thread), `<pid>.t<id>.<n>.pb.gz` (a worker's chunk); not heap profiles.
      if (!parsed || !/^(?:\.\d+)?\.pb\.gz$/.test(parsed.rest)) continue;
      const path = join(ctx.artifactDir, name);
      const imported = fromPprof(await readFile(path), path);
      if (!imported) continue;
      // The profiler's own stop at exit is sampled too: the agent's work, not the program's.
      const profile = runtimeNames(withoutAgentSamples(imported, agentDirs));
      parts.push({ pid: parsed.pid, threadId: parsed.threadId, profile });
    }
    return groupThreads(ctx.artifactDir, parts, { agentFlushes: () => true });
  },
};
