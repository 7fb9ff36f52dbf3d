/**
 * For the cpu-prof and 0x engines. V8 writes positions in the code it ran, which for TypeScript run
 * by tsx is an in-memory transform (every function on line 1), so the frames must be mapped back,
 * as the pprof engine does in the process. By the time the profile is read the process is gone,
 * so at its end this saves the source maps Node holds for the scripts it loaded.
 *
 * The scripts are listed by the inspector: `Debugger.enable` reports every loaded script with its
 * source map URL. It runs only at exit, so the workload runs without the debugger attached.
 */
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { artifactNames, type SourceMapsRecord } from './protocol.cjs';
import { writeAtomicSync } from './write-atomic.cjs';

/**
 * Writes `<pid>.sourcemaps.json` (`<pid>.t<threadId>.sourcemaps.json` in a worker: each thread
 * loads its own scripts) when any loaded script has a source map; returns what it wrote.
 * `startedUs`: when the agent's exit work began (process.hrtime, which is the .cpuprofile clock).
 */
export function writeSourceMaps(artifactDir: string, startedUs: number): string[] {
  const maps: SourceMapsRecord['maps'] = {};
  const session = new Session();
  session.connect();
  try {
    // Inspector events of the process's own session arrive synchronously, inside `post`.
    session.on('Debugger.scriptParsed', ({ params }) => {
      if (!params.sourceMapURL || !params.url || params.url.startsWith('node:')) return;
      const payload = findSourceMap(params.url)?.payload as { sourcesContent?: unknown } | undefined;
      // The original sources are on disk; only the mappings are needed.
      if (payload) maps[params.url] = { ...payload, sourcesContent: undefined };
    });
    session.post('Debugger.enable');
    session.post('Debugger.disable');
  } finally {
    session.disconnect();
  }
  if (Object.keys(maps).length === 0) return [];
  const name = artifactNames.sourceMaps(process.pid, threadId);
  const record: SourceMapsRecord = { startedUs, maps };
  writeAtomicSync(join(artifactDir, name), JSON.stringify(record));
  return [name];
}
