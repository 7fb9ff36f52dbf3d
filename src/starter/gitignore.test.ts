import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { updateGitignore } from './gitignore.js';

const dir = mkdtempSync(join(tmpdir(), 'perfsuite-gitignore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('updateGitignore', () => {
  it("adds the output folders once, keeps baselines, and leaves a project's own folder alone", async () => {
    writeFileSync(join(dir, '.gitignore'), 'node_modules\nprofiles/\n');
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'q3.pdf'), '');
    const plan = await updateGitignore(dir);
    expect(plan.notOurs).toEqual(['reports']);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      [
        'node_modules',
        'profiles/',
        '',
        '# perfsuite (profile): results; commit the saved baselines in .perfsuite/baselines/',
        '/flamegraphs/',
        '/memory_profiles/',
        '/doctor/',
        '/.perfsuite/*',
        '!/.perfsuite/baselines/',
        '',
      ].join('\n'),
    );
    expect((await updateGitignore(dir)).add).toEqual([]);
  });
});
