// The lines every terminal summary prints under a failed workload (output-tail-lines.ts).
import { describe, expect, it } from 'vitest';
import { outputTailLines } from './output-tail-lines.js';

describe('outputTailLines', () => {
  it('indents the last output under the line it follows', () => {
    const run = { reason: 'exited with code 1', outputTail: ['Error: boom', '    at main (app.js:3:9)'] };
    expect(outputTailLines(run, '    ')).toEqual([
      '    last output:',
      '      Error: boom',
      '          at main (app.js:3:9)',
    ]);
    expect(outputTailLines(run, '  ')[0]).toBe('  last output:');
  });

  it('prints nothing without a tail, or when the reason already quotes it', () => {
    expect(outputTailLines({ reason: 'exited with code 1' }, '    ')).toEqual([]);
    expect(outputTailLines({ outputTail: [] }, '    ')).toEqual([]);
    // A server that was never ready: its reason ends with its last output already.
    const quoted = {
      reason: 'the server exited before it listened; its last output:\n      Error: EADDRINUSE',
      outputTail: ['Error: EADDRINUSE'],
    };
    expect(outputTailLines(quoted, '    ')).toEqual([]);
  });
});
