/** The handles and requests figure (resources.ts). */
import { describe, expect, it } from 'vitest';
import type { JudgedInterval } from './interval.js';
import { analyseResources } from './resources.js';

const run = { startedAt: 0, blockMs: 10 };
const interval = (resources: Record<string, number>): JudgedInterval => ({
  pid: 1,
  reading: { t: 0, hrUs: 0, spanMs: 100, cpuUserMs: 0, cpuSystemMs: 0, gc: {}, resources },
  samples: null,
  late: 0,
});

describe('analyseResources', () => {
  it('keeps the most of each type over any reading', () => {
    const intervals = [
      interval({ Timeout: 2, TCPWRAP: 1 }),
      interval({ Timeout: 1, FSReqCallback: 3 }),
      interval({ TCPWRAP: 4 }),
    ];
    expect(analyseResources(intervals, run)).toEqual({ Timeout: 2, TCPWRAP: 4, FSReqCallback: 3 });
    expect(analyseResources([], run)).toEqual({});
  });
});
