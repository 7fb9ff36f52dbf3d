/**
 * Whether a workload `profile init` proposes is a server, which needs a load to be worth profiling
 * (an idle server's profile is its start-up): its file listens on a port, or it is the project's
 * `start` with a server framework among the dependencies. Reads only that one file, never runs it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packages that make a project a web server. */
export const SERVER_PACKAGES = [
  'express',
  'fastify',
  'koa',
  '@hapi/hapi',
  'hapi',
  'restify',
  'polka',
  'hono',
  '@nestjs/core',
  'http',
];

const LISTENS = /\.listen\s*\(|\bcreateServer\s*\(|\bserve\s*\(\s*\{/;

function source(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return '';
  }
}

function importsPackage(text: string, name: string): boolean {
  const quoted = name.replace(/[/.]/g, '\\$&');
  return new RegExp(`(require\\(|from\\s+|import\\()\\s*['"](node:)?${quoted}['"]`).test(text);
}

/**
 * Why the program is a server (for the config's comment), or undefined. `file` is the program's
 * file when known; `isStart` says it is the `start` script, which a web project starts its server with.
 */
export function serverEvidence(
  dir: string,
  program: { file?: string | undefined; isStart: boolean },
  dependencies: Set<string>,
): string | undefined {
  const framework = SERVER_PACKAGES.find((name) => dependencies.has(name));
  const text = program.file ? source(dir, program.file) : '';
  if (text && LISTENS.test(text)) return `${program.file} listens on a port`;
  if (framework && (program.isStart || importsPackage(text, framework))) {
    return `${framework} is a dependency${program.isStart ? ' and this is the start script' : ''}`;
  }
  return undefined;
}
