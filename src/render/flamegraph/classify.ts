/**
 * Tells what kind of code a frame is, so the flamegraph can colour the project's own code apart from
 * its dependencies, Node's internals and the engine's pseudo-frames (GC, idle, program).
 */
import type { Frame } from '../../model/profile.js';

/** The colour families of the graph, in legend order; `root` is the synthetic "all" frame. */
export type FrameKind = 'app' | 'dependency' | 'node' | 'native' | 'root';

/** Legend text of each kind. */
export const frameKindLabels: Record<FrameKind, string> = {
  app: 'own code',
  dependency: 'node_modules',
  node: 'Node internals',
  native: 'native, GC, idle',
  root: 'all',
};

// V8 and the profilers name their pseudo-frames like this: (garbage collector), (program), (idle),
// (root); perf and flamegraph.pl use [unknown], [kernel.kallsyms]; @datadog/pprof says "(anonymous)"
// only for real JS functions, which do have a file, so a bracketed name with no file is native.
function isPseudoFrameName(name: string): boolean {
  const first = name.charCodeAt(0);
  const last = name.charCodeAt(name.length - 1);
  return (first === 40 && last === 41) || (first === 91 && last === 93); // (...) or [...]
}

// Folded stacks carry no file field, but our own and 0x's folded text append the location to the
// name ("fn /app/x.js:10" or "fn (node:internal/timers:5)"); those still say which kind they are.
function locationOf(frame: Frame): string {
  if (frame.file !== undefined && frame.file !== '') return frame.file;
  const space = frame.name.lastIndexOf(' ');
  return space === -1 ? '' : frame.name.slice(space + 1);
}

// Pseudo-frames @datadog/pprof adds for time outside JavaScript.
const pseudoFrameNames = new Set(['Garbage Collection', 'Node.js', 'Program', 'Idle']);

/**
 * Classifies one frame by its file (or, without a file, by its name). `filelessIsNative` says what a
 * frame without any location is: in a profile that records files (pprof, .cpuprofile) those are V8
 * builtins (`push`, `next`) and pseudo-frames, so native; in folded stacks without locations every
 * frame lacks one, so they count as the program's own code.
 */
export function classifyFrame(frame: Frame, filelessIsNative = false): FrameKind {
  if (pseudoFrameNames.has(frame.name) && !frame.file) return 'native';
  const location = locationOf(frame);
  if (location === '') {
    if (isPseudoFrameName(frame.name) || frame.name.startsWith('native ')) return 'native';
    if (frame.name.startsWith('node:')) return 'node';
    return filelessIsNative ? 'native' : 'app';
  }
  if (location.includes('/node_modules/') || location.includes('\\node_modules\\')) return 'dependency';
  if (
    location.startsWith('node:') ||
    location.startsWith('(node:') ||
    location.startsWith('internal/') ||
    location.startsWith('(internal/')
  ) {
    return 'node';
  }
  if (location.startsWith('native ') || location === '[native code]') return 'native';
  if (frame.file === undefined && isPseudoFrameName(frame.name)) return 'native';
  return 'app';
}
