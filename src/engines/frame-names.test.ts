import { describe, expect, it } from 'vitest';
import { toFolded } from '../model/folded.js';
import { ProfileBuilder } from '../model/profile.js';
import { runtimeNames } from './frame-names.js';

describe('runtimeNames', () => {
  it("renames @datadog/pprof's anonymous and GC frames as the other engines name them", () => {
    const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
    const main = b.frameId({ name: 'main', file: '/app.js', line: 1 });
    const anonymous = b.frameId({ name: '(anonymous:L#26:C#35)', file: '/app.js', line: 26 });
    const lineOnly = b.frameId({ name: '(anonymous:L#4)', file: '/app.js' });
    const nodejs = b.frameId({ name: 'Node.js' });
    const gc = b.frameId({ name: 'Garbage Collection' });
    b.addSample([main, anonymous], [3]);
    b.addSample([main, lineOnly], [2]);
    b.addSample([nodejs, gc], [1]);
    const renamed = runtimeNames(b.build());
    expect(toFolded(renamed)).toBe(
      [
        '(garbage collector) 1',
        'main (/app.js:1);(anonymous) (/app.js:26:35) 3',
        'main (/app.js:1);(anonymous) (/app.js:4) 2',
        '',
      ].join('\n'),
    );
    expect(renamed.frames.some((f) => f.name === 'Node.js')).toBe(false);
  });

  it('returns a profile that follows the rule already as it is', () => {
    const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
    b.addSample([b.frameId({ name: '(anonymous)', file: '/a.js', line: 2, column: 3 })], [1]);
    const profile = b.build();
    expect(runtimeNames(profile)).toBe(profile);
  });
});
