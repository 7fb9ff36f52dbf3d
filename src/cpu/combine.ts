/**
 * Several Node processes of one workload become one profile with one root frame per process,
 * named after what the process ran (`node worker.js (pid 4242)`), oldest process first.
 */
import { basename, relative } from 'node:path';
import type { ProcessProfile } from '../engines/engine.js';
import { mergeProfiles } from '../model/merge.js';
import type { Profile, ProfileMeta } from '../model/profile.js';

function processLabel(part: ProcessProfile, cwd: string): string {
  const record = part.process;
  if (!record) return 'process';
  // argv[0] is node itself; argv[1] the script, if any (`node -e` has none).
  const script = record.argv[1];
  const shown = script ? (script.startsWith(cwd) ? relative(cwd, script) : basename(script)) : '';
  const args = record.argv.slice(2, 4).join(' ');
  return `node ${shown}${args ? ` ${args}` : ''} (pid ${record.pid})`;
}

export function combineProcesses(
  parts: ProcessProfile[],
  meta: ProfileMeta,
  cwd: string,
): Profile | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) {
    const only = (parts[0] as ProcessProfile).profile;
    return { ...only, meta: { ...only.meta, ...meta } };
  }
  const ordered = [...parts].sort((a, b) => (a.process?.startedAt ?? 0) - (b.process?.startedAt ?? 0));
  const merged = mergeProfiles(
    ordered.map((part) => ({ profile: part.profile, rootName: processLabel(part, cwd) })),
  );
  return { ...merged, meta: { ...merged.meta, ...meta } };
}
