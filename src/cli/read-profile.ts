/**
 * Reads one profile file for a command (flamegraph, diff): any supported format, and every failure
 * to read it (missing, a directory, not a profile) as a UserError naming the file and what it takes.
 */
import { importProfileFile } from '../model/import.js';
import type { Profile } from '../model/profile.js';
import { UserError } from '../util/user-error.js';

export async function readProfileArg(path: string): Promise<Profile> {
  try {
    return await importProfileFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory, not a profile file'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new UserError(
      `cannot read profile ${path}: ${reason} (expected pprof .pb/.pb.gz, Chrome .cpuprofile or folded stacks)`,
      { cause: error },
    );
  }
}
