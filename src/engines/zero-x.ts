/**
 * 0x as an engine: the workload runs under 0x (V8's --prof tick sampler), whose own
 * flamegraph.html is kept beside our outputs, and whose stack tree is imported so the pprof,
 * folded and SVG files are written as for every engine. 0x profiles the one Node process it
 * starts; child processes are not followed.
 *
 * The agent goes in as well, only to save the process's source maps at exit: our pprof, folded
 * and SVG files point at the original TypeScript (0x's own flamegraph.html shows the code as it
 * ran). The ticks it costs are dropped: every sample in the agent's own code.
 *
 * 0x samples the main thread only: when the program starts worker threads (the agent records them),
 * the result says that their work is missing and which engines include it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromZeroXTree } from '../model/zerox.js';
import type { Engine } from './engine.js';
import { zeroXBin } from './paths.js';
import type { ThreadPart } from './threads.js';
import { collectMainThreads, mainThreadPart, withSourceMapAgent } from './tick-engines.js';

export const zeroXEngine: Engine = {
  name: '0x',
  describe: () => 'CPU ticks (0x, V8 --prof)',

  launch(spec, ctx) {
    const { args, env } = withSourceMapAgent(spec.argv, spec.env, ctx.artifactDir, '0x');
    const argv = [
      process.execPath,
      zeroXBin,
      '--output-dir',
      ctx.artifactDir,
      '--tree-debug',
      '--quiet',
      '--',
      'node',
      `--prof-sampling-interval=${ctx.intervalUs}`,
      ...args,
    ];
    return { ...spec, argv, env };
  },

  async collect(ctx) {
    const parts: ThreadPart[] = [];
    for (const name of await readdir(ctx.artifactDir)) {
      const match = /^stacks\.(\d+)\.json$/.exec(name);
      if (!match) continue;
      const path = join(ctx.artifactDir, name);
      const imported = fromZeroXTree(await readFile(path, 'utf8'), path);
      if (imported) parts.push(await mainThreadPart(ctx.artifactDir, Number(match[1]), imported));
    }
    return collectMainThreads(ctx.artifactDir, parts, '0x');
  },

  // After the program ends, 0x converts the V8 log to ticks (`node --prof-process`, a process in
  // the same group), which takes seconds: the runner's default grace sent SIGTERM in the middle of
  // it, and a server stopped after its duration came out with no samples.
  stopGraceMs: 60_000,
  // 0x loads itself for 0.5 s here before it starts the program (seconds on a loaded machine); a
  // 1 s duration counted from the spawn stopped it before the program ran: "no profile was written".
  startsProgramLate: true,

  async keep(ctx) {
    const names = await readdir(ctx.artifactDir);
    return names.includes('flamegraph.html')
      ? [{ from: join(ctx.artifactDir, 'flamegraph.html'), suffix: '.0x.html' }]
      : [];
  },
};
