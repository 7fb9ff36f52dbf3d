/**
 * profile doctor end to end on real fixture workloads, one per verdict (test/fixtures/doctor): the
 * blocking function named, GC pressure, a waiting program not called blocked, a healthy one, a
 * short one; a server blocked under load; exit codes and --allow; the files. Runs alone (a
 * *.sequential test): event-loop delays are wall-clock timings, and other tests' processes taking
 * the cores would make any program's timers late.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DoctorResult } from '../../src/doctor/result.js';
import { fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'doctor', 'profile.config.ts');

async function doctor(out: string, ...extra: string[]) {
  const run = await runCli(['doctor', 'doctor', '--config', config, '--out-dir', out, '--json', ...extra]);
  const json = JSON.parse(run.stdout) as { results: DoctorResult[]; summary: string };
  const byName = (name: string) => json.results.find((r) => r.workload === name) as DoctorResult;
  return { run, json, byName };
}

describe('profile doctor', () => {
  const out = tempDir();
  let all: Awaited<ReturnType<typeof doctor>>;
  beforeAll(async () => {
    all = await doctor(out);
  }, 120_000);

  it('names the function that blocks the loop 20 ms at a time', () => {
    const blocked = all.byName('blocked');
    expect(blocked.diagnosis.verdict).toBe('findings');
    expect(blocked.diagnosis.findings.map((f) => f.kind)).toEqual(['event-loop-blocked']);
    const [first] = blocked.diagnosis.findings[0]?.functions ?? [];
    expect(first?.function).toBe('renderTemplateSync');
    expect(first?.file).toBe('blocked.js');
    // 19 or 20 blocks of 20 ms in 2 s: most of the time in them is that function's.
    expect(first?.ms).toBeGreaterThan(150);
    expect(blocked.eventLoopDelayMs?.max).toBeGreaterThanOrEqual(15);
    expect(blocked.eventLoopDelayMs?.max).toBeLessThan(60);
  });

  it('calls an allocation-heavy program gc-pressure', () => {
    const heavy = all.byName('gc-heavy');
    expect(heavy.diagnosis.findings.map((f) => f.kind)).toContain('gc-pressure');
    expect(heavy.gcShare).toBeGreaterThan(0.1);
    expect(heavy.gcPausesMs?.count).toBeGreaterThan(5);
    // The allocation profile names the function that allocates nearly everything.
    const gc = heavy.diagnosis.findings.find((f) => f.kind === 'gc-pressure');
    expect(gc?.allocations?.[0]).toMatchObject({ function: 'slice', file: 'gc-heavy.js' });
    expect(gc?.allocations?.[0]?.share).toBeGreaterThan(0.5);
    expect(existsSync(heavy.files.allocationProfile as string)).toBe(true);
    // Building its old generation is start-up, not judged.
    expect(heavy.startupMs).toBeGreaterThan(100);
  });

  it('does not call a program waiting on timers and file reads blocked: it waits', () => {
    const waiting = all.byName('waiting');
    expect(waiting.diagnosis.findings.map((f) => f.kind)).toEqual(['io-bound']);
    expect(waiting.cpu).toBeLessThan(0.2);
    expect(waiting.utilization).toBeLessThan(0.2);
  });

  it('calls a busy program that yields every millisecond healthy', () => {
    const healthy = all.byName('healthy');
    expect(healthy.diagnosis.verdict).toBe('healthy');
    expect(healthy.utilization).toBeGreaterThan(0.8);
    expect(healthy.eventLoopDelayMs?.p99).toBeLessThan(10);
  });

  it('says a 150 ms run is too short to judge', () => {
    const short = all.byName('short');
    expect(short.state).toBe('ok');
    expect(short.diagnosis.verdict).toBe('insufficient data');
    expect(short.diagnosis.findings).toEqual([]);
  });

  it('finds a server blocked under load and names its handler', () => {
    const server = all.byName('server');
    expect(server.state).toBe('ok');
    expect(server.load?.requests).toBeGreaterThan(20);
    expect(server.diagnosis.findings.map((f) => f.kind)).toContain('event-loop-blocked');
    expect(server.diagnosis.findings[0]?.functions[0]?.function).toBe('renderPageSync');
  });

  it("checks the config's budgets and allowances", () => {
    expect(all.byName('blocked').budgets).toEqual([
      expect.objectContaining({
        component: 'doctor/blocked',
        budget: 'longest block <= 50 ms',
        status: 'pass',
      }),
    ]);
    expect(all.byName('server').budgets).toEqual([
      expect.objectContaining({ budget: 'loop delay p99 <= 10 ms', status: 'fail' }),
    ]);
    expect(all.byName('waiting').diagnosis.allowed).toEqual(['io-bound']);
  });

  it('exits 1 for the findings, writes the summary and each workload JSON with its readings', () => {
    expect(all.run.code).toBe(1);
    const summary = readFileSync(all.json.summary, 'utf8');
    expect(summary).toMatch(/\| doctor\/server \| loop delay p99 <= 10 ms \| \d+ ms \| \*\*FAIL\*\* \|/);
    expect(summary).toMatch(/\| doctor\/waiting \| io-bound \(allowed\) \|/);
    expect(summary).toMatch(/\| doctor\/blocked \| event-loop-blocked \|/);
    expect(summary).toMatch(/\| doctor\/healthy \| healthy \|/);
    expect(summary).toContain('renderTemplateSync (blocked.js:2)');
    const blocked = all.byName('blocked');
    const file = JSON.parse(readFileSync(blocked.files.json as string, 'utf8')) as {
      readings: { pid: number; readings: unknown[] }[];
    };
    expect(file.readings[0]?.readings.length).toBeGreaterThan(15);
    expect(existsSync(blocked.files.cpuProfile as string)).toBe(true);
    const chart = readFileSync(blocked.files.chart as string, 'utf8');
    expect(chart.match(/class="block"/g)?.length).toBeGreaterThan(10);
    expect(chart).toContain('renderTemplateSync (blocked.js:2)');
    // The report page has the run's verdicts, findings and charts.
    const page = readFileSync(join(out, 'reports', 'index.html'), 'utf8');
    expect(page.match(/<table class="doctor-verdicts">[\s\S]*?<\/table>/)?.[0].match(/<tr>/g)).toHaveLength(
      7,
    );
    expect(page).toContain('<span class="name">renderTemplateSync</span>');
    expect(all.run.stdout).not.toContain('report:'); // --json prints the document only
  });

  it('exits 0 when the findings are allowed, and still reports them', async () => {
    const { run, byName } = await doctor(tempDir(), '-w', 'blocked', '--allow', 'event-loop-blocked');
    expect(run.code).toBe(0);
    expect(byName('blocked').diagnosis.findings.map((f) => f.kind)).toEqual(['event-loop-blocked']);
    expect(run.stderr).not.toMatch(/error/i);
  });

  it('rejects an unknown --allow with the list of findings, exit code 2', async () => {
    const run = await runCli([
      'doctor',
      'doctor',
      '--config',
      config,
      '--allow',
      'slow',
      '--out-dir',
      tempDir(),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--allow "slow" is not a finding; the findings are event-loop-blocked, gc-pressure, io-bound/,
    );
  });
});
