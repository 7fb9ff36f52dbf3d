import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proposeWorkloads } from './propose.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A project with these files (package.json given as an object). */
function project(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'perfsuite-propose-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('proposeWorkloads', () => {
  it("npm init's project: the main file, not the placeholder test", () => {
    const dir = project({
      'package.json': {
        name: 'p',
        main: 'index.js',
        scripts: { test: 'echo "Error: no test specified" && exit 1' },
      },
      'index.js': 'console.log(1)',
    });
    const found = proposeWorkloads(dir);
    expect(found.proposals.map((p) => [p.name, p.workload.script, p.active])).toEqual([
      ['index', 'index.js', true],
    ]);
    expect(found.skipped).toEqual([{ what: 'script "test"', why: "npm's placeholder: it only exits 1" }]);
  });

  it('a server gets a load; its main file is not profiled twice', () => {
    const dir = project({
      'package.json': { main: 'app.js', scripts: { start: 'node app.js' }, dependencies: { express: '5' } },
      'app.js': "require('express')().listen(3000)",
    });
    const [start, ...rest] = proposeWorkloads(dir).proposals;
    expect(rest).toEqual([]);
    expect(start?.workload).toMatchObject({ script: 'app.js', env: { PORT: '0' }, load: { duration: 10 } });
    expect(start?.server).toBe('app.js listens on a port');
  });

  it('runs an unbuilt dist file from its TypeScript source, and leaves out what is missing', () => {
    const dir = project({
      'package.json': {
        main: 'dist/index.js',
        scripts: { start: 'node dist/index.js', bench: 'node bench/gone.js', build: 'not-a-program-here' },
      },
      'src/index.ts': 'export {}',
    });
    const found = proposeWorkloads(dir);
    expect(found.proposals.map((p) => [p.name, p.workload.script])).toEqual([['start', 'src/index.ts']]);
    expect(found.skipped.map((s) => s.why)).toEqual([
      'bench/gone.js does not exist (not built yet?)',
      'not-a-program-here is not installed (npm install first?)',
    ]);
  });

  it('suggests other scripts commented out, as npm runs them', () => {
    const dir = project({
      'package.json': { scripts: { 'lint:all': 'node lint.js && node other.js' } },
      'lint.js': '',
      'other.js': '',
    });
    expect(proposeWorkloads(dir).proposals).toMatchObject([
      { name: 'lint_all', active: false, workload: { command: ['npm', 'run', 'lint:all'] } },
    ]);
  });
});
