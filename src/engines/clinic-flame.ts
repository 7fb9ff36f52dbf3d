/**
 * clinic flame as an engine (`--engine clinic`), for those who use clinic: an optional peer, never
 * a dependency (clinic/locate.ts). The workload runs under clinic flame (which runs 0x); its HTML is
 * kept beside our outputs, and its samples (`<pid>.clinic-flame-samples`) are imported so that the
 * pprof, folded and SVG files are written as for every engine.
 *
 * As with 0x, the agent goes in only to save the process's source maps at exit and to say when the
 * program started (clinic loads itself first, so a duration counts from then); the ticks it costs
 * are dropped. clinic flame samples the main thread only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { locateClinic } from '../clinic/locate.js';
import { fromClinicFlameSamples } from '../model/clinic-flame.js';
import type { Engine } from './engine.js';
import { clinicMain } from './paths.js';
import type { ThreadPart } from './threads.js';
import { collectMainThreads, mainThreadPart, withSourceMapAgent } from './tick-engines.js';

const SAMPLES = /^(\d+)\.clinic-flame-samples$/;

/** clinic's data directory (`<pid>.clinic-flame/`) in the artifact directory, if it wrote one. */
async function dataDirs(artifactDir: string): Promise<string[]> {
  const names = await readdir(artifactDir, { withFileTypes: true });
  return names
    .filter((e) => e.isDirectory() && e.name.endsWith('.clinic-flame'))
    .map((e) => join(artifactDir, e.name));
}

export const clinicFlameEngine: Engine = {
  name: 'clinic',
  describe: () => 'CPU ticks (clinic flame, V8 --prof)',

  launch(spec, ctx) {
    const { program, args, env } = withSourceMapAgent(spec.argv, spec.env, ctx.artifactDir, 'clinic');
    const clinic = locateClinic(spec.cwd);
    const argv = [
      process.execPath,
      clinicMain,
      clinic.bin,
      'flame',
      '--dest',
      ctx.artifactDir,
      '--',
      program,
      ...args,
    ];
    return { ...spec, argv, env: { ...env, NO_INSIGHT: '1' } };
  },

  async collect(ctx) {
    const parts: ThreadPart[] = [];
    for (const dir of await dataDirs(ctx.artifactDir)) {
      for (const name of await readdir(dir)) {
        const match = SAMPLES.exec(name);
        if (!match) continue;
        const path = join(dir, name);
        const imported = fromClinicFlameSamples(await readFile(path, 'utf8'), path);
        if (imported) parts.push(await mainThreadPart(ctx.artifactDir, Number(match[1]), imported));
      }
    }
    return collectMainThreads(ctx.artifactDir, parts, 'clinic flame');
  },

  // clinic analyses the ticks and writes its HTML after the program ends: seconds.
  stopGraceMs: 60_000,
  startsProgramLate: true,

  async keep(ctx) {
    const html = (await readdir(ctx.artifactDir)).find((name) => name.endsWith('.clinic-flame.html'));
    return html ? [{ from: join(ctx.artifactDir, html), suffix: '.clinic-flame.html' }] : [];
  },
};
