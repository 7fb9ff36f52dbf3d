import { describe, expect, it } from 'vitest';
import type { Attribution, FunctionChange } from '../attribution/index.js';
import type { DiffResult } from './result.js';
import {
  changeTable,
  formatAmount,
  formatDiff,
  formatP,
  location,
  relativeChange,
  verdictLines,
} from './terminal.js';

function change(
  fields: Partial<FunctionChange> & Pick<FunctionChange, 'function' | 'baseline' | 'current'>,
): FunctionChange {
  return {
    delta: fields.current - fields.baseline,
    shareOfRegression: null,
    p: null,
    verdict: 'unchanged',
    ...fields,
  };
}

const slowed = change({
  function: 'checksum',
  file: '/app/src/work.js',
  line: 18,
  baseline: 81.8,
  current: 229.4,
  p: 0.0004,
  verdict: 'slower',
});
const steady = change({
  function: 'renderOutput',
  file: 'file:///app/src/work.js',
  line: 12,
  baseline: 162.3,
  current: 155.4,
  p: 0.447,
});
const gone = change({ function: 'fstat', baseline: 0.6, current: 0, p: 0.447 });
const moved = change({
  function: 'parseInput',
  file: '/app/src/parse.js',
  line: 6,
  baselineFile: '/app/src/work.js',
  baseline: 130,
  current: 125,
  p: 0.5,
});

function attribution(fields: Partial<Attribution> = {}): Attribution {
  return {
    unit: 'ms',
    normalize: 'run',
    baselineRuns: 4,
    currentRuns: 4,
    baselineTotal: 388.2,
    currentTotal: 521.6,
    regression: null,
    tested: true,
    bySelf: [slowed, steady, moved, gone],
    byTotal: [slowed, steady],
    ...fields,
  };
}

describe('the figures', () => {
  it('formats amounts, changes and p-values', () => {
    expect([
      formatAmount(229.4, 'ms'),
      formatAmount(81.83, 'ms'),
      formatAmount(0.6, 'ms'),
      formatAmount(0, 'ms'),
    ]).toEqual(['229 ms', '81.8 ms', '0.60 ms', '0 ms']);
    expect([formatAmount(12.345, '%'), formatAmount(40.5, 'samples'), formatAmount(3.5, 'MB')]).toEqual([
      '12.3%',
      '40.5',
      '3.50 MB',
    ]);
    expect([
      relativeChange(slowed),
      relativeChange(steady),
      relativeChange(gone),
      relativeChange({ baseline: 0, current: 2 }),
    ]).toEqual(['+180%', '-4.3%', 'gone', 'new']);
    expect([formatP(null), formatP(0.0004), formatP(0.4471)]).toEqual(['—', '<0.001', '0.447']);
  });

  it('shows locations relative to the working directory, URLs as paths, and where a function moved from', () => {
    expect(location(slowed, '/app')).toBe('src/work.js:18');
    expect(location(steady, '/app')).toBe('src/work.js:12');
    expect(location(gone, '/app')).toBe('');
    expect(location(moved, '/app/src')).toBe('parse.js:6 (was work.js)');
    expect(
      location(
        change({
          function: 'run',
          file: 'node:internal/modules/run_main',
          line: 104,
          baseline: 1,
          current: 1,
        }),
        '/app',
      ),
    ).toBe('node:internal/modules/run_main:104');
  });
});

describe('changeTable', () => {
  it('lists the top changes with aligned columns and marks the named ones', () => {
    expect(changeTable('by self time', attribution().bySelf, 'ms', { cwd: '/app', top: 3 })).toEqual([
      '  by self time (top 3 of 4 changed)',
      '    function      location                           before   after     delta  change       p',
      '    checksum      src/work.js:18                    81.8 ms  229 ms   +148 ms   +180%  <0.001  slower',
      '    renderOutput  src/work.js:12                     162 ms  155 ms  -6.90 ms   -4.3%   0.447',
      '    parseInput    src/parse.js:6 (was src/work.js)   130 ms  125 ms  -5.00 ms   -3.8%   0.500',
    ]);
  });

  it('says so when nothing changed', () => {
    expect(changeTable('by total time', [], 'ms', { cwd: '/' })).toEqual([
      '  by total time: no function changed',
    ]);
  });
});

describe('verdictLines', () => {
  it('names the slower and faster functions, by self time first', () => {
    const faster = { ...steady, verdict: 'faster' as const, p: 0.01 };
    expect(verdictLines(attribution({ bySelf: [slowed, faster] }))).toEqual([
      'slower: checksum (+148 ms self)',
      'faster: renderOutput (-6.90 ms self)',
    ]);
    const caller = change({ function: 'main', baseline: 300, current: 450, p: 0.001, verdict: 'slower' });
    expect(verdictLines(attribution({ bySelf: [steady], byTotal: [caller] }))).toEqual([
      'slower: main (+150 ms total)',
    ]);
  });

  it('says plainly when no test could be made, or none named a function', () => {
    expect(verdictLines(attribution({ bySelf: [steady], byTotal: [steady] }))).toEqual([
      'no function changed significantly',
    ]);
    expect(verdictLines(attribution({ tested: false, baselineRuns: 1, currentRuns: 1 }))).toEqual([
      'one profile a side: no test; a difference of single profiles is mostly sampling noise',
    ]);
    expect(verdictLines(attribution({ tested: false, baselineRuns: 3, currentRuns: 1 }))[0]).toMatch(
      /^one profile on the NEW side: no test \(it takes two or more a side\)/,
    );
  });
});

describe('formatDiff', () => {
  it('prints each comparison with its sides and totals, then the workloads of one side', () => {
    const result: DiffResult = {
      schemaVersion: 1,
      base: { argument: 'before', kind: 'directory' },
      new: { argument: 'baseline:v2', kind: 'baseline' },
      normalize: 'run',
      pairs: [
        {
          key: 'demo/work',
          baseFiles: [],
          newFiles: [],
          attribution: attribution({ bySelf: [slowed, steady], byTotal: [slowed] }),
          svg: '/app/flamegraphs/diff/demo/work.diff.svg',
        },
      ],
      onlyInBase: ['demo/old'],
      onlyInNew: [],
    };
    expect(formatDiff(result, { cwd: '/app' })).toBe(
      [
        'demo/work: BASE before (4 runs) vs NEW baseline:v2 (4 runs)',
        '  total per run 388 ms -> 522 ms (+133 ms, +34%); figures in ms per run',
        '  by self time',
        '    function      location         before   after     delta  change       p',
        '    checksum      src/work.js:18  81.8 ms  229 ms   +148 ms   +180%  <0.001  slower',
        '    renderOutput  src/work.js:12   162 ms  155 ms  -6.90 ms   -4.3%   0.447',
        '  by total time',
        '    function  location         before   after    delta  change       p',
        '    checksum  src/work.js:18  81.8 ms  229 ms  +148 ms   +180%  <0.001  slower',
        '  slower: checksum (+148 ms self)',
        '  flamegraph: flamegraphs/diff/demo/work.diff.svg',
        '',
        'only in BASE (not compared): demo/old',
        '',
      ].join('\n'),
    );
  });

  it('says when figures are shares of each run (per sample)', () => {
    const pair = {
      key: null,
      baseFiles: [],
      newFiles: [],
      svg: null,
      attribution: attribution({ unit: '%', normalize: 'sample', bySelf: [], byTotal: [] }),
    };
    const text = formatDiff(
      {
        schemaVersion: 1,
        base: { argument: 'a.pb.gz', kind: 'files' },
        new: { argument: 'b.pb.gz', kind: 'files' },
        normalize: 'sample',
        pairs: [pair],
        onlyInBase: [],
        onlyInNew: [],
      },
      { cwd: '/' },
    );
    expect(text.split('\n').slice(0, 2)).toEqual([
      'profiles: BASE a.pb.gz (4 runs) vs NEW b.pb.gz (4 runs)',
      "  figures are shares of each run's total (--normalize sample)",
    ]);
  });
});
