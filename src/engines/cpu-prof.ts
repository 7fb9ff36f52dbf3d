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
import { ENV_AGENT_DIR, ENV_AGENT_MODE, ENV_INTERVAL_US } from '../agent/protocol.cjs';
import { fromCpuProfile } from '../model/cpuprofile.js';
import { readProcessRecords, readSourceMaps } from './agent-records.js';
import { withoutAgentSamples } from './agent-samples.js';
import type { Engine, ProcessProfile } from './engine.js';
import { agentDir, agentPath, withNodeOptions } from './paths.js';
import { applySourceMaps } from './saved-source-maps.js';

/**
 * `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile` (--cpu-prof) or `<pid>.cpuprofile` (agent).
 * --cpu-prof also profiles worker threads, among them the module-loader hooks thread that tsx
 * runs on; only the main thread (id 0) is kept, as the pprof engine does.
 */
const PROFILE_NAME = /^(?:CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+|(\d+))\.cpuprofile$/;

export function isNodeProgram(program: string): boolean {
  return program === process.execPath || ['node', 'nodejs', 'node.exe'].includes(basename(program));
}

export const cpuProfEngine: Engine = {
  name: 'cpu-prof',
  describe: () => 'CPU samples (node --cpu-prof)',

  launch(spec, ctx) {
    const env = withNodeOptions(spec.env, '--require', agentPath);
    env[ENV_AGENT_DIR] = ctx.artifactDir;
    env[ENV_AGENT_MODE] = 'cpu-prof';
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
    const records = await readProcessRecords(ctx.artifactDir);
    const out: ProcessProfile[] = [];
    for (const name of (await readdir(ctx.artifactDir)).sort()) {
      const match = PROFILE_NAME.exec(name);
      if (!match || (match[2] !== undefined && match[2] !== '0')) continue;
      const path = join(ctx.artifactDir, name);
      const pid = Number(match[1] ?? match[3]);
      const maps = await readSourceMaps(ctx.artifactDir, pid);
      // The agent's own work is not the program's: its start-up (samples in its code) and, from
      // `startedUs` on, saving the source maps at exit (native work included).
      const imported = fromCpuProfile(await readFile(path, 'utf8'), path, { untilMicros: maps?.startedUs });
      if (!imported) continue;
      const profile = applySourceMaps(withoutAgentSamples(imported, agentDir), maps);
      const record = records.get(pid);
      out.push(record ? { profile, process: record } : { profile });
    }
    return out;
  },
};
