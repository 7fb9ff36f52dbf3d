/**
 * A child process of the `worker_pool` scenario: renders test definitions on request from the
 * parent over the IPC channel. It stops when the parent disconnects (the channel is the only thing
 * keeping it alive), not on signals: the parent drains its in-flight requests first, then closes
 * the channel, so a stop never loses a reply or leaves a child behind.
 */
import { parseDefinition } from '../../src/lib/definition.js';
import { createRenderer, renderDefinition } from '../../src/lib/render.js';
import { definitionText, type TemplateKind } from '../support/generate.js';

/** A render request from the pool; the revision makes each definition distinct. */
export interface RenderRequest {
  id: number;
  kind: TemplateKind;
  revision: number;
}

/** The reply: how much was rendered, so the parent can check the work was done. */
export interface RenderReply {
  id: number;
  chars: number;
}

const templatesDir = process.argv[2];
if (!templatesDir || !process.send) {
  console.error('pool-worker is started by worker_pool.ts with a templates folder (child_process.fork)');
  process.exit(2);
}
const send = process.send.bind(process);
const renderer = createRenderer(templatesDir);
const size = { services: 6, scenarios: 6, stepsPerScenario: 3 };

// The process group gets perfsuite's SIGINT too; ignoring it leaves the shutdown to the parent.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

process.on('message', (request: RenderRequest) => {
  const name = `req_${request.id}`;
  const definition = parseDefinition(
    definitionText(name, request.kind, size, request.revision),
    `${name}.toml`,
  );
  const reply: RenderReply = { id: request.id, chars: renderDefinition(renderer, definition, 'pool').length };
  // With a callback a failed send is not thrown: after the parent is gone there is no one to reply to.
  send(reply, undefined, undefined, () => undefined);
});
