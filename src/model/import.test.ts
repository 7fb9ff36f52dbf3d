import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fromCpuProfile } from './cpuprofile.js';
import { fromFolded, toFolded } from './folded.js';
import { importProfile, importProfileFile } from './import.js';
import { fromPprof } from './pprof.js';
import { ProfileFormatError } from './profile.js';

const fixtures = new URL('../../test/fixtures/profiles/', import.meta.url).pathname;
const read = (name: string) => readFileSync(join(fixtures, name));

describe('importProfile sniffs the format from the content alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perfsuite-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['time.pb.gz', 'time-lines.pb.gz', 'heap.pb.gz'])('pprof %s, gzipped or not', (name) => {
    const direct = fromPprof(read(name), name);
    if (!direct) throw new Error('fixture not recognised');
    // The same profile under a misleading name, and its raw (not gzipped) protobuf.
    const sniffed = importProfile(read(name), 'profile.txt');
    expect(toFolded(sniffed)).toBe(toFolded(direct));
    expect(sniffed.valueTypes).toEqual(direct.valueTypes);
    expect(toFolded(importProfile(gunzipSync(read(name)), 'raw.bin'))).toBe(toFolded(direct));
  });

  it('Chrome .cpuprofile, plain and gzipped', () => {
    const bytes = read('busy-work.cpuprofile.json');
    const direct = fromCpuProfile(bytes.toString('utf8'), 'busy');
    expect(direct?.frames.some((f) => f.name === 'spinHot')).toBe(true);
    expect(toFolded(importProfile(bytes, 'busy.pb.gz'))).toBe(toFolded(direct as never));
    expect(toFolded(importProfile(gzipSync(bytes), 'busy.gz'))).toBe(toFolded(direct as never));
  });

  it('folded stacks, plain and gzipped, and from a file path', async () => {
    const text = 'main;work 5\nmain;idle 2\n';
    expect(toFolded(importProfile(Buffer.from(text), 'stacks.json'))).toBe(
      toFolded(fromFolded(text, 'x') as never),
    );
    expect(toFolded(importProfile(gzipSync(text), 'stacks.gz'))).toBe('main;idle 2\nmain;work 5\n');
    const path = join(dir, 'stacks.folded');
    writeFileSync(path, text);
    expect(toFolded(await importProfileFile(path))).toBe('main;idle 2\nmain;work 5\n');
  });

  it('names the source and the formats tried when nothing fits', () => {
    const attempt = () => importProfile(Buffer.from('just some prose\n'), 'notes.md');
    expect(attempt).toThrow(ProfileFormatError);
    expect(attempt).toThrow(/^notes\.md: .*cpuprofile.*pprof.*folded/);
    expect(() => importProfile(Uint8Array.from([1, 2, 3, 250]), 'blob.bin')).toThrow(
      /blob\.bin: .*none matched/,
    );
  });

  it('keeps the precise error of a recognised but broken file', () => {
    const gz = read('time.pb.gz');
    expect(() => importProfile(gz.subarray(0, gz.length - 8), 'cut.pb.gz')).toThrow(/cut\.pb\.gz: .*pprof/);
    expect(() => importProfile(Buffer.from('a;b 1\na;c oops\n'), 'bad.folded')).toThrow(/line 2/);
  });

  it('rejects a missing file with the path in the error', async () => {
    await expect(importProfileFile(join(dir, 'nope.pb.gz'))).rejects.toThrow(/nope\.pb\.gz/);
  });
});
