// `profile init` in fresh projects that never installed perfsuite (temp dirs outside the repository,
// their tools not installed, as in a fresh clone): the config it writes loads although `perfsuite`
// is not theirs, `profile list` shows it, and `profile cpu all` runs every workload with no edit.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempDir } from './run-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** No project tool (tsc, vitest, eslint) on PATH, only node itself and the system's programs. */
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;

function project(files: Record<string, string | object>): string {
  const dir = tempDir('perfsuite-init-');
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

async function listed(dir: string): Promise<Record<string, string[]>> {
  const list = await runCli(['list', '--json'], { cwd: dir, env: { PATH } });
  expect(list.stderr).toBe('');
  const { suites } = JSON.parse(list.stdout) as {
    suites: { suite: string; workloads: { name: string }[] }[];
  };
  return Object.fromEntries(suites.map((s) => [s.suite, s.workloads.map((w) => w.name)]));
}

describe('profile init in a project without perfsuite', () => {
  it("npm init's project (CommonJS): its main file, not the placeholder test; a project's own perfsuite wins", async () => {
    const dir = project({
      'package.json': {
        name: 'plain',
        version: '1.0.0',
        main: 'index.js',
        scripts: { test: 'echo "Error: no test specified" && exit 1' },
        type: 'commonjs',
      },
      'index.js': 'let s = 0;\nfor (let i = 0; i < 1e6; i++) s += i;\nconsole.log(s);\n',
    });
    const init = await runCli(['init', '--gitignore'], { cwd: dir, env: { PATH } });
    expect(init.stderr).toBe('');
    expect(init.stdout).toMatch(/left out: script "test": npm's placeholder/);
    expect(init.stdout).toMatch(/^next: profile cpu all/m);
    const ignored = readFileSync(join(dir, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['/profiles/', '/reports/', '!/.perfsuite/baselines/']));
    expect(await listed(dir)).toEqual({ main: ['index'] });
    const cpu = await runCli(['cpu', 'all'], { cwd: dir, env: { PATH } });
    expect(cpu.code, cpu.stderr).toBe(0);
    expect(cpu.stdout).toMatch(/^ok\s+main\/index/m);

    // Once the project installs a perfsuite of its own, its config uses that one.
    mkdirSync(join(dir, 'node_modules', 'perfsuite'), { recursive: true });
    writeFileSync(
      join(dir, 'node_modules', 'perfsuite', 'package.json'),
      '{ "name": "perfsuite", "main": "own.js" }',
    );
    writeFileSync(
      join(dir, 'node_modules', 'perfsuite', 'own.js'),
      'exports.defineConfig = (c) => ({ ...c, suites: { own_copy: c.suites.main } });',
    );
    expect(await listed(dir)).toEqual({ own_copy: ['index'] });
  });

  it('an express server (listed in its dependencies): started by its start script, under a load', async () => {
    const dir = project({
      'package.json': {
        name: 'api',
        main: 'server.js',
        scripts: { start: 'node server.js', dev: 'nodemon server.js' },
        dependencies: { express: '^5.0.0' },
      },
      'server.js': [
        "const app = require('express')();",
        "app.get('/', (req, res) => res.send(String(Array.from({ length: 2000 }, (_, i) => i).reduce((a, b) => a + b))));",
        'app.listen(process.env.PORT || 3000);',
        '',
      ].join('\n'),
    });
    // express is not installed in the project: the server finds perfsuite's own copy.
    const env = { PATH, NODE_PATH: join(repoRoot, 'node_modules') };
    const init = await runCli(['init'], { cwd: dir, env });
    expect(init.stdout).toMatch(/^ {2}main\/start\s+server\.js\s+\(a server: 10 s of HTTP load\)$/m);
    expect(init.stdout).toMatch(/left out: script "dev": a watcher/);
    expect(await listed(dir)).toEqual({ main: ['start'] });
    const cpu = await runCli(['cpu', 'all', '--load-duration', '1'], { cwd: dir, env });
    expect(cpu.code, cpu.stderr).toBe(0);
    expect(cpu.stdout).toMatch(/^ok\s+main\/start/m);
    expect(cpu.stdout).toMatch(/load: [\d,]+ requests in 1\.\d s, [\d,]+ req\/s, 0 errors, 0 non-2xx/);
  });

  it('a TypeScript project (ES modules, not built): its scripts and bin run from their .ts sources', async () => {
    const dir = project({
      'package.json': {
        name: '@me/tool',
        type: 'module',
        main: 'dist/index.js',
        bin: { tool: 'dist/cli.js' },
        scripts: { build: 'tsc', start: 'node dist/index.js', bench: 'tsx src/bench.ts', test: 'vitest run' },
        devDependencies: { typescript: '^5.9.0', tsx: '^4.0.0', vitest: '^4.0.0' },
      },
      'tsconfig.json': {
        compilerOptions: { module: 'NodeNext', outDir: 'dist', rootDir: 'src', strict: true },
      },
      'src/index.ts':
        'export function work(n: number): number {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += i % 7;\n  return s;\n}\n',
      'src/bench.ts': "import { work } from './index.js';\nconst n: number = 1e6;\nconsole.log(work(n));\n",
      'src/cli.ts':
        "import { work } from './index.js';\nconsole.log(process.argv.includes('--help') ? 'usage: tool' : work(10));\n",
    });
    const init = await runCli(['init'], { cwd: dir, env: { PATH } });
    expect(init.stdout).toMatch(/left out: script "build": tsc is not installed/);
    expect(init.stdout).toMatch(/left out: script "test": vitest is not installed/);
    expect(init.stdout).toContain('checked: the config loads, and the files and programs of its 3 workloads exist');
    const config = readFileSync(join(dir, 'profile.config.ts'), 'utf8');
    expect(config).toContain("start: { script: 'src/index.ts', timeout: 300 },");
    expect(config).toContain("tool: { script: 'src/cli.ts', args: ['--help'], timeout: 60 },");
    expect(await listed(dir)).toEqual({ main: ['start', 'bench', 'tool'] });
    const cpu = await runCli(['cpu', 'all'], { cwd: dir, env: { PATH } });
    expect(cpu.code, cpu.stderr).toBe(0);
    expect(cpu.stdout.match(/^ok\s+main\/\w+/gm)).toEqual([
      'ok     main/start',
      'ok     main/bench',
      'ok     main/tool',
    ]);
  });
});
