/**
 * The contract between the report page's builder (Node side, src/report/) and its browser code
 * (assets/report/): what `reports/index.html` embeds as JSON. The page is one self-contained file;
 * the summary data (PageData, in `<script type="application/json" id="page-data">`) is parsed at
 * load, each flamegraph's FlameData (in `<script type="application/json" id="data-<section id>">`)
 * only when its section is opened. Every string in them is data: the page shows it as text, never
 * as markup; only `chartSvg` fields, written by our own renderers, are markup.
 */

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
  /** Links relative to reports/: the SVG, pprof and folded files. */
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

/** One run in the history (src/history/record.ts), as the page draws it. */
export interface HistoryPoint {
  t: string;
  commit?: string;
  machine: string;
  /** Medians by measurement id, in the measurement's unit. */
  medians: Record<string, number>;
}

export interface PageData {
  version: 1;
  generatedAt: string;
  /** The output directory, as the user named it. */
  outDir: string;
  cpu: FlameSection[];
  heap: FlameSection[];
  memory: MemoryEntry[];
  validation?: {
    report: string;
    startedAt: string;
    targets: TargetEntry[];
    comparisons: ComparisonEntry[];
    sweeps: SweepEntry[];
  };
  history: {
    points: HistoryPoint[];
    /** Units by measurement id. */
    units: Record<string, string>;
    /** What moved since the run before the last: id, before, after, change. */
    moved: { id: string; before: number; after: number; change: number; verdict: string }[];
  };
  /** Files of the output directory that could not be read, and why. */
  unreadable: { file: string; reason: string }[];
}
