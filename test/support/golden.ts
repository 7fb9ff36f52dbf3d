/**
 * Golden files: a test's output compared with the file that holds what it should be, and that file
 * rewritten after an intended change (PERFSUITE_BLESS=1, then review the diff). One place, so every
 * golden test blesses the same way and says the same thing when it fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Set to `1` to write the golden files instead of comparing with them. */
export const BLESS_VARIABLE = 'PERFSUITE_BLESS';

/** The command that rewrites the golden files of the test running now, for the failure message. */
function blessCommand(): string {
  const testPath = expect.getState().testPath;
  const file = testPath === undefined ? '<test file>' : relative(process.cwd(), testPath);
  return `${BLESS_VARIABLE}=1 npx vitest run ${file}`;
}

/**
 * With PERFSUITE_BLESS=1, writes `actual` to the golden file; otherwise expects it to be the file's
 * text exactly, and fails (saying how to bless) when it differs or the file is missing.
 */
export function expectGolden(golden: URL | string, actual: string): void {
  const path = golden instanceof URL ? fileURLToPath(golden) : golden;
  if (process.env[BLESS_VARIABLE] === '1') {
    writeFileSync(path, actual);
    return;
  }
  const shown = relative(process.cwd(), path);
  if (!existsSync(path)) throw new Error(`golden file ${shown} is missing: create it with ${blessCommand()}`);
  expect(
    actual,
    `differs from the golden file ${shown}; if the change is intended, rerun with ${blessCommand()} and review the diff`,
  ).toBe(readFileSync(path, 'utf8'));
}
