// Journeys with real processes: steps that finish, a step that says "ready" and keeps running with
// a child of its own, and steps that fail. After every journey, passed, failed or interrupted, its
// processes must be gone and its temporary directories removed.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type JourneyStep, journeySchema, type UserConfig } from '../../src/config/schema.js';
import { UserError } from '../../src/util/user-error.js';
import { JOURNEY_STAT, runJourney } from '../../src/validate/measure/journey.js';
import type { Measurement } from '../../src/validate/measurement.js';
import { fixtures, tempDir } from './run-cli.js';

type JourneyInput = NonNullable<UserConfig['suites'][string]['journeys']>[string];

const baseDir = join(fixtures, 'journey');

/** A running process; a zombie (exited, not yet reaped by a non-init PID 1) counts as gone. */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

interface Record {
  kind: 'ok' | 'serve';
  pids: number[];
  cwd: string;
}

/** What the fixtures appended to $JOURNEY_RECORD: their pids and the run directories. */
function records(file: string): Record[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [kind, ...rest] = line.split(' ');
      const cwd = rest.pop() as string;
      return { kind: kind as Record['kind'], pids: rest.map(Number), cwd };
    });
}

/** Runs a journey whose steps all record themselves in a fresh record file. */
const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

function workDir(): string {
  const dir = tempDir('perfsuite-journey-test-');
  workDirs.push(dir);
  return dir;
}

async function take(input: JourneyInput, signal?: AbortSignal, work = workDir()) {
  const record = join(work, 'record.txt');
  const logDir = join(work, 'logs');
  const journey = journeySchema.parse({
    ...input,
    steps: input.steps.map((s) => ({ ...s, env: { JOURNEY_RECORD: record, ...s.env } })),
  });
  const measurements = await runJourney('journeys', 'trip', journey, baseDir, {
    logDir,
    graceMs: 2000,
    ...(signal ? { signal } : {}),
  });
  return { measurements, records: () => records(record), logDir };
}

function byMetric(measurements: Measurement[], metric: string): Measurement {
  const found = measurements.find((m) => m.metric === metric);
  if (!found)
    throw new Error(`no measurement "${metric}" in ${measurements.map((m) => m.metric).join(', ')}`);
  return found;
}

function expectAllGone(recorded: Record[]): void {
  expect(recorded.length).toBeGreaterThan(0);
  for (const r of recorded) {
    for (const pid of r.pids) expect(running(pid), `${r.kind} process ${pid}`).toBe(false);
    expect(existsSync(r.cwd), `run directory ${r.cwd}`).toBe(false);
  }
}

const ok = (name: string, args: string[] = [], extra: Partial<JourneyStep> = {}) => ({
  name,
  script: 'step-ok.js',
  args,
  budget: 5,
  ...extra,
});
const serve = (name: string, extra: Partial<JourneyStep> = {}) => ({
  name,
  script: 'step-serve.js',
  until: 'ready on port \\d+',
  budget: 5,
  ...extra,
});
const fail = { name: 'broken', script: 'step-fail.js', budget: 5 };

describe('runJourney', () => {
  it('times every step and the whole journey, in a fresh directory per run, and stops what it started', async () => {
    const { measurements, records, logDir } = await take({
      runs: 2,
      budget: 30,
      steps: [
        ok('init', ['mkdir:project/src']),
        serve('dev'),
        // Runs while dev is still up in the same directory: its pid file is there.
        ok('first_run', ['need:serve.pid']),
        ok('in_subdir', ['need:../../serve.pid'], { cwd: 'project/src' }),
      ],
    });
    expect(measurements.map((m) => [m.kind, m.metric])).toEqual([
      ['journey-step', 'init'],
      ['journey-step', 'dev'],
      ['journey-step', 'first_run'],
      ['journey-step', 'in_subdir'],
      ['journey', 'total'],
    ]);
    for (const m of measurements) {
      expect(m.failures).toEqual([]);
      expect(m.unit).toBe('ms');
      expect(m.id).toBe(`journeys/trip:${m.metric}`);
      expect(m.samples).toHaveLength(2);
      for (const s of m.samples) expect(s).toBeGreaterThan(0);
      expect(m.targets).toHaveLength(1);
      expect(m.targets[0]?.stat).toBe(JOURNEY_STAT);
    }
    expect(byMetric(measurements, 'init').targets[0]?.limit).toBe(5000);
    expect(byMetric(measurements, 'total').targets[0]?.limit).toBe(30_000);
    // The total covers the steps back to back (and the gaps between them).
    const steps = measurements.filter((m) => m.kind === 'journey-step');
    for (const run of [0, 1]) {
      const sum = steps.reduce((acc, m) => acc + (m.samples[run] ?? 0), 0);
      expect(byMetric(measurements, 'total').samples[run]).toBeGreaterThanOrEqual(sum);
    }

    const recorded = records();
    const dirs = new Set(recorded.map((r) => r.cwd.replace(/\/project\/src$/, '')));
    expect(dirs.size).toBe(2);
    expect(recorded.filter((r) => r.kind === 'serve').every((r) => r.pids.length === 2)).toBe(true);
    expectAllGone(recorded);

    const logs = readdirSync(logDir).sort();
    expect(logs).toContain('trip-run1-dev.log');
    expect(logs).toHaveLength(8);
    // The background step's log kept what it printed after "ready" and both streams.
    const devLog = readFileSync(join(logDir, 'trip-run2-dev.log'), 'utf8');
    expect(devLog).toMatch(/starting/);
    expect(devLog).toMatch(/warming up/);
    expect(devLog).toMatch(/ready on port 4000/);
  });

  it('ends a run at a failing step, names it with its output, and still cleans up', async () => {
    const { measurements, records, logDir } = await take({
      runs: 2,
      budget: 30,
      steps: [ok('init'), serve('dev'), fail, ok('after')],
    });
    const broken = byMetric(measurements, 'broken');
    expect(broken.samples).toEqual([]);
    // Two runs failed here, and with no samples the budget could not be checked (toMeasurement says so).
    expect(broken.failures).toHaveLength(3);
    expect(broken.failures[2]).toMatch(/^no samples to check "journeys\/trip broken"/);
    expect(broken.failures[0]).toMatch(/^run 1 of 2: step "broken" exited with code 3; last output:/);
    expect(broken.failures[0]).toMatch(/boom: the config file is missing/);
    expect(broken.failures[0]).toMatch(/progress 20/);
    expect(broken.failures[0]).not.toMatch(/progress 1\n/);
    expect(broken.failures[0]).toContain(join(logDir, 'trip-run1-broken.log'));
    expect(byMetric(measurements, 'after').failures.slice(0, 2)).toEqual([
      'run 1 of 2: not reached (step "broken" failed)',
      'run 2 of 2: not reached (step "broken" failed)',
    ]);
    expect(byMetric(measurements, 'after').targets).toEqual([]);
    const total = byMetric(measurements, 'total');
    expect(total.samples).toEqual([]);
    expect(total.failures.slice(0, 2)).toEqual([
      'run 1 of 2: failed at step "broken"',
      'run 2 of 2: failed at step "broken"',
    ]);
    // The steps before the failure were measured.
    expect(byMetric(measurements, 'init').samples).toHaveLength(2);
    expect(byMetric(measurements, 'dev').samples).toHaveLength(2);
    expectAllGone(records());
    expect(records().filter((r) => r.kind === 'serve')).toHaveLength(2);
  });

  it('fails an until step whose process exits before its output matches', async () => {
    const { measurements } = await take({
      runs: 1,
      steps: [{ ...fail, until: 'ready' }, ok('after')],
    });
    expect(byMetric(measurements, 'broken').failures[0]).toMatch(
      /^run 1 of 1: step "broken" exited with code 3 before any output line matched \/ready\/; last output:/,
    );
  });

  it('fails the run when a background step crashes while the journey still runs', async () => {
    const { measurements, records } = await take({
      runs: 1,
      steps: [serve('dev', { args: ['--crash-after-ready'] }), ok('wait', ['sleep:1500'])],
    });
    const dev = byMetric(measurements, 'dev');
    expect(dev.samples).toHaveLength(1);
    expect(dev.failures[0]).toMatch(
      /^run 1 of 1: step "dev" exited with code 4 while the journey was still running; last output:[\s\S]*fatal: lost the port/,
    );
    expect(byMetric(measurements, 'wait').failures).toEqual([]);
    expect(byMetric(measurements, 'total').samples).toEqual([]);
    expect(byMetric(measurements, 'total').failures[0]).toBe('run 1 of 1: failed at step "dev"');
    // Its own child outlived it in the process group until the journey stopped the group.
    expectAllGone(records());
  });

  it('accepts an until step that prints its line and exits 0 (nothing left to run in the background)', async () => {
    const { measurements } = await take({
      runs: 1,
      steps: [
        {
          name: 'oneshot',
          command: [process.execPath, '-e', 'console.log("ready on port 1")'],
          until: 'ready',
          budget: 5,
        },
      ],
    });
    expect(byMetric(measurements, 'oneshot').failures).toEqual([]);
    expect(byMetric(measurements, 'oneshot').samples).toHaveLength(1);
  });

  it('kills an until step that never matches at its timeout, with its child', async () => {
    const { measurements, records } = await take({
      runs: 1,
      steps: [serve('dev', { args: ['--never-ready'], timeout: 2 })],
    });
    // (What it printed before the timeout depends on how fast it started: the tail is not checked.)
    expect(byMetric(measurements, 'dev').failures[0]).toMatch(
      /^run 1 of 1: step "dev" no output line matched \/ready on port \\d\+\/ within 2 s; its process tree was killed; /,
    );
    expectAllGone(records());
  });

  it('stops the running step and the background processes on abort (Ctrl-C), and starts no new run', async () => {
    const controller = new AbortController();
    const dir = workDir();
    const work = take(
      {
        runs: 3,
        steps: [
          serve('dev'),
          serve('hang', { args: ['--never-ready'], until: 'never', timeout: 60 }),
          ok('after'),
        ],
      },
      controller.signal,
      dir,
    );
    const started = Date.now();
    // Abort once both long-running processes are up and the second has printed (its log shows it).
    const hangLog = join(dir, 'logs', 'trip-run1-hang.log');
    const printed = (): boolean =>
      existsSync(hangLog) && readFileSync(hangLog, 'utf8').includes('warming up');
    while (records(join(dir, 'record.txt')).filter((r) => r.kind === 'serve').length < 2 || !printed()) {
      if (Date.now() - started > 30_000) throw new Error('the journey did not start its steps');
      await new Promise((r) => setTimeout(r, 50));
    }
    controller.abort();
    const { measurements, records: recorded } = await work;
    expect(byMetric(measurements, 'dev').samples).toHaveLength(1);
    expect(byMetric(measurements, 'hang').failures[0]).toMatch(
      /^run 1 of 3: step "hang" interrupted \(Ctrl-C\); last output:\n/,
    );
    // stdout and stderr are separate pipes: their lines may reach the log in either order.
    expect(byMetric(measurements, 'hang').failures[0]).toMatch(/\n {4}starting\n/);
    expect(byMetric(measurements, 'hang').failures[0]).toMatch(/\n {4}warming up\n/);
    expect(byMetric(measurements, 'after').failures[0]).toBe('run 1 of 3: not reached (step "hang" failed)');
    expect(byMetric(measurements, 'total').failures[0]).toBe('run 1 of 3: failed at step "hang"');
    expect(recorded()).toHaveLength(2);
    expectAllGone(recorded());
  });

  it('rejects mistakes in the journey before running anything', async () => {
    const cases: [JourneyInput['steps'][number], RegExp][] = [
      [{ ...ok('x'), until: '(' }, /step "x": "until" is not a valid regular expression/],
      [{ ...ok('x'), script: 'nope.js' }, /step "x": script "nope.js" not found at .*nope\.js/],
      [{ ...ok('x'), cwd: '../elsewhere' }, /step "x": cwd "..\/elsewhere" must be a relative path inside/],
      [ok('total'), /"total" names the whole journey's time/],
    ];
    for (const [step, message] of cases) {
      const run = take({ steps: [step] });
      await expect(run).rejects.toThrow(UserError);
      await expect(run).rejects.toThrow(message);
    }
  });
});
