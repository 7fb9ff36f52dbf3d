// profile doctor's own cost and accuracy (issue 12):
// 1. cost: a fixed amount of work in 1 ms event-loop turns (workloads/sliced.js), and of allocation
//    (workloads/allocating.js), each run plain, with the agent alone, and under
//    `profile doctor -- node W`, interleaved round by round (bench/overhead.js); end to end, so the
//    CLI's start-up and the diagnosis are in the last;
// 2. accuracy: a program blocking its loop for a known time every 250 ms (workloads/blocks.js),
//    against the blocks doctor reports.
// Usage: node bench/doctor.js [rounds=5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protocol from '../dist/agent/protocol.cjs';
import { median, overheadTable } from './overhead.js';

const { ENV_AGENT_DIR, ENV_AGENT_MODE, ENV_INTERVAL_US } = protocol;

const root = fileURLToPath(new URL('../', import.meta.url));
const profileBin = join(root, 'bin', 'profile.js');
const sliced = join(root, 'bench', 'workloads', 'sliced.js');
const blocks = join(root, 'bench', 'workloads', 'blocks.js');
const allocating = join(root, 'bench', 'workloads', 'allocating.js');
const rounds = Number(process.argv[2] ?? 5);

const doctorArgv = (out, program, flags = []) => [
  profileBin,
  'doctor',
  '--out-dir',
  out,
  '--json',
  ...flags,
  '--',
  process.execPath,
  ...program,
];

const allowAll = ['--allow', 'event-loop-blocked', '--allow', 'gc-pressure', '--allow', 'io-bound'];
const agentAlone = (program) => ({
  name: 'agent alone (doctor mode)',
  argv: () => ['--require', join(root, 'dist', 'agent', 'preload.cjs'), ...program],
  env: (out) => ({ [ENV_AGENT_DIR]: out, [ENV_AGENT_MODE]: 'doctor', [ENV_INTERVAL_US]: '2000' }),
});
const doctorVariants = (program) => [
  agentAlone(program),
  // Every finding allowed: the cost is measured, and a finding's exit code 1 would end the bench.
  { name: 'profile doctor', argv: (out) => doctorArgv(out, program, allowAll) },
];

for (const [title, program] of [
  ['profile doctor: cost on 2,000 turns of 1 ms', [sliced, '2000']],
  ['profile doctor: cost on 6,000,000 short-lived objects', [allocating, '300']],
]) {
  console.log(overheadTable({ title, program, engines: [], extra: doctorVariants(program), rounds }));
  console.log('');
}

const rows = [];
for (const blockMs of [5, 12, 20, 50, 100]) {
  const found = [];
  const p99s = [];
  for (let round = 0; round < 3; round++) {
    const out = mkdtempSync(join(tmpdir(), 'perfsuite-bench-'));
    // Exit code 1: the findings. The result is what counts.
    let stdout;
    try {
      stdout = execFileSync(process.execPath, doctorArgv(out, [blocks, String(blockMs)]), {
        encoding: 'utf8',
      });
    } catch (error) {
      stdout = error.stdout;
    }
    const [result] = JSON.parse(stdout).results;
    // Every interval's lateness is in the workload's file (the result lists the 10 longest blocks).
    const { samples } = JSON.parse(readFileSync(result.files.json, 'utf8'));
    found.push(...samples.map((s) => s.delayMaxMs).filter((ms) => ms >= 10));
    p99s.push(result.eventLoopDelayMs?.p99 ?? 0);
    rmSync(out, { recursive: true, force: true });
  }
  const read = found.length
    ? `${median(found).toFixed(1)} ms | ${Math.min(...found).toFixed(1)} to ${Math.max(...found).toFixed(1)} ms`
    : '- | -';
  rows.push(`| ${blockMs} ms | ${(found.length / 3).toFixed(1)} | ${read} | ${median(p99s).toFixed(1)} ms |`);
  process.stderr.write(`profile doctor: ${blockMs} ms blocks done\n`);
}
console.log(
  [
    '',
    '### profile doctor: blocks read against blocks made (11 blocks per 3 s run, 3 runs each)',
    '',
    '| block made | blocks reported per run (>= 10 ms) | median length read | range | delay p99 |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n'),
);
