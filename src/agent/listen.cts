/**
 * For server workloads: tells the runner when the program is ready for load, without the user
 * saying how. The first TCP server any thread of the process starts listening on (port 0 included,
 * with the port the OS chose) is written to `<pid>.listen.json`, once.
 *
 * Node announces every `server.listen()` on the diagnostics channel `net.server.listen` (a tracing
 * channel), so nothing of the program is patched and a process that never listens pays nothing.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { artifactNames, type ListenRecord } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

const LISTENED = 'tracing:net.server.listen:asyncEnd';

export function reportFirstListen(artifactDir: string): void {
  const onListen = (message: unknown): void => {
    const address = (message as { server?: { address(): unknown } }).server?.address();
    // A Unix socket or a pipe (a string) is not a port to send HTTP load to.
    if (!address || typeof address !== 'object') return;
    const { port, address: host } = address as { port: number; address: string };
    unsubscribe(LISTENED, onListen);
    const record: ListenRecord = { pid: process.pid, port, address: host, t: Date.now() };
    try {
      writeAtomicSync(join(artifactDir, artifactNames.listen(process.pid)), JSON.stringify(record));
    } catch (error) {
      process.stderr.write(
        `perfsuite agent: could not report the port pid ${process.pid} listens on: ${error}\n`,
      );
    }
  };
  subscribe(LISTENED, onListen);
}
