/**
 * The little of d3-flame-graph 5 and d3-selection 3 the page uses, typed by hand: neither package
 * ships types, and the page is type-checked on its own (assets/report/tsconfig.json).
 */
declare module 'd3-flame-graph' {
  /** d3-hierarchy's node around one of our data objects, as d3-flame-graph hands it to callbacks. */
  export interface FlameHierarchyNode<Datum> {
    data: Datum;
    value: number;
    depth: number;
    highlight?: boolean;
    parent: FlameHierarchyNode<Datum> | null;
    children?: FlameHierarchyNode<Datum>[];
  }

  export interface FlameGraph<Datum> {
    (selection: unknown): void;
    width(width: number): FlameGraph<Datum>;
    cellHeight(height: number): FlameGraph<Datum>;
    minFrameSize(px: number): FlameGraph<Datum>;
    transitionDuration(ms: number): FlameGraph<Datum>;
    sort(sort: boolean): FlameGraph<Datum>;
    inverted(inverted: boolean): FlameGraph<Datum>;
    resetHeightOnZoom(reset: boolean): FlameGraph<Datum>;
    update(data?: Datum): FlameGraph<Datum>;
    title(title: string): FlameGraph<Datum>;
    tooltip(tooltip: { (): void; show(): unknown; hide(): unknown }): FlameGraph<Datum>;
    setColorMapper(mapper: (node: FlameHierarchyNode<Datum>, original: string) => string): FlameGraph<Datum>;
    setLabelHandler(label: (node: FlameHierarchyNode<Datum>) => string): FlameGraph<Datum>;
    setDetailsHandler(handler: (text: string | null) => void): FlameGraph<Datum>;
    setSearchMatch(match: (node: FlameHierarchyNode<Datum>, term: string) => boolean): FlameGraph<Datum>;
    setSearchHandler(handler: (results: unknown[], sum: number, total: number) => void): FlameGraph<Datum>;
    onClick(handler: (node: FlameHierarchyNode<Datum>) => void): FlameGraph<Datum>;
    search(term: string): void;
    clear(): void;
    resetZoom(): void;
    destroy(): FlameGraph<Datum>;
  }

  export default function flamegraph<Datum>(): FlameGraph<Datum>;
}

declare module 'd3-selection' {
  export interface Selection {
    datum(value: unknown): Selection;
    call(fn: (selection: Selection) => void): Selection;
  }
  export function select(node: Element): Selection;
}
