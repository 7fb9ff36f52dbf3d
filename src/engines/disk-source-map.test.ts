import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { diskSourceMap } from './disk-source-map.js';

const dir = mkdtempSync(join(tmpdir(), 'perfsuite-disk-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const map = { version: 3, sources: ['../src/worker.ts'], names: [], mappings: 'AAIA' };

describe('diskSourceMap', () => {
  it("reads the map a script names beside it, its sources made absolute from the map's folder", () => {
    writeFileSync(join(dir, 'worker.js'), 'work();\n//# sourceMappingURL=worker.js.map\n');
    writeFileSync(join(dir, 'worker.js.map'), JSON.stringify({ ...map, sourceRoot: 'lib' }));
    expect(diskSourceMap(join(dir, 'worker.js'))).toMatchObject({
      // lib/ + ../src/worker.ts, from the map's folder.
      sources: [pathToFileURL(join(dir, 'src', 'worker.ts')).href],
    });
  });

  it('reads an inline data: map, by path or file URL, relative to the script', () => {
    const inline = Buffer.from(JSON.stringify(map)).toString('base64');
    writeFileSync(
      join(dir, 'inline.js'),
      `work();\n//# sourceMappingURL=data:application/json;base64,${inline}\n`,
    );
    const expected = { sources: [pathToFileURL(join(dir, '..', 'src', 'worker.ts')).href] };
    expect(diskSourceMap(join(dir, 'inline.js'))).toMatchObject(expected);
    expect(diskSourceMap(pathToFileURL(join(dir, 'inline.js')).href)).toMatchObject(expected);
  });

  it('is no map for a script without the comment, a missing map or a missing script', () => {
    writeFileSync(join(dir, 'plain.js'), 'work();\n');
    writeFileSync(join(dir, 'lost.js'), 'work();\n//# sourceMappingURL=lost.js.map\n');
    expect(diskSourceMap(join(dir, 'plain.js'))).toBeUndefined();
    expect(diskSourceMap(join(dir, 'lost.js'))).toBeUndefined();
    expect(diskSourceMap(join(dir, 'nowhere.js'))).toBeUndefined();
  });
});
