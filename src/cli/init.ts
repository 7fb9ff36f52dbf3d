/**
 * `profile init`: writes a commented starter `profile.config.ts` for the current project, whose
 * workloads run as they are (the project read by starter/propose.ts), checks what it wrote, and
 * with `--gitignore` keeps perfsuite's results out of git. Never overwrites a config without `--force`.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CONFIG_NAMES } from '../config/read-config.js';
import { type ConfigCheck, checkConfig } from '../starter/check-config.js';
import { updateGitignore } from '../starter/gitignore.js';
import { checkLines, gitignoreLines, nextLines, proposalLines } from '../starter/init-summary.js';
import { dependencyNames, readPackageJson } from '../starter/package-json.js';
import { proposeWorkloads } from '../starter/propose.js';
import { starterConfig } from '../starter/template.js';
import { UserError } from '../util/user-error.js';
import { writeFileAtomic } from '../util/write-atomic.js';

/** Writes the starter config at `path`, then loads and checks it. */
async function writeStarter(
  dir: string,
  path: string,
  existing: string[],
): Promise<{ lines: string[]; check: ConfigCheck }> {
  const found = proposeWorkloads(dir);
  await writeFileAtomic(path, starterConfig(found));
  const lines = [`wrote ${path}`, ...proposalLines(found)];
  const shadowed = existing.filter((file) => file !== path).map((file) => basename(file));
  if (shadowed.length > 0)
    lines.push(`note: ${shadowed.join(', ')} is still there; profile.config.ts is read first`);
  const check = await checkConfig(path);
  return { lines: [...lines, ...checkLines(check)], check };
}

export async function initCommand(
  dir: string,
  opts: { force?: boolean; gitignore?: boolean },
): Promise<string> {
  const path = join(dir, 'profile.config.ts');
  const existing = CONFIG_NAMES.map((name) => join(dir, name)).filter((file) => existsSync(file));
  if (existing.length > 0 && !opts.force && !opts.gitignore) {
    throw new UserError(`${existing[0]} already exists; use --force to overwrite it`);
  }
  const written =
    existing.length > 0 && !opts.force
      ? { lines: [`kept ${existing[0]} (--force overwrites it)`], check: undefined }
      : await writeStarter(dir, path, existing);
  const lines = [
    ...written.lines,
    ...gitignoreLines(opts.gitignore ? await updateGitignore(dir) : undefined),
  ];
  const problems = written.check?.problems ?? [];
  if (problems.length === 0) {
    const installed = dependencyNames(readPackageJson(dir)).has('perfsuite');
    lines.push(...nextLines(installed, written.check?.workloads.length ?? 1));
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (problems.length > 0)
    throw new UserError(`the config written to ${path} does not work yet: fix the problems above`);
  return path;
}
