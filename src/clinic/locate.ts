/**
 * Where clinic is: an optional peer, never a dependency of perfsuite (about 156 MB with TensorFlow,
 * and unmaintained). Found in the project (resolved from its directory, as `npx clinic` would), or
 * where `--clinic` says: its package directory or its `bin.js`.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../util/user-error.js';

export interface Clinic {
  /** clinic's package directory; its own packages (@clinic/doctor) resolve from here. */
  packageDir: string;
  /** Its command line, run with this Node. */
  bin: string;
}

const HOW_TO_ADD =
  'add it to the project with `npm install --save-dev clinic` (about 156 MB), or give --clinic <path to clinic>';

/** clinic for `projectDir`, or a UserError that says how to add it. */
export function locateClinic(projectDir: string, explicit?: string): Clinic {
  if (explicit !== undefined) {
    const given = existsSync(explicit) ? realpathSync(explicit) : resolve(explicit);
    const packageDir = existsSync(given) && statSync(given).isFile() ? dirname(given) : given;
    if (!existsSync(join(packageDir, 'bin.js')) || !existsSync(join(packageDir, 'package.json')))
      throw new UserError(
        `--clinic ${explicit}: no clinic there (no bin.js and package.json); ${HOW_TO_ADD}`,
      );
    return { packageDir, bin: join(packageDir, 'bin.js') };
  }
  try {
    // Its real path: its own packages are resolved from where it is installed, not through a link.
    const manifest = realpathSync(createRequire(join(projectDir, 'noop.js')).resolve('clinic/package.json'));
    return { packageDir: dirname(manifest), bin: join(dirname(manifest), 'bin.js') };
  } catch {
    throw new UserError(`--with-clinic: clinic is not installed for ${projectDir}; ${HOW_TO_ADD}`);
  }
}
