/**
 * The text of the starter `profile.config.ts`: the proposed workloads (propose.ts), the scripts left
 * out and why, and commented examples of what else a workload can be (a command with budgets, a
 * server with its load). Comments explain each key, so the file is its own first documentation.
 */
import { entry, literal, quote } from './literal.js';
import type { Proposal, Proposals } from './propose.js';

const W = '        '; // the indentation of a workload inside `workloads: {`

function comments(lines: string[], indent = W): string[] {
  return lines.map((line) => `${indent}// ${line.replace(/\s*\n\s*/g, ' ')}`);
}

function serverLines(p: Proposal): string[] {
  const { load, env, ...rest } = p.workload;
  const { PORT, ...otherEnv } = env ?? {};
  const fields = Object.entries(rest).filter(([k]) => k !== 'timeout');
  return [
    ...comments(p.notes),
    ...comments([
      `A server (${p.server}): perfsuite waits until it listens, sends it HTTP load for`,
      'load.duration seconds, then stops it gracefully (SIGINT) and writes its profiles.',
    ]),
    `${W}${p.name}: {`,
    ...fields.map(([k, v]) => `${W}  ${entry(k, v)}`),
    `${W}  env: ${literal({ ...otherEnv, PORT })}, // any free port, if it reads PORT: perfsuite learns which from Node`,
    `${W}  // GET / may not be a route of yours: name the paths to exercise (with their query strings).`,
    `${W}  load: ${literal(load)},`,
    `${W}  timeout: ${p.workload.timeout}, // kill the whole process tree after this many seconds`,
    `${W}},`,
  ];
}

function activeLines(p: Proposal): string[] {
  if (p.server) return serverLines(p);
  return [...comments(p.notes), `${W}${entry(p.name, p.workload)}`];
}

function workloadLines(found: Proposals): string[] {
  const active = found.proposals.filter((p) => p.active);
  const suggested = found.proposals.filter((p) => !p.active);
  const lines = active.flatMap(activeLines);
  if (suggested.length > 0) {
    lines.push(...comments(['More scripts of package.json, to uncomment if they are worth profiling:']));
    for (const p of suggested)
      lines.push(`${W}// ${entry(p.name, p.workload)} // ${p.notes[0]?.replace(/\s*\n\s*/g, ' ')}`);
  }
  if (found.skipped.length > 0) {
    lines.push(...comments(['Left out by profile init, as they cannot run as workloads:']));
    lines.push(...comments(found.skipped.map((s) => `  ${s.what}: ${s.why}`)));
  }
  return lines;
}

/** The commented examples of what else a workload can be. */
const EXAMPLES = `
        // Examples of what else a workload can be, to uncomment and adapt:
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
        // A watcher or any long-running command without load: \`duration: 10\` stops it gracefully after 10 s.`;

/** The suite, with what was found; commented out as a whole when nothing was (a suite needs a workload). */
function suiteLines(found: Proposals): string[] {
  const suite = [
    '    // A suite is a named group of workloads: `profile cpu main` runs this one.',
    '    main: {',
    `      description: ${quote(`workloads of ${found.name ?? 'this project'}`)},`,
    '      workloads: {',
    ...workloadLines(found),
    EXAMPLES,
    '      },',
    '      // `profile validate` also measures journeys (ordered steps with budgets), sweeps (a program at',
    '      // sizes 1, 10, 100 with a fitted scaling exponent) and tinybench benchmarks: see the README.',
    '    },',
  ];
  if (found.proposals.some((p) => p.active)) return suite;
  return [
    '    // profile init found nothing that runs as it is (no start, test or bench script, no main or bin',
    '    // file that exists): give `main` a workload, then uncomment it (a suite needs one).',
    ...suite
      .flatMap((line) => line.split('\n'))
      .map((line) => (/^\s*\/\//.test(line) ? line : `    // ${line.slice(4)}`)),
  ];
}

export function starterConfig(found: Proposals): string {
  return `// perfsuite configuration: \`profile list\` shows what it defines, \`profile cpu all\` profiles it.
// Written by \`profile init\` from package.json; edit it freely. Paths are relative to this file.
// Names become file names: letters, digits, "_", "-" and ".".
import { defineConfig } from 'perfsuite';

export default defineConfig({
  // Where profiles/, flamegraphs/, memory_profiles/ and reports/ are written (default: here).
  // outDir: 'perf-results',
  suites: {
${suiteLines(found).join('\n')}
  },
});
`;
}
