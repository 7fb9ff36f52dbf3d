/** `demo init [dir]`: copies the starter project (tests, templates, demo.toml) into a folder. */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DemoError } from '../lib/errors.js';
import { PROJECT_FILE } from '../lib/project.js';
import { display, parseCommandArgs } from './shared.js';

/** The starter project shipped beside the CLI. */
export const STARTER_DIR = fileURLToPath(new URL('../../starter', import.meta.url));

/** Writes a starter project into `dir`, named after the folder; refuses to overwrite a project. */
export function initProject(dir: string): string[] {
  const root = path.resolve(dir);
  if (existsSync(path.join(root, PROJECT_FILE))) {
    throw new DemoError(`${PROJECT_FILE} already exists: not overwriting an existing project`, root);
  }
  cpSync(STARTER_DIR, root, { recursive: true, errorOnExist: true, force: false });
  const projectFile = path.join(root, PROJECT_FILE);
  const name = path.basename(root).replace(/"/g, '') || 'demo';
  writeFileSync(
    projectFile,
    readFileSync(projectFile, 'utf8').replace('name = "starter"', `name = "${name}"`),
  );
  return [PROJECT_FILE, 'tests/', 'templates/'].map((f) => path.join(root, f));
}

/** The command: prints what it created. */
export async function initCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs({ name: 'init', usage: 'init [dir]', min: 0, max: 1 }, (c) =>
    parseArgs({ ...c, args, options: {} }),
  );
  const dir = positionals[0] ?? '.';
  for (const created of initProject(dir)) console.log(`created ${display(created)}`);
  console.log(`next: demo run ${dir}`);
  return 0;
}
