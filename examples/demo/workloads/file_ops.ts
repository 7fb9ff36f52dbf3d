/**
 * Suite `file_ops`: the file system side of the tool. read: reading rendered outputs back (what
 * `diff` does); write: writing rendered outputs into nested folders (what `run` does); scan:
 * listing, reading and parsing a folder of 100 templates (what `lint` does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeOutput } from '../src/lib/pipeline.js';
import { createRenderer } from '../src/lib/render.js';
import { scanTemplates } from '../src/lib/scan.js';
import { templates } from './support/generate.js';
import { perIteration, pickCase, scaled, timeLoop, withTempDir } from './support/harness.js';

const FILES = 50;
const TEMPLATES = 100;
const cases = { read: 1000, write: 40, scan: 50 };
const name = pickCase('file_ops', cases);
const rounds = scaled(cases[name]);

/** A deterministic rendered-looking document of about 4 KB. */
const documentFor = (i: number): string =>
  Array.from({ length: 80 }, (_, line) => `line ${line} of output ${i}: ${'x'.repeat((i + line) % 23)}`).join(
    '\n',
  );

await withTempDir(`files-${name}`, (dir) => {
  let operations = 0;
  let elapsed: number;
  if (name === 'scan') {
    // 100 templates: the workload templates repeated with distinct names, in two sub-folders.
    const sources = Object.values(templates);
    for (let i = 0; i < TEMPLATES; i++) {
      const source = sources[i % sources.length] ?? '';
      writeOutput(path.join(dir, `group${i % 2}`, `template_${i}.liquid`), `{# ${i} #}\n${source}`);
    }
    elapsed = timeLoop(rounds, () => {
      const found = scanTemplates(dir, createRenderer(dir));
      if (found.length !== TEMPLATES || found.some((t) => t.error))
        throw new Error('scan found broken templates');
      operations += found.length;
    });
  } else {
    const files = Array.from({ length: FILES }, (_, i) => path.join(dir, `suite${i % 5}`, `out_${i}.md`));
    for (const [i, file] of files.entries()) writeOutput(file, documentFor(i));
    elapsed = timeLoop(rounds, (round) => {
      if (name === 'write') {
        for (const [i, file] of files.entries()) writeOutput(file, documentFor(i + round));
      } else {
        for (const sub of readdirSync(dir)) {
          for (const file of readdirSync(path.join(dir, sub)))
            readFileSync(path.join(dir, sub, file), 'utf8');
        }
      }
      operations += files.length;
    });
  }
  console.log(
    `file_ops ${name}: ${operations} file operations in ${rounds} rounds, ${perIteration(elapsed, operations)}`,
  );
});
