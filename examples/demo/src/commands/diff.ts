/**
 * `demo diff <a.toml> [b]`: renders `a` and diffs it against `b` rendered (when b is a test
 * definition), against the file `b` (a previous output), or, without `b`, against a's last output.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { unifiedDiff } from '../lib/diff.js';
import { DemoError } from '../lib/errors.js';
import { renderTestFile } from '../lib/pipeline.js';
import { findProjectOf } from '../lib/project.js';
import { createRenderer } from '../lib/render.js';
import { display, parseCommandArgs } from './shared.js';

/** Renders a test definition in memory. */
function renderInMemory(file: string): { output: string; outputPath: string } {
  const project = findProjectOf(file);
  return renderTestFile(project, createRenderer(project.templatesDir), file, { write: false });
}

/** The diff text between `a` rendered and `b` (see above); '' when they are equal. */
export function diffRendered(a: string, b?: string): string {
  const left = renderInMemory(path.resolve(a));
  let rightText: string;
  let rightLabel: string;
  if (b === undefined) {
    if (!existsSync(left.outputPath)) {
      throw new DemoError(
        `no previous output at ${display(left.outputPath)}: run "demo render ${a}" first`,
        a,
      );
    }
    rightText = readFileSync(left.outputPath, 'utf8');
    rightLabel = `${display(left.outputPath)} (last rendered)`;
  } else if (b.endsWith('.toml')) {
    rightText = renderInMemory(path.resolve(b)).output;
    rightLabel = `${b} (rendered)`;
  } else {
    rightText = readFileSync(b, 'utf8');
    rightLabel = b;
  }
  // Old on the left: "what changed since the last render" reads as - old, + new.
  const [oldText, oldLabel, newText, newLabel] =
    b === undefined
      ? [rightText, rightLabel, left.output, `${a} (rendered)`]
      : [left.output, `${a} (rendered)`, rightText, rightLabel];
  return unifiedDiff(oldText, newText, { a: oldLabel, b: newLabel });
}

/** The command: exit 0 when equal, 1 when different, like diff(1). */
export async function diffCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(
    { name: 'diff', usage: 'diff <a.toml> [b.toml|file]', min: 1, max: 2 },
    (c) => parseArgs({ ...c, args, options: {} }),
  );
  const text = diffRendered(positionals[0] as string, positionals[1]);
  process.stdout.write(text === '' ? 'no differences\n' : text);
  return text === '' ? 0 : 1;
}
