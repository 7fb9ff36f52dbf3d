/**
 * 0x as an engine: the workload runs under 0x (V8's --prof tick sampler), whose own
 * flamegraph.html is kept beside our outputs, and whose stack tree is imported so the pprof,
 * folded and SVG files are written as for every engine. 0x profiles the one Node process it
 * starts; child processes are not followed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromZeroXTree } from '../model/zerox.js';
import { isNodeProgram } from './cpu-prof.js';
import type { Engine, ProcessProfile } from './engine.js';
import { zeroXBin } from './paths.js';

export const zeroXEngine: Engine = {
  name: '0x',
  describe: () => 'CPU ticks (0x, V8 --prof)',

  launch(spec, ctx) {
    const [program, ...rest] = spec.argv;
    if (program === undefined || !isNodeProgram(program)) {
      throw new Error(
        `the 0x engine profiles Node programs only, and this workload runs "${program}": use --engine pprof, which follows Node processes that any command starts`,
      );
    }
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
      ...rest,
    ];
    return { ...spec, argv };
  },

  async collect(ctx) {
    const out: ProcessProfile[] = [];
    for (const name of await readdir(ctx.artifactDir)) {
      if (!/^stacks\.\d+\.json$/.test(name)) continue;
      const path = join(ctx.artifactDir, name);
      const profile = fromZeroXTree(await readFile(path, 'utf8'), path);
      if (profile) out.push({ profile });
    }
    return out;
  },

  async keep(ctx) {
    const names = await readdir(ctx.artifactDir);
    return names.includes('flamegraph.html')
      ? [{ from: join(ctx.artifactDir, 'flamegraph.html'), suffix: '.0x.html' }]
      : [];
  },
};
