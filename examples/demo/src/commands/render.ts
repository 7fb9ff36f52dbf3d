/** `demo render <file.toml> [-o out]`: renders one test definition through its template. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderTestFile } from '../lib/pipeline.js';
import { findProjectOf } from '../lib/project.js';
import { createRenderer } from '../lib/render.js';
import { display, ms, parseCommandArgs } from './shared.js';

/** The command: writes the output file and prints where, with stage timings. */
export async function renderCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(
    { name: 'render', usage: 'render <file.toml> [-o out]', min: 1, max: 1 },
    (c) => parseArgs({ ...c, args, options: { output: { type: 'string', short: 'o' } } }),
  );
  const file = path.resolve(positionals[0] as string);
  const project = findProjectOf(file);
  const renderer = createRenderer(project.templatesDir);
  const outputPath = values.output === undefined ? undefined : path.resolve(values.output);
  const result = renderTestFile(project, renderer, file, outputPath === undefined ? {} : { outputPath });
  const t = result.timings;
  console.log(
    `rendered ${display(file)} -> ${display(result.outputPath)} ` +
      `(parse ${ms(t.parseMs)} ms, render ${ms(t.renderMs)} ms, write ${ms(t.writeMs)} ms)`,
  );
  return 0;
}
