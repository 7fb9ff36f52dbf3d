/** `demo lint [dir]`: prints rule violations as `file:line: [rule] message`. */

import { parseArgs } from 'node:util';
import { formatIssue, lintProject } from '../lib/lint.js';
import { loadProject } from '../lib/project.js';
import { display, parseCommandArgs } from './shared.js';

/** The command: exit 1 when there is any issue. */
export async function lintCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs({ name: 'lint', usage: 'lint [dir]', min: 0, max: 1 }, (c) =>
    parseArgs({ ...c, args, options: {} }),
  );
  const issues = lintProject(loadProject(positionals[0] ?? '.'));
  for (const issue of issues) console.log(formatIssue(issue, display));
  console.log(issues.length === 0 ? 'no issues' : `${issues.length} issue${issues.length === 1 ? '' : 's'}`);
  return issues.length > 0 ? 1 : 0;
}
