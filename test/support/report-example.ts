/**
 * Synthetic report pages for the tests of src/report/html.ts and assets/report/: a small FlameData
 * whose every derived figure is known by hand, a PageData with every section filled, names that
 * try to become markup, and a large FlameData for the page's speed.
 */
import type { FlameData, FlameSection, PageData } from '../../src/report/page-data.js';
import { seededRandom } from './synthetic-series.js';

/**
 * all 100 = (garbage collector) 10 + main 90; main = alpha 60 + zeta 30; alpha = 20 self + inner 40;
 * inner (node_modules) = 30 self + alpha 10. Self by kind: own code 30, node_modules 30, Node 30,
 * native 10.
 */
export function smallFlame(): FlameData {
  return {
    measure: 'wall time',
    unit: 'nanoseconds',
    frames: [
      ['main', '/app/src/main.ts', 1, 0],
      ['alpha', '/app/src/alpha.ts', 5, 0],
      ['inner', '/app/node_modules/dep/inner.js', 9, 1],
      ['zeta', 'node:internal/zeta', 2, 2],
      ['(garbage collector)', '', 0, 3],
    ],
    // [frame, total, children] in preorder; children by name: "(" sorts before letters.
    nodes: [-1, 100e6, 2, 4, 10e6, 0, 0, 90e6, 2, 1, 60e6, 1, 2, 40e6, 1, 1, 10e6, 0, 3, 30e6, 0],
    pruned: { nodes: 0, value: 0 },
  };
}

/** Markup and script-ending text in every kind of string the page shows. */
export const HOSTILE = {
  name: '<img src=x onerror="window.pwned=1">',
  endScript: '</script><script>window.pwned=2</script>',
  quotes: `"q" & 'a' \u2028<b>`,
  file: '/tmp/<img src=x onerror=window.pwned=3>.js',
  suite: '<script>window.pwned=4</script>',
};

export function hostileFlame(): FlameData {
  return {
    measure: 'wall time',
    unit: 'nanoseconds',
    frames: [
      [HOSTILE.name, HOSTILE.file, 1, 0],
      [HOSTILE.endScript, '', 0, 0],
      [HOSTILE.quotes, '/app/"x".js', 3, 1],
    ],
    nodes: [-1, 30, 1, 0, 30, 2, 1, 10, 0, 2, 20, 0],
    pruned: { nodes: 2, value: 1 },
  };
}

function section(id: string, suite: string, workload: string, bytes: number): FlameSection {
  return {
    id,
    suite,
    workload,
    state: 'ok',
    subtitle: 'engine pprof · 1,000 samples · 1 process',
    topSelf: [
      {
        name: 'inner',
        location: '/app/node_modules/dep/inner.js:9',
        selfShare: 0.3,
        totalShare: 0.4,
        self: 30e6,
        total: 40e6,
      },
      {
        name: 'zeta',
        location: 'node:internal/zeta:2',
        selfShare: 0.3,
        totalShare: 0.3,
        self: 30e6,
        total: 30e6,
      },
    ],
    topTotal: [
      { name: 'main', location: '/app/src/main.ts:1', selfShare: 0, totalShare: 0.9, self: 0, total: 90e6 },
    ],
    links: [
      { label: 'SVG', href: `../flamegraphs/${suite}/${workload}.svg` },
      { label: 'pprof', href: `../profiles/${suite}/${workload}.cpu.pb.gz` },
      { label: 'folded', href: `../profiles/${suite}/${workload}.folded` },
    ],
    bytes,
  };
}

const CHART =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" class="test-chart"><rect width="40" height="20" fill="#eee"/></svg>';

/** A page with every section, the small flamegraph as cpu-0 and a heap profile as heap-0. */
export function examplePage(): { data: PageData; flames: Map<string, FlameData> } {
  const flames = new Map<string, FlameData>([
    ['cpu-0', smallFlame()],
    ['heap-0', { ...smallFlame(), measure: 'in-use bytes', unit: 'bytes' }],
  ]);
  const data: PageData = {
    version: 1,
    generatedAt: '2026-12-01T10:20:30.000Z',
    outDir: './out',
    cpu: [section('cpu-0', 'demo', 'small', 420)],
    heap: [{ ...section('heap-0', 'demo', 'leaky', 410), subtitle: 'in-use bytes at exit' }],
    memory: [
      {
        suite: 'demo',
        workload: 'leaky',
        state: 'ok',
        verdict: 'linear',
        leak: true,
        peakRss: 52428800,
        growth: '+5.78 MB/s (V8 heap used)',
        budgets: [{ budget: 'peak RSS ≤ 100 MB', measured: '50 MB', status: 'pass' }],
        chartSvg: CHART,
        growingSites: [{ name: 'cache.set', location: '/app/src/cache.ts:12', growthBytes: 1048576 }],
        heap: 'heap-0',
      },
      {
        suite: 'demo',
        workload: 'steady',
        state: 'ok',
        verdict: 'stable',
        leak: false,
        peakRss: 31457280,
        growth: '',
        budgets: [],
        growingSites: [],
      },
    ],
    doctor: [
      {
        suite: 'demo',
        workload: 'api',
        state: 'ok',
        verdict: 'event-loop-blocked, gc-pressure (allowed)',
        findings: [
          {
            kind: 'event-loop-blocked',
            allowed: false,
            evidence:
              'blocked for 37 ms to 41 ms (timers at least 10 ms late) in 16 of 24 intervals after start-up',
            functions: [{ name: 'render<script>alert(1)</script>', location: 'src/page.ts:4', ms: 528.4 }],
            allocations: [],
          },
          {
            kind: 'gc-pressure',
            allowed: true,
            evidence: 'GC paused the program 19% of the time under load: 30 pauses',
            functions: [],
            allocations: [
              { name: 'recordRun', location: 'src/store.ts:26', bytes: 249_280_000, share: 0.97 },
            ],
          },
        ],
        delayP99: 40.5,
        delayMax: 40.9,
        utilization: 0.88,
        cpu: 0.93,
        gcShare: 0.054,
        budgets: [{ budget: 'loop delay p99 <= 10 ms', measured: '40 ms', status: 'fail' }],
        chartSvg: CHART,
      },
    ],
    validation: {
      report: 'performance_report_20261201_102030',
      startedAt: '2026-12-01T10:20:30.000Z',
      targets: [
        {
          id: 'commands/dry_run:wall',
          component: 'dry run',
          limit: '≤ 200 ms',
          measured: '120 ms',
          verdict: 'pass',
        },
        {
          id: 'commands/build:wall',
          component: 'build',
          limit: '≤ 1 s',
          measured: '1.05 s',
          verdict: 'warn',
        },
        {
          id: 'commands/serve:rps',
          component: 'serve',
          limit: '≥ 1,000 rps',
          measured: '800 rps',
          verdict: 'fail',
        },
      ],
      comparisons: [
        { id: 'commands/dry_run:wall', change: '+3.1% (±2.0%)', verdict: 'within noise' },
        {
          id: 'commands/render:wall',
          change: '+32.0%',
          verdict: 'regressed',
          why: {
            causes: [
              {
                function: 'slugSlowly',
                where: 'src/lib/filters.ts:50',
                before: '0 s',
                after: '262 ms',
                delta: '+262 ms',
                share: '97%',
                p: '< 0.001',
              },
            ],
            per: 'per run',
            flamegraph: 'why/20261201_102030/cpu/commands/render.diff.svg',
          },
        },
        {
          id: 'commands/fmt:wall',
          change: '+12.0%',
          verdict: 'regressed',
          why: { causes: [], note: 'baseline "main" kept no profiles of commands/fmt' },
        },
      ],
      sweeps: [
        {
          name: 'parse',
          points: [
            { size: 10, seconds: 0.001 },
            { size: 100, seconds: 0.01 },
          ],
          exponent: 1.01,
          interval: [0.95, 1.07],
          chartSvg: CHART,
        },
      ],
    },
    history: {
      runs: [
        {
          id: 'r1',
          t: '2026-11-29T10:00:00.000Z',
          command: 'validate',
          machine: 'ci-2core',
          commit: 'aaaaaaa1111',
        },
        {
          id: 'r2',
          t: '2026-11-30T10:00:00.000Z',
          command: 'validate',
          machine: 'ci-2core',
          commit: 'bbbbbbb2222',
        },
        {
          id: 'r3',
          t: '2026-12-01T10:00:00.000Z',
          command: 'validate',
          machine: 'ci-2core',
          commit: 'ccccccc3333',
          dirty: true,
        },
      ],
      series: [
        {
          id: 'commands/dry_run:wall',
          unit: 'milliseconds',
          better: 'lower',
          machine: 'ci-2core',
          points: [
            [0, 100, 110],
            [1, 98, 104],
            [2, 120, 131],
          ],
          marks: [{ run: 2, verdict: 'regressed', change: 22.4, band: 5 }],
        },
        {
          id: 'commands/serve:rps',
          unit: 'rps',
          better: 'higher',
          machine: 'ci-2core',
          points: [
            [0, 700],
            [1, 690],
            [2, 800],
          ],
          marks: [{ run: 2, verdict: 'improved', change: 15.9, band: 6 }],
        },
      ],
      moved: [
        {
          id: 'commands/dry_run:wall',
          machine: 'ci-2core',
          unit: 'milliseconds',
          verdict: 'regressed',
          afterRun: 2,
          beforeRun: 1,
          before: 98,
          after: 120,
          change: 22.4,
          band: 5,
        },
        {
          id: 'commands/new:wall',
          machine: 'ci-2core',
          unit: 'milliseconds',
          verdict: 'new',
          afterRun: 2,
          after: 5,
        },
      ],
      rule: 'A change counts when it passes the noise band of the runs before.',
    },
    unreadable: [{ file: 'profiles/demo/broken.cpu.pb.gz', reason: 'not a gzip file' }],
  };
  return { data, flames };
}

/** The example page with hostile names in its sections, links, memory table, history and files. */
export function hostilePage(): { data: PageData; flames: Map<string, FlameData> } {
  const { data, flames } = examplePage();
  const bad = section('cpu-1', HOSTILE.suite, HOSTILE.name, 300);
  bad.subtitle = HOSTILE.endScript;
  bad.topSelf = [
    { ...(bad.topSelf[0] as FlameSection['topSelf'][0]), name: HOSTILE.name, location: HOSTILE.file },
  ];
  bad.links.push({ label: HOSTILE.quotes, href: 'javascript:window.pwned=5' });
  data.cpu.push(bad);
  flames.set('cpu-1', hostileFlame());
  data.outDir = HOSTILE.endScript;
  const memory = data.memory[1];
  if (memory) {
    memory.suite = HOSTILE.suite;
    memory.growingSites = [{ name: HOSTILE.name, location: HOSTILE.file, growthBytes: 1 }];
  }
  data.unreadable.push({ file: HOSTILE.file, reason: HOSTILE.endScript });
  const why = data.validation?.comparisons[1]?.why;
  if (why) {
    why.causes.push({
      ...(why.causes[0] as (typeof why.causes)[0]),
      function: HOSTILE.name,
      where: HOSTILE.file,
    });
    why.flamegraph = 'javascript:window.pwned=6';
    why.note = HOSTILE.endScript;
  }
  const series = data.history.series[0];
  if (series) series.id = HOSTILE.name;
  return { data, flames };
}

/**
 * A FlameData of `count` nodes as the Node side would leave it after pruning: every node at least
 * 1/1200 of the root, so all are drawn. That many nodes a pixel wide need deep stacks: the root has
 * 1,000 callees of equal width, each a random walk down over 400 functions in 4 kinds.
 */
export function largeFlame(count = 100_000, seed = 1): FlameData {
  const rand = seededRandom(seed);
  const kinds = 4;
  const functions = 400;
  const frames: FlameData['frames'] = [];
  for (let f = 0; f < functions; f++) {
    const kind = f % kinds;
    const file = ['/app/src/', '/app/node_modules/lib/', 'node:internal/', ''][kind] as string;
    frames.push([
      `fn${f}`,
      file === '' ? '' : `${file}mod${f % 37}.js`,
      file === '' ? 0 : 1 + (f % 300),
      kind,
    ]);
  }
  const width = 1000;
  const chains = Math.min(width, count - 1);
  const unit = 1000;
  const nodes: number[] = [-1, chains * unit, chains];
  let left = count - 1 - chains;
  for (let c = 0; c < chains; c++) {
    const depth = Math.floor(left / (chains - c));
    left -= depth;
    for (let d = 0; d <= depth; d++) {
      nodes.push(Math.floor(rand() * functions), unit - d, d === depth ? 0 : 1);
    }
  }
  return { measure: 'wall time', unit: 'nanoseconds', frames, nodes, pruned: { nodes: 0, value: 0 } };
}
