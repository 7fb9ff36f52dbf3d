/**
 * Maps the frames of a profile taken outside the process (cpu-prof's .cpuprofile, 0x's ticks)
 * through the source maps the process saved at exit (`<pid>.sourcemaps.json`,
 * agent/source-map-dump.cts), so that TypeScript run by tsx and bundled code point at their
 * original file and line, as they do with the pprof engine. Frames of scripts without a map keep
 * their position; `file://` URLs become paths, as the other engines write them.
 */
import { SourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { SourceMapsRecord } from '../agent/protocol.cjs';
import { originalPosition } from '../agent/source-mapper.cjs';
import { mapFrames } from '../model/map-frames.js';
import type { Frame, Profile } from '../model/profile.js';
import { pathOf } from '../util/file-path.js';
import { diskSourceMap } from './disk-source-map.js';

export function applySourceMaps(profile: Profile, record: SourceMapsRecord | undefined): Profile {
  return mapFrames(profile, frameMapper(record));
}

/** One frame at a time, as applySourceMaps maps them (doctor maps single frames, not profiles). */
export function frameMapper(record: SourceMapsRecord | undefined): (frame: Frame) => Frame {
  const parsed = new Map<string, SourceMap | undefined>();
  const mapOf = (file: string): SourceMap | undefined => {
    if (!parsed.has(file)) {
      // Keyed as V8 names scripts: a path for CommonJS, a file:// URL for ES modules. A script the
      // process saved no map for (a thread ended where it could not save them) may have one on disk.
      const payload =
        record?.maps[file] ??
        (file.startsWith('/') ? record?.maps[pathToFileURL(file).href] : undefined) ??
        (file.startsWith('/') || file.startsWith('file:') ? diskSourceMap(file) : undefined);
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
  return (frame: Frame): Frame => {
    if (!frame.file) return frame;
    const map = mapOf(frame.file);
    const original = map && frame.line !== undefined && originalPosition(map, frame.line, frame.column ?? 1);
    if (!original) return { ...frame, file: pathOf(frame.file) };
    return { name: frame.name, file: original.file, line: original.line, column: original.column };
  };
}
