// What `profile doctor` prints for a workload that failed (terminal.ts): its last output under the
// FAILED line, and where its whole log is.
import { describe, expect, it } from 'vitest';
import type { DoctorResult } from './result.js';
import { formatDoctorResult } from './terminal.js';

function crashed(overrides: Partial<DoctorResult> = {}): DoctorResult {
  return {
    suite: 'demo',
    workload: 'crash',
    state: 'failed',
    reason: 'exited with code 1',
    exitCode: 1,
    durationMs: 480,
    intervalMs: 100,
    processes: 1,
    startupMs: 40,
    moduleLoadingMs: 0,
    scope: 'after start-up',
    diagnosis: { verdict: 'insufficient data', findings: [], allowed: [] },
    budgets: [],
    eventLoopDelayMs: null,
    utilization: null,
    gcShare: null,
    gcPausesMs: null,
    cpu: null,
    blocks: [],
    resources: {},
    samples: [],
    files: { json: '/out/doctor/demo/crash.json', log: '/out/doctor/demo/crash.log' },
    ...overrides,
  };
}

describe('formatDoctorResult', () => {
  it("prints a failed workload's last output under its FAILED line, then where its log is", () => {
    const result = crashed({ outputTail: ['Error: boom', '    at main (/app/crash.js:3:9)'] });
    const lines = formatDoctorResult(result, '/out').split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'FAILED  demo/crash: insufficient data',
      '  exited with code 1',
      '  last output:',
      '    Error: boom',
      '        at main (/app/crash.js:3:9)',
    ]);
    expect(lines.slice(-2)).toEqual(['  data: doctor/demo/crash.json', '  log:  doctor/demo/crash.log']);
  });

  it('prints neither for a workload that is ok', () => {
    const text = formatDoctorResult(crashed({ state: 'ok', exitCode: 0, reason: undefined }), '/out');
    expect(text).not.toMatch(/last output|log:/);
  });
});
