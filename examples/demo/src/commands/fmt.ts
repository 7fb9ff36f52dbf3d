/** `demo fmt [dir] [--check]`: rewrites demo.toml and the tests in canonical form (sorted keys). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatFiles } from '../lib/fmt.js';
import { listTestFiles, loadProject, PROJECT_FILE } from '../lib/project.js';
import { display, parseCommandArgs } from './shared.js';

/** The command: with --check, exit 1 when a file is not canonical and write nothing. */
export async function fmtCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseCommandArgs(
    { name: 'fmt', usage: 'fmt [dir] [--check]', min: 0, max: 1 },
    (c) => parseArgs({ ...c, args, options: { check: { type: 'boolean', default: false } } }),
  );
  const project = loadProject(positionals[0] ?? '.');
  const projectFile = path.join(project.root, PROJECT_FILE);
  const files = [...(existsSync(projectFile) ? [projectFile] : []), ...listTestFiles(project)];
  const changed = formatFiles(files, { check: values.check });
  for (const file of changed)
    console.log(`${values.check ? 'not formatted' : 'formatted'}: ${display(file)}`);
  console.log(
    `${files.length} files checked, ${changed.length} ${values.check ? 'need formatting' : 'reformatted'}`,
  );
  return values.check && changed.length > 0 ? 1 : 0;
}
