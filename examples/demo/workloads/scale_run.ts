/**
 * The `scalability` sweep of `profile validate`: `demo run` over a generated project of <n> test
 * files. Each size's project is generated once into a temp folder (the sweep's warm-up run does it),
 * so the measured runs time what a user waits for: start-up, load, render, execute and write.
 */
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../src/commands/run.js';
import { runTestSize, writeProject } from './support/generate.js';

const files = Number(process.argv[2]);
if (!Number.isInteger(files) || files < 1) {
  console.error('usage: scale_run <files>   (a whole number of test files, e.g. 100)');
  process.exit(2);
}
const dir = path.join(os.tmpdir(), 'perfsuite-demo-scale', `files_${files}`);
if (!existsSync(path.join(dir, 'demo.toml'))) {
  mkdirSync(dir, { recursive: true });
  writeProject(dir, files, 'medium', runTestSize);
}
process.exitCode = await runCommand([dir, '--out-dir', path.join(dir, 'out')]);
