/** Shared by the demo tests: paths, a CLI runner that really spawns the demo, temp projects. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type Result } from 'execa';
import { tsxLoaderUrl } from '../../src/runner/tsx.js';

/** examples/demo/, with a trailing separator. */
export const DEMO_DIR = fileURLToPath(new URL('../../examples/demo/', import.meta.url));
/** tsx's loader by absolute URL: `--import tsx` would resolve from the cwd, often a temp folder. */
export const TSX = tsxLoaderUrl;
/** The demo CLI's entry point. */
export const CLI = path.join(DEMO_DIR, 'src', 'cli.ts');
/** What `init` copies. */
export const STARTER = path.join(DEMO_DIR, 'starter');
/** The project the `cli/render_cmd` workload runs. */
export const FIXTURE_PROJECT = path.join(DEMO_DIR, 'fixtures', 'project');

/** Runs `node --import tsx cli.ts ...args` in `cwd`; never throws on a non-zero exit. */
export function runCli(args: string[], cwd: string): Promise<Result<{ reject: false; all: true }>> {
  return execa('node', ['--import', TSX, CLI, ...args], { cwd, reject: false, all: true });
}

/** A fresh temp folder and its cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `demo-test-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the starter project in a temp folder, to be edited by a test. */
export function copyOfStarter(prefix: string): { dir: string; cleanup: () => void } {
  const temp = tempDir(prefix);
  cpSync(STARTER, temp.dir, { recursive: true });
  return temp;
}
