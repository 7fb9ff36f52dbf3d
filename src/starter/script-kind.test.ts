import { describe, expect, it } from 'vitest';
import { whyNotAWorkload } from './script-kind.js';

describe('whyNotAWorkload', () => {
  const scripts = {
    build: 'tsc',
    prebuild: 'rm -rf dist',
    prettier: 'prettier -c .',
    postcss: 'postcss a.css',
  };

  it("leaves out npm's placeholder test, watchers, lifecycle hooks and scripts that ship", () => {
    expect(whyNotAWorkload('test', 'echo "Error: no test specified" && exit 1', scripts)).toMatch(
      /placeholder/,
    );
    for (const line of [
      'nodemon server.js',
      'tsc -w',
      'node --watch index.js',
      'vite',
      'tsx watch src/a.ts',
      'jest --watchAll',
    ]) {
      expect(whyNotAWorkload('dev', line, scripts), line).toMatch(/watcher/);
    }
    expect(whyNotAWorkload('prepare', 'husky', scripts)).toMatch(/lifecycle/);
    expect(whyNotAWorkload('prebuild', 'rm -rf dist', scripts)).toMatch(/around "build"/);
    expect(whyNotAWorkload('posttest', 'echo done', scripts)).toMatch(/around "test"/);
    expect(whyNotAWorkload('clean', 'rm -rf dist', scripts)).toMatch(/changes the project/);
  });

  it('keeps scripts that only look like hooks, and ones that end', () => {
    expect(whyNotAWorkload('prettier', 'prettier -c .', scripts)).toBeUndefined();
    expect(whyNotAWorkload('postcss', 'postcss a.css', scripts)).toBeUndefined();
    expect(whyNotAWorkload('test', 'node --test', scripts)).toBeUndefined();
    expect(whyNotAWorkload('build', 'vite build', scripts)).toBeUndefined();
  });
});
