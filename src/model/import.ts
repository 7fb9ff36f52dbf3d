/**
 * Reads any supported profile file into the model, telling formats apart by content, never by file
 * name (as speedscope does): a `.pb.gz` renamed `.prof` or folded stacks saved as `.txt` still open.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { fromCpuProfile } from './cpuprofile.js';
import { fromFolded } from './folded.js';
import { fromPprof, isGzip } from './pprof.js';
import { type Profile, ProfileFormatError } from './profile.js';

const TRIED = 'Chrome .cpuprofile (JSON), pprof (profile.proto, gzipped or not), folded stacks';

/** Imports bytes of any supported format; throws an error naming `source` and the formats tried. */
export function importProfile(bytes: Uint8Array, source: string): Profile {
  // pprof handles its own gzip (and says precisely what is wrong with a broken .pb.gz); gzipped
  // text formats are unpacked here.
  let content = bytes;
  let gzipError: unknown;
  if (isGzip(bytes)) {
    try {
      content = gunzipSync(bytes);
    } catch (cause) {
      gzipError = cause;
    }
  }
  const text = looksLikeText(content) ? new TextDecoder().decode(content) : undefined;

  if (text !== undefined) {
    const cpu = fromCpuProfile(text, source);
    if (cpu) return cpu;
  }
  if (text === undefined || !isGzip(bytes)) {
    const pprof = fromPprof(bytes, source);
    if (pprof) return pprof;
  }
  if (text !== undefined) {
    const folded = fromFolded(text, source);
    if (folded) return folded;
  }
  const why = gzipError ? 'gzip data is corrupt or truncated' : `tried ${TRIED}; none matched`;
  throw new ProfileFormatError('supported', source, why, gzipError ? { cause: gzipError } : undefined);
}

/** Reads and imports one profile file. */
export async function importProfileFile(path: string): Promise<Profile> {
  return importProfile(await readFile(path), path);
}

/**
 * True when the first 4 KiB hold no control bytes other than tab, CR and LF: text formats never
 * do, and profile.proto always does (its field tags are bytes like 0x0a and 0x12).
 */
function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 4096);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13) return false;
  }
  return bytes.length > 0;
}
