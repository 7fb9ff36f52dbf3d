/**
 * What `profile init` tells the terminal: the workloads it wrote, what it left out and why, the
 * result of its check, the .gitignore, and the command to run next.
 */

import { plural } from '../util/words.js';
import type { ConfigCheck } from './check-config.js';
import type { GitignorePlan } from './gitignore.js';
import type { Proposals } from './propose.js';

function describe(workload: { script?: string; command?: string[]; args?: string[] }): string {
  return [...(workload.script ? [workload.script] : (workload.command ?? [])), ...(workload.args ?? [])].join(
    ' ',
  );
}

/** The workloads written (active first, then suggestions) and what was left out. */
export function proposalLines(found: Proposals): string[] {
  const active = found.proposals.filter((p) => p.active);
  const width = Math.max(0, ...active.map((p) => p.name.length)) + 2;
  const lines = active.map(
    (p) =>
      `  main/${p.name.padEnd(width)}${describe(p.workload)}${p.server ? `  (a server: ${p.workload.load?.duration} s of HTTP load)` : ''}`,
  );
  if (active.length === 0) lines.push('  no workload found: the suite is written commented out, give it one');
  const suggested = found.proposals.filter((p) => !p.active).map((p) => p.name);
  if (suggested.length > 0)
    lines.push(`  commented out, to enable if worth profiling: ${suggested.join(', ')}`);
  for (const s of found.skipped) lines.push(`  left out: ${s.what}: ${s.why}`);
  return lines;
}

export function checkLines(check: ConfigCheck): string[] {
  if (check.problems.length > 0) return ['the check found problems:', ...check.problems.map((p) => `  ${p}`)];
  return [
    `checked: the config loads, and the files and programs of its ${plural(check.workloads.length, 'workload')} exist`,
  ];
}

export function gitignoreLines(plan: GitignorePlan | undefined): string[] {
  if (!plan) {
    return [
      'perfsuite writes profiles/, flamegraphs/, reports/... here: `profile init --gitignore` keeps them out of git',
    ];
  }
  const lines = [
    plan.add.length > 0
      ? `.gitignore: added ${plan.add.filter((l) => !l.startsWith('#')).join(' ')}`
      : ".gitignore: already ignores perfsuite's results",
    'commit .perfsuite/baselines/ (saved baselines, for `profile validate --baseline`); the rest is regenerated',
  ];
  for (const folder of plan.notOurs) {
    lines.push(
      `${folder}/ is a folder of the project's own: not ignored (set outDir in the config to keep results apart)`,
    );
  }
  return lines;
}

/** The next command, as this project can run it: `npx profile` where it installed perfsuite. */
export function nextLines(installed: boolean, workloads: number): string[] {
  const profile = installed ? 'npx profile' : 'profile';
  const lines = [
    workloads > 0
      ? `next: ${profile} cpu all   (${profile} list shows what each workload runs)`
      : `next: give the suite in profile.config.ts a workload (its comments show how), then ${profile} cpu all`,
  ];
  if (!installed) {
    lines.push(
      "perfsuite is not among this project's dependencies: the config loads anyway; to pin a version,",
      'install it as a dev dependency (README: "Use it in your project")',
    );
  }
  return lines;
}
