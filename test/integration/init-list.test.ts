// `profile init` writes a starter config that `profile list` then loads and validates; with no
// config anywhere, `list` shows the built-in demo and says so.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './run-cli.js';

// Outside the repository: the config's `import 'perfsuite'` resolves to the running perfsuite anyway.
const scratch = tempDir('perfsuite-init-list-');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project with one script that profile init makes a workload. */
function benchProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'bench.js'), 'for (let i = 0; i < 1e6; i++);\n');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts: { bench: 'node bench.js' } }));
}

describe('profile init and list', () => {
  it('init writes a commented config, and list loads it', async () => {
    benchProject(scratch);
    const init = await runCli(['init'], { cwd: scratch });
    expect(init.code).toBe(0);
    const text = readFileSync(join(scratch, 'profile.config.ts'), 'utf8');
    expect(text).toMatch(/^\/\/ perfsuite configuration/);
    expect(text).toContain("import { defineConfig } from 'perfsuite'");

    const again = await runCli(['init'], { cwd: scratch });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);

    const list = await runCli(['list', '--json'], { cwd: scratch });
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as {
      config: string;
      suites: { suite: string; workloads: unknown[] }[];
    };
    expect(listed.config).toBe(join(scratch, 'profile.config.ts'));
    expect(listed.suites[0]?.suite).toBe('main');
  });

  it('the commented server example (load, ready) loads once uncommented', async () => {
    const dir = join(scratch, 'server');
    benchProject(dir);
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const file = join(dir, 'profile.config.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^ {8}\/\/ api: \{$/m);
    // Uncomment the `api` block, from `// api: {` to its `// },`.
    const start = text.indexOf('        // api: {');
    const end = text.indexOf('        // },', start) + '        // },'.length;
    const block = text.slice(start, end).replace(/^( {8})\/\/ /gm, '$1');
    writeFileSync(file, text.slice(0, start) + block + text.slice(end));

    const list = await runCli(['list', '--json'], { cwd: dir });
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    const listed = JSON.parse(list.stdout) as { suites: { suite: string; workloads: { name: string }[] }[] };
    expect(listed.suites[0]?.workloads.map((w) => w.name)).toContain('api');
  });

  it('with no config anywhere, list shows the built-in demo suites', async () => {
    const list = await runCli(['list'], { cwd: tempDir() });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/built-in demo/);
    for (const suite of [
      'template_render',
      'toml_parse',
      'file_ops',
      'hot_reload',
      'scalability',
      'server',
    ]) {
      expect(list.stdout).toMatch(new RegExp(`^${suite}`, 'm'));
    }
  });
});
