/**
 * Maps the frames of a profile taken outside the process (cpu-prof's .cpuprofile, 0x's ticks)
 * through the source maps the process saved at exit (`<pid>.sourcemaps.json`,
 * agent/source-map-dump.cts), so that TypeScript run by tsx and bundled code point at their
 * original file and line, as they do with the pprof engine. Frames of scripts without a map keep
 * their position; `file://` URLs become paths, as the other engines write them.
 */
import { readFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { artifactNames, type SourceMapsRecord } from '../agent/protocol.cjs';
import { originalPosition } from '../agent/source-mapper.cjs';
import { mapFrames } from '../model/map-frames.js';
import type { Frame, Profile } from '../model/profile.js';

/** The source maps a process saved, or undefined when it saved none (no script had one). */
export async function readSourceMaps(dir: string, pid: number): Promise<SourceMapsRecord | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, artifactNames.sourceMaps(pid)), 'utf8')) as SourceMapsRecord;
  } catch {
    return undefined;
  }
}

function asPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

export function applySourceMaps(profile: Profile, record: SourceMapsRecord | undefined): Profile {
  const parsed = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string): SourceMap | undefined => {
    if (!parsed.has(file)) {
      // Keyed as V8 names scripts: a path for CommonJS, a file:// URL for ES modules.
      const payload =
        record?.maps[file] ?? (file.startsWith('/') ? record?.maps[pathToFileURL(file).href] : undefined);
      let map: SourceMap | undefined;
      try {
        map = payload ? new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]) : undefined;
      } catch {
        // A map Node itself could not use: the frames keep their generated position.
      }
      parsed.set(file, map);
    }
    return parsed.get(file);
  };
  return mapFrames(profile, (frame: Frame): Frame => {
    if (!frame.file) return frame;
    const map = mapOf(frame.file);
    const original = map && frame.line !== undefined && originalPosition(map, frame.line, frame.column ?? 1);
    if (!original) return { ...frame, file: asPath(frame.file) };
    return { name: frame.name, file: original.file, line: original.line, column: original.column };
  });
}

/**
 * The profile without the samples taken in the agent's own code (its start-up and its work at
 * exit), for engines that sample the whole process and have no timestamps to cut them off by.
 */
export function withoutAgentSamples(profile: Profile, agentDir: string): Profile {
  const prefix = agentDir.endsWith(sep) ? agentDir : agentDir + sep;
  const isAgent = profile.frames.map((frame) => asPath(frame.file ?? '').startsWith(prefix));
  const samples = profile.samples.filter((sample) => !sample.stack.some((id) => isAgent[id]));
  return { ...profile, samples };
}
