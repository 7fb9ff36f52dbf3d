/**
 * `demo serve [dir] [--port n] [--host h]`: the preview server (src/lib/serve.ts) until SIGINT or
 * SIGTERM, then a graceful stop: the server closes, requests in flight are answered, exit 0. This
 * is how perfsuite stops a server once its load has run.
 */
import { parseArgs } from 'node:util';
import { loadProject } from '../lib/project.js';
import { startPreviewServer } from '../lib/serve.js';
import { type CommandShape, parseCommandArgs, usageError } from './shared.js';

const shape: CommandShape = { name: 'serve', usage: 'serve [dir] [--port n] [--host h]', min: 0, max: 1 };

/** `--port`: 0 (any free port, the default) to 65535; anything else is a usage error. */
function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(port) || port > 65535) {
    throw usageError(shape, `--port must be a TCP port from 0 (any free port) to 65535 (got "${value}")`);
  }
  return port;
}

/** The first SIGINT or SIGTERM, listened for from the start so that a stop during start-up is not lost. */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** The command: resolves with 0 once a signal has closed the server and its connections. */
export async function serveCommand(args: string[]): Promise<number> {
  const stopped = firstSignal();
  const { positionals, values } = parseCommandArgs(shape, (c) =>
    parseArgs({
      ...c,
      args,
      options: { port: { type: 'string', short: 'p' }, host: { type: 'string' } },
    }),
  );
  const port = parsePort(values.port);
  const project = loadProject(positionals[0] ?? '.');
  const server = await startPreviewServer(project, { port, ...(values.host ? { host: values.host } : {}) });
  console.log(`listening on ${server.url}`);
  const signal = await stopped;
  // A second signal while stopping does not wait for the requests in flight.
  const again = (): void => server.closeNow();
  process.on('SIGINT', again);
  process.on('SIGTERM', again);
  await server.close();
  process.off('SIGINT', again);
  process.off('SIGTERM', again);
  const requests = server.requests();
  console.log(`stopped (${signal}) after ${requests} request${requests === 1 ? '' : 's'}`);
  return 0;
}
