/**
 * Node's built-in `--cpu-prof`: V8 writes a .cpuprofile per process on exit. The agent rides along
 * in `signals` mode only, so that SIGINT/SIGTERM (a duration stop, a timeout) end in a normal exit
 * and the profile is still written, and so that each process leaves its argv for naming.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENV_AGENT_DIR, ENV_AGENT_MODE } from '../agent/protocol.cjs';
import { fromCpuProfile } from '../model/cpuprofile.js';
import { readProcessRecords } from './agent-records.js';
import type { Engine, ProcessProfile } from './engine.js';
import { agentPath, withNodeOptions } from './paths.js';

export const cpuProfEngine: Engine = {
  name: 'cpu-prof',
  describe: () => 'CPU samples (node --cpu-prof)',

  launch(spec, ctx) {
    const env = withNodeOptions(
      spec.env,
      '--cpu-prof',
      `--cpu-prof-dir=${ctx.artifactDir}`,
      `--cpu-prof-interval=${ctx.intervalUs}`,
      '--require',
      agentPath,
    );
    env[ENV_AGENT_DIR] = ctx.artifactDir;
    env[ENV_AGENT_MODE] = 'signals';
    return { ...spec, env };
  },

  async collect(ctx) {
    const records = await readProcessRecords(ctx.artifactDir);
    const out: ProcessProfile[] = [];
    for (const name of (await readdir(ctx.artifactDir)).sort()) {
      // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile
      const match = /^CPU\.\d+\.\d+\.(\d+)\.\d+\.\d+\.cpuprofile$/.exec(name);
      if (!match) continue;
      const path = join(ctx.artifactDir, name);
      const profile = fromCpuProfile(await readFile(path, 'utf8'), path);
      if (!profile) continue;
      const record = records.get(Number(match[1]));
      out.push(record ? { profile, process: record } : { profile });
    }
    return out;
  },
};
