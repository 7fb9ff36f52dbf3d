/**
 * The default engine: @datadog/pprof's wall-time profiler started by the preload agent in every Node
 * process of the workload (it travels in NODE_OPTIONS), each process writing `<pid>.pb.gz` as it ends.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV_AGENT_DIR, ENV_AGENT_MODE, ENV_CPU_TIME, ENV_INTERVAL_US } from '../agent/protocol.cjs';
import { fromPprof } from '../model/pprof.js';
import { readProcessRecords } from './agent-records.js';
import { withoutAgentSamples } from './agent-samples.js';
import type { Engine, ProcessProfile } from './engine.js';
import { agentDir, agentPath, withNodeOptions } from './paths.js';

export const pprofEngine: Engine = {
  name: 'pprof',
  describe: (ctx) => (ctx.cpuTime ? 'wall and CPU time (@datadog/pprof)' : 'wall time (@datadog/pprof)'),

  launch(spec, ctx) {
    const env = withNodeOptions(spec.env, '--require', agentPath);
    env[ENV_AGENT_DIR] = ctx.artifactDir;
    env[ENV_AGENT_MODE] = 'pprof';
    env[ENV_INTERVAL_US] = String(ctx.intervalUs);
    env[ENV_CPU_TIME] = ctx.cpuTime ? '1' : '0';
    return { ...spec, env };
  },

  async collect(ctx) {
    const records = await readProcessRecords(ctx.artifactDir);
    const out: ProcessProfile[] = [];
    for (const name of (await readdir(ctx.artifactDir)).sort()) {
      const match = /^(\d+)\.pb\.gz$/.exec(name);
      if (!match) continue;
      const path = join(ctx.artifactDir, name);
      const imported = fromPprof(await readFile(path), path);
      if (!imported) continue;
      // The profiler's own stop at exit is sampled too: the agent's work, not the program's.
      const profile = withoutAgentSamples(imported, agentDir);
      const record = records.get(Number(match[1]));
      out.push(record ? { profile, process: record } : { profile });
    }
    return out;
  },
};
