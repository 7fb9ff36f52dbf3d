/**
 * When a duration starts counting for engines that start the program late (0x): once the agent in
 * the program's main thread has written `<pid>.started` (report-start.cts).
 */
import { readdir } from 'node:fs/promises';
import { parseArtifactName } from '../agent/protocol.cjs';
import { waitUntil } from './readiness-wait.js';
import type { RunningProcess } from './run-process.js';

/** Resolves once a program of the run has started; rejects if the run ends or stops first. */
export async function programStarted(
  artifactDir: string,
  running: RunningProcess,
  timeoutMs: number,
): Promise<void> {
  const goal = {
    reached: 'started its program',
    notReached: 'the program did not start',
    watch: artifactDir,
  };
  await waitUntil(goal, { timeoutMs, exited: running.exited, signal: running.signal }, async () => {
    const names = await readdir(artifactDir).catch(() => [] as string[]);
    return names.some((name) => parseArtifactName(name)?.rest === '.started') ? true : undefined;
  });
}
