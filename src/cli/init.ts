/**
 * `profile init`: writes a commented starter `profile.config.ts` for the current project. It reads
 * package.json (scripts and bin) so that the first suite profiles something real at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/user-error.js';
import { writeFileAtomic } from '../util/write-atomic.js';

interface PackageJson {
  name?: string;
  main?: string;
  bin?: string | Record<string, string>;
  scripts?: Record<string, string>;
}

function readPackage(dir: string): PackageJson {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}

/** Workload lines for what the project already has: benchmark/test scripts and its entry point. */
function suggestedWorkloads(pkg: PackageJson): string[] {
  const lines: string[] = [];
  for (const script of ['bench', 'benchmark', 'start', 'test']) {
    if (pkg.scripts?.[script]) {
      const name = script === 'benchmark' ? 'bench' : script;
      lines.push(
        `        // "npm run ${script}" runs: ${pkg.scripts[script].replace(/\*\//g, '* /')}`,
        `        ${name}: { command: ['npm', 'run', '${script}'], timeout: 300 },`,
      );
    }
  }
  const entry = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin ? Object.values(pkg.bin)[0] : pkg.main;
  if (entry) lines.push(`        entry: { script: '${entry.replace(/'/g, "\\'")}', args: ['--help'] },`);
  if (lines.length === 0) {
    lines.push(`        // A JS or TS file run in its own Node process (TypeScript needs no build step):`);
    lines.push(`        example: { script: 'bench/example.ts', args: [] },`);
  }
  return lines;
}

export function starterConfig(pkg: PackageJson): string {
  return `// perfsuite configuration: \`profile list\` shows what it defines, \`profile cpu all\` profiles it.
// Paths are relative to this file. Names become file names: letters, digits, "_", "-" and ".".
import { defineConfig } from 'perfsuite';

export default defineConfig({
  // Where profiles/, flamegraphs/, memory_profiles/ and reports/ are written (default: here).
  // outDir: 'perf-results',
  suites: {
    // A suite is a named group of workloads: \`profile cpu main\` runs this one.
    main: {
      description: 'workloads of ${(pkg.name ?? 'this project').replace(/'/g, "\\'")}',
      workloads: {
${suggestedWorkloads(pkg).join('\n')}
        // A command is an argv array, never run through a shell; Node processes it starts are profiled too.
        // build: {
        //   command: ['node', 'scripts/build.js'],
        //   timeout: 60,  // kill the whole process tree after 60 s (default 120)
        //   memory: { peakRssMb: 200, expect: 'stable' }, // \`profile memory\`: budget and growth check
        //   validate: { runs: 10, warmup: 1, targets: [{ stat: 'p95', max: 500 }] }, // \`profile validate\`: ms
        // },
        // A server (your API): with a \`load\`, perfsuite waits until it is ready, sends it HTTP load,
        // then stops it gracefully (SIGINT) and writes its profiles; the summary adds requests/s and latency.
        // api: {
        //   command: ['node', 'server.js'],
        //   env: { PORT: '0' }, // any free port: perfsuite learns which from Node
        //   // The built-in load (autocannon): every connection requests the paths in turn.
        //   // Defaults: GET /, 10 connections, 10 s. Also method, headers, body, amount, pipelining.
        //   load: { paths: ['/health', '/items?page=2'], connections: 10, duration: 10 },
        //   // ...or your own load tool, {port} replaced by the server's port:
        //   // load: { command: ['k6', 'run', '-e', 'PORT={port}', 'load.js'] },
        //   // Ready by default once a Node process of it listens on a TCP port; or name a port, or
        //   // a line of its output (a group captures the port):
        //   ready: { output: 'listening on .*:(\\\\d+)', timeout: 30 },
        //   memory: { expect: 'stable' }, // \`profile memory\`: its memory under load must level off
        //   // \`profile validate\`: the slowest run's requests per second, the p99 latency of every request (ms)
        //   validate: {
        //     runs: 3,
        //     targets: [{ metric: 'rps', stat: 'min', min: 1000 }, { metric: 'latency', stat: 'p99', max: 100 }],
        //   },
        // },
        // A watcher or any long-running command without load: \`duration: 10\` stops it gracefully after 10 s.
      },
      // \`profile validate\` also measures journeys (ordered steps with budgets), sweeps (a program at
      // sizes 1, 10, 100 with a fitted scaling exponent) and tinybench benchmarks: see the README.
    },
  },
});
`;
}

export async function initCommand(dir: string, opts: { force?: boolean }): Promise<string> {
  const path = join(dir, 'profile.config.ts');
  if (existsSync(path) && !opts.force) {
    throw new UserError(`${path} already exists; use --force to overwrite it`);
  }
  await writeFileAtomic(path, starterConfig(readPackage(dir)));
  process.stdout.write(`wrote ${path}\nnext: profile list, then profile cpu main\n`);
  return path;
}
