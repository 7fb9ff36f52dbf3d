/** The demo CLI run for real as a child process, one command after another on a fresh project. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('demo CLI (spawned)', () => {
  const temp = tempDir('cli');
  const project = path.join(temp.dir, 'shop');
  afterAll(temp.cleanup);

  it('init writes a starter project named after its folder, and refuses to overwrite it', async () => {
    const first = await runCli(['init', 'shop'], temp.dir);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain('created shop/demo.toml');
    expect(readFileSync(path.join(project, 'demo.toml'), 'utf8')).toContain('name = "shop"');
    expect(existsSync(path.join(project, 'tests', 'checkout.toml'))).toBe(true);
    const again = await runCli(['init', 'shop'], temp.dir);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toContain('demo.toml already exists');
  });

  it('run renders every test, executes its scenarios and exits 0 when all pass', async () => {
    const result = await runCli(['run', 'shop'], temp.dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('PASS checkout > cart total');
    expect(result.stdout).toMatch(/3 passed, 0 failed, 2 files rendered/);
    expect(readFileSync(path.join(project, 'out', 'smoke.md'), 'utf8')).toContain('# smoke (local)');
  });

  it('results shows what the last run saved, and says to run first when nothing was', async () => {
    const shown = await runCli(['results'], project);
    expect(shown.stdout).toMatch(/checkout: 2 scenarios/);
    expect(shown.stdout).toMatch(/: 3 passed, 0 failed, 0 files broken$/m);
    expect(shown.exitCode).toBe(0);
    const fresh = tempDir('cli-results');
    await runCli(['init', 'empty'], fresh.dir);
    const none = await runCli(['results', 'empty'], fresh.dir);
    fresh.cleanup();
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('run "demo run" first');
  });

  it('run exits 1 and says which check failed when a scenario fails', async () => {
    const file = path.join(project, 'tests', 'smoke.toml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('expect = "API in local"', 'expect = "API in prod"'));
    const result = await runCli(['run', '.'], project);
    writeFileSync(file, original);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('FAIL smoke > health');
    expect(result.stdout).toContain('expected "API in prod", got "API in local"');
  });

  it('render writes one output where -o says, and diff compares it with a fresh render', async () => {
    const rendered = await runCli(['render', 'shop/tests/smoke.toml', '-o', 'smoke-copy.md'], temp.dir);
    expect(rendered.exitCode).toBe(0);
    expect(rendered.stdout).toMatch(/rendered shop\/tests\/smoke.toml -> smoke-copy.md \(parse [\d.]+ ms/);
    const same = await runCli(['diff', 'shop/tests/smoke.toml', 'smoke-copy.md'], temp.dir);
    expect(same.stdout).toBe('no differences');
    expect(same.exitCode).toBe(0);
    const other = await runCli(['diff', 'shop/tests/smoke.toml', 'shop/tests/checkout.toml'], temp.dir);
    expect(other.exitCode).toBe(1);
    expect(other.stdout).toContain('-# smoke (local)');
    expect(other.stdout).toContain('+# checkout (staging)');
  });

  it('dry-run reports what would be written without writing it', async () => {
    const fresh = tempDir('dry');
    try {
      await runCli(['init', '.'], fresh.dir);
      const result = await runCli(['dry-run'], fresh.dir);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(
        /would write out\/checkout.md \(\d+ bytes\).*2 scenarios, 3 steps, 2 assertions/,
      );
      expect(existsSync(path.join(fresh.dir, 'out'))).toBe(false);
    } finally {
      fresh.cleanup();
    }
  });

  it('lint and fmt --check pass on the starter; lint reports a broken file with its line', async () => {
    expect((await runCli(['lint', 'shop'], temp.dir)).exitCode).toBe(0);
    expect((await runCli(['fmt', 'shop', '--check'], temp.dir)).exitCode).toBe(0);
    writeFileSync(
      path.join(project, 'tests', 'broken.toml'),
      'name = "broken"\ntemplate = "nope.liquid"\n\n[[scenarios]]\nname = "a"\n',
    );
    const lint = await runCli(['lint', 'shop'], temp.dir);
    expect(lint.exitCode).toBe(1);
    expect(lint.stdout).toContain(
      'shop/tests/broken.toml:2: [unknown-template] template "nope.liquid" not found',
    );
  });

  it('exits 2 with the usage for an unknown command or option', async () => {
    const unknown = await runCli(['explode'], temp.dir);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown command "explode"');
    const badOption = await runCli(['run', '--fast'], temp.dir);
    expect(badOption.exitCode).toBe(2);
    expect(badOption.stderr).toContain('usage: demo run');
  });
});
