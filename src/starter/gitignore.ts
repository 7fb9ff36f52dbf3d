/**
 * `profile init --gitignore`: perfsuite's output folders added to the project's .gitignore, so that
 * profiles and reports stay out of commits, while the saved baselines (.perfsuite/baselines/), which
 * `profile validate --baseline` compares against, can be committed and shared.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/write-atomic.js';

/**
 * The folders perfsuite writes in its output directory (README "Output layout"), each with a file
 * that says a folder of that name already there is perfsuite's and not the project's own.
 */
const OUTPUT_FOLDERS: [folder: string, marker: RegExp][] = [
  ['profiles', /^cpu_results\.json$/],
  ['flamegraphs', /^diff$|\.svg$/],
  ['memory_profiles', /^memory_(results\.json|summary\.md)$/],
  ['doctor', /^doctor_(results\.json|summary\.md)$/],
  ['reports', /^index\.html$|^performance_report_/],
];

const HEADER = '# perfsuite (profile): results; commit the saved baselines in .perfsuite/baselines/';

/** The lines to add, and the folders left out because the project has a folder of its own by that name. */
export interface GitignorePlan {
  add: string[];
  notOurs: string[];
}

function isOurs(dir: string, folder: string, marker: RegExp): boolean {
  const path = join(dir, folder);
  if (!existsSync(path)) return true;
  try {
    const names = readdirSync(path);
    return names.length === 0 || names.some((name) => marker.test(name));
  } catch {
    return false;
  }
}

/** What `--gitignore` would add to `dir`'s .gitignore (nothing that is there already). */
export function planGitignore(dir: string, present: string): GitignorePlan {
  const have = new Set(present.split(/\r?\n/).map((line) => line.trim()));
  const notOurs: string[] = [];
  const wanted: string[] = [];
  for (const [folder, marker] of OUTPUT_FOLDERS) {
    if (isOurs(dir, folder, marker)) wanted.push(`/${folder}/`);
    else notOurs.push(folder);
  }
  wanted.push('/.perfsuite/*', '!/.perfsuite/baselines/');
  const add = wanted.filter((line) => !have.has(line) && !have.has(line.replace(/^\//, '')));
  return { add: add.length > 0 && !have.has(HEADER) ? [HEADER, ...add] : add, notOurs };
}

/** Appends the plan's lines to `dir`/.gitignore (creating it); returns the plan. */
export async function updateGitignore(dir: string): Promise<GitignorePlan> {
  const path = join(dir, '.gitignore');
  const present = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const plan = planGitignore(dir, present);
  if (plan.add.length > 0) {
    const separator =
      present === '' || present.endsWith('\n\n') ? '' : present.endsWith('\n') ? '\n' : '\n\n';
    await writeFileAtomic(path, `${present}${separator}${plan.add.join('\n')}\n`);
  }
  return plan;
}
