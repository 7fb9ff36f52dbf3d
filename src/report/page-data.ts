/**
 * The contract between the report page's builder (Node side, src/report/) and its browser code
 * (assets/report/): what `reports/index.html` embeds as JSON. The page is one self-contained file;
 * the summary data (PageData, in `<script type="application/json" id="page-data">`) is parsed at
 * load, each flamegraph's FlameData (in `<script type="application/json" id="data-<section id>">`)
 * only when its section is opened. Every string in them is data: the page shows it as text, never
 * as markup; only `chartSvg` fields, written by our own renderers, are markup.
 */
import type { HistoryData } from '../history/trend-types.js';

/** The kinds of frames the page filters and colours by (render/flamegraph/classify.ts). */
export const FRAME_KINDS = ['app', 'dependency', 'node', 'native'] as const;
export type PageFrameKind = (typeof FRAME_KINDS)[number];

/**
 * One flamegraph's data, compact: a frame table, and the call tree in preorder as flat numbers,
 * `[frame, total, childCount, ...]` for each node. Frames narrower than a pixel at full width
 * (PRUNE_FRACTION of the root) are left out; what they held is stated in `pruned`.
 */
export interface FlameData {
  /** What the widths count: `wall time`, `CPU time`, `in-use bytes`... */
  measure: string;
  /** The unit of `total`: `nanoseconds`, `bytes`, `count`. */
  unit: string;
  /** Frames: [name, file (or ''), line (or 0), kind index into FRAME_KINDS (or -1: a grouping frame)]. */
  frames: [string, string, number, number][];
  /** Preorder: frame index, total value, number of children; the root is a synthetic "all" node (frame -1). */
  nodes: number[];
  /** Nodes and value left out by pruning (the value is still counted in their parents' totals). */
  pruned: { nodes: number; value: number };
}

/** A row of a top-functions table; shares are fractions of the whole profile. */
export interface PageTopRow {
  name: string;
  location: string;
  selfShare: number;
  totalShare: number;
  /** Self and total in the profile's unit. */
  self: number;
  total: number;
}

/** One flamegraph section: a CPU workload, or a heap profile of a memory workload. */
export interface FlameSection {
  /** `cpu-0`, `heap-3`: safe for an element id whatever the names; its FlameData is in `data-<id>`. */
  id: string;
  suite: string;
  workload: string;
  /** `ok`, `failed`... when the run's result is known. */
  state?: string;
  /** A line under the title: engine, samples, processes and threads, duration. */
  subtitle: string;
  topSelf: PageTopRow[];
  topTotal: PageTopRow[];
  /**
   * Links relative to reports/: the SVG, pprof and folded files. `href` is a plain relative path
   * (`../flamegraphs/demo/a b.svg`), not URL-encoded: the page encodes each segment, so names with
   * `#`, `?`, `%` or spaces still link to their file and none can become a `javascript:` URL.
   */
  links: { label: string; href: string }[];
  /** The FlameData's size in bytes, shown before it is opened. */
  bytes: number;
}

/** A memory workload's row and section. */
export interface MemoryEntry {
  suite: string;
  workload: string;
  state: string;
  verdict: string;
  leak: boolean;
  peakRss: number;
  /** The headline growth, e.g. `+5.78 MB/s (V8 heap used)`, or '' when stable. */
  growth: string;
  budgets: { budget: string; measured: string; status: string }[];
  /** The chart SVG (our own renderer's markup: trusted), inlined. */
  chartSvg?: string;
  growingSites: { name: string; location: string; growthBytes: number }[];
  /** The heap flamegraph's section id, when a heap profile exists. */
  heap?: string;
}

/** A `profile doctor` workload's row and section. */
export interface DoctorEntry {
  suite: string;
  workload: string;
  state: string;
  /** `healthy`, `insufficient data`, or the findings: `event-loop-blocked, gc-pressure`. */
  verdict: string;
  findings: {
    kind: string;
    allowed: boolean;
    evidence: string;
    /** What ran during the blocks (event-loop-blocked), most first. */
    functions: { name: string; location: string; ms: number }[];
    /** What allocated most (gc-pressure), most first; share of all sampled allocations. */
    allocations: { name: string; location: string; bytes: number; share: number }[];
  }[];
  /** Milliseconds; null without readings after start-up. */
  delayP99: number | null;
  delayMax: number | null;
  /** Shares, 0 to 1 (CPU in cores). */
  utilization: number | null;
  cpu: number | null;
  gcShare: number | null;
  budgets: { budget: string; measured: string; status: string }[];
  /** The chart SVG (our own renderer's markup: trusted), inlined. */
  chartSvg?: string;
  /** `--with-clinic`: clinic doctor's category, or why it has none, and its report (relative to reports/, as FlameSection links). */
  clinic?: { category?: string; error?: string; href?: string };
}

/** A validation target's outcome. */
export interface TargetEntry {
  id: string;
  component: string;
  limit: string;
  measured: string;
  verdict: 'pass' | 'warn' | 'fail';
}

export interface ComparisonEntry {
  id: string;
  change: string;
  verdict: string;
  /** A regression attributed to functions (src/validate/baseline/explain-regressions.ts), or why it was not. */
  why?: WhyEntry;
}

/** The page's "why it got slower" of one comparison: causes already worded for the table. */
export interface WhyEntry {
  causes: {
    function: string;
    where: string;
    before: string;
    after: string;
    delta: string;
    share: string;
    p: string;
  }[];
  /** What the figures are per: `per run`, `per 1,000 requests`, `in use at the end of a run`. */
  per?: string;
  /** The differential flamegraph, relative to reports/. */
  flamegraph?: string;
  note?: string;
}

export interface SweepEntry {
  name: string;
  /** Sizes and median seconds, for the log-log chart. */
  points: { size: number; seconds: number }[];
  exponent?: number;
  interval?: [number, number];
  /** The log-log chart (our own renderer's SVG: trusted). */
  chartSvg: string;
}

export interface PageData {
  version: 1;
  generatedAt: string;
  /** The output directory, as the user named it. */
  outDir: string;
  cpu: FlameSection[];
  heap: FlameSection[];
  memory: MemoryEntry[];
  doctor: DoctorEntry[];
  validation?: {
    report: string;
    startedAt: string;
    targets: TargetEntry[];
    comparisons: ComparisonEntry[];
    sweeps: SweepEntry[];
  };
  /** The run history (src/history/trends.ts): empty lists when there is none. */
  history: HistoryData;
  /** Files of the output directory that could not be read, and why. */
  unreadable: { file: string; reason: string }[];
}
