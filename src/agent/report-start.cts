/**
 * Says the program is running, for engines that start it late: 0x loads itself (0.5 s here, seconds
 * on a loaded machine) before it starts the program, and a duration counted from the spawn would
 * stop the tree before the program ran, or while 0x could not yet pass the stop on.
 */
import { join } from 'node:path';
import { artifactNames } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

export function reportStart(artifactDir: string): void {
  try {
    writeAtomicSync(join(artifactDir, artifactNames.started(process.pid)), '');
  } catch (error) {
    // The duration then runs until the timeout stops the run, which says so.
    process.stderr.write(`perfsuite agent: could not report that pid ${process.pid} started: ${error}\n`);
  }
}
