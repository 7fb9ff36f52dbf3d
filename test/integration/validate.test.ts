/**
 * `profile validate` end to end through the CLI, on fixtures of every kind (a timed workload, probe
 * measures from a process tree, a journey, a sweep, benchmarks): the measurements, the target
 * verdicts and exit code, every report file and the GitHub step summary, `-w` selection, and the
 * usage errors that must stop a run before it measures anything.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateResult } from '../../src/validate/measurement.js';
import { bin, fixtures, runCli, tempDir } from './run-cli.js';

const config = join(fixtures, 'validate-cli', 'profile.config.ts');

function validate(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(['validate', 'kinds', '--config', config, ...args], { env });
}

describe('profile validate kinds', () => {
  it('measures every kind, fails the run on a failed target, and writes every report', async () => {
    const out = tempDir();
    const summary = join(out, 'step-summary.md');
    writeFileSync(summary, '');
    const run = await validate(['--out-dir', out, '--bench', 'speed', '--json'], {
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as ValidateResult;
    const ids = result.measurements.map((m) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'kinds/burn:wall',
        'kinds/burn:user',
        'kinds/burn:peakRss',
        'kinds/probes:probe:phase',
        'kinds/probes:probe:child-phase',
        'kinds/probes:probe:worker-phase',
        'kinds/trip:first',
        'kinds/trip:second',
        'kinds/trip:total',
        'kinds/sizes:n=1',
        'kinds/sizes:n=25',
        'kinds/speed/fast:call',
        'kinds/speed/slow:call',
      ]),
    );
    expect(ids.some((id) => id.startsWith('kinds/not_timed'))).toBe(false);
    expect(ids.some((id) => id.includes('faulty'))).toBe(false); // --bench speed
    const byId = new Map(result.measurements.map((m) => [m.id, m]));
    expect(byId.get('kinds/burn:wall')?.samples).toHaveLength(3);
    expect(byId.get('kinds/burn:user')?.targets[0]?.verdict).toBe('fail');
    expect(byId.get('kinds/burn:wall')?.targets[0]?.verdict).toBe('pass');
    expect(byId.get('kinds/trip:total')?.samples).toHaveLength(2);
    // From a worker thread: its probe measure, and its CPU time in the run's user time.
    expect(byId.get('kinds/probes:probe:worker-phase')?.samples).toEqual([9, 9]);
    expect(byId.get('kinds/probes:user')?.summary?.min).toBeGreaterThan(400);
    const [sweep] = result.sweeps;
    expect(sweep?.points.map((p) => p.size)).toEqual([1, 5, 25]);
    expect(sweep?.fit?.exponent).toBeGreaterThan(0);
    expect(result.exitCode).toBe(1);

    const reports = join(out, 'reports');
    const stamp = result.startedAt.replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
    const markdown = readFileSync(join(reports, `performance_report_${stamp}.md`), 'utf8');
    expect(markdown).toContain('burn user time');
    expect(markdown).toMatch(/\*\*FAIL\*\*/);
    const json = JSON.parse(readFileSync(join(reports, `performance_report_${stamp}.json`), 'utf8'));
    expect(json).toEqual(result);
    expect(existsSync(join(reports, 'github-action-benchmark.json'))).toBe(true);
    expect(existsSync(join(reports, 'bencher-bmf.json'))).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain('burn user time');
  });

  it('-w measures only the items named', async () => {
    const run = await validate(['--out-dir', tempDir(), '-w', 'trip', '--json']);
    const result = JSON.parse(run.stdout) as ValidateResult;
    expect(new Set(result.measurements.map((m) => m.name))).toEqual(new Set(['trip']));
    expect(run.code).toBe(0);
  });

  it('--with-profiles links the flamegraph and memory summary that profile cpu and memory wrote', async () => {
    const out = tempDir();
    const run = await validate(['--out-dir', out, '-w', 'burn', '--runs', '1', '--with-profiles', '--json']);
    const result = JSON.parse(run.stdout) as ValidateResult;
    expect(result.links.map((l) => l.label)).toEqual(['CPU flamegraph kinds/burn', 'memory summary']);
    for (const link of result.links) expect(existsSync(link.path)).toBe(true);
    expect(result.links[0]?.path).toBe(join(out, 'flamegraphs', 'kinds', 'burn.svg'));
  });

  it('Ctrl-C mid-run exits 130 and the report keeps what was measured', async () => {
    const out = tempDir();
    const child = spawn(process.execPath, [bin, 'validate', 'kinds', '--config', config, '--out-dir', out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Once the second item starts, the first (burn) is measured and in the report.
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('validating kinds/probes')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const reports = join(out, 'reports');
    const file = readdirSync(reports).find((f) => f.startsWith('performance_report_') && f.endsWith('.json'));
    const result = JSON.parse(readFileSync(join(reports, file as string), 'utf8')) as ValidateResult;
    expect(result.interrupted).toBe(true);
    expect(result.measurements.find((m) => m.id === 'kinds/burn:wall')?.samples).toHaveLength(3);
    expect(result.measurements.some((m) => m.name === 'trip')).toBe(false);
  });

  it.each([
    [['-w', 'nope'], /nothing to validate named "nope".*kinds\/burn \(timing\)/],
    [['--baseline', 'missing'], /baseline "missing" not found/],
    [['--runs', '0'], /--runs must be a positive number/],
    [['--fail-on-regression', '10%'], /add --baseline NAME/],
  ])('%j is a usage error (exit 2) before anything runs', async (args, message) => {
    const out = tempDir();
    const run = await validate(['--out-dir', out, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(out, 'reports'))).toBe(false);
  });
});
