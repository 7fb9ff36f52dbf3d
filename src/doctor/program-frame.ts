/**
 * What a sample (CPU or allocation) is put down to: the innermost frame of the program's own code,
 * meaning a file that is not one of Node's `node:` modules, so that time in `JSON.parse` reads as the
 * function that called it; the leaf when no such frame is on the stack; the agent when its own
 * code is (the measurement, not the program).
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Frame } from '../model/profile.js';

/** A V8 call frame, as .cpuprofile nodes and sampling heap profiles carry them (0-based positions). */
export interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number;
  columnNumber?: number;
}

/** A function as doctor names it: the file relative to the workload's directory where it is under it. */
export interface FunctionAt {
  function: string;
  file?: string;
  line?: number;
}

/** V8 positions are 0-based and -1 when unknown; the model's are 1-based. */
const position = (n: number | undefined): number | undefined =>
  typeof n === 'number' && n >= 0 ? n + 1 : undefined;

const isProgramFile = (url: string | undefined): boolean => !!url && !url.startsWith('node:');

/** Relative to `cwd` where it is under it; a `node:` module or other URL as it is. */
function fileName(file: string, cwd: string): string {
  const path = file.startsWith('file:') ? fileURLToPath(file) : file;
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}

export interface FrameNamer {
  /** `chain`: the leaf first, then its callers. `'agent'` when the agent's code is on the stack. */
  pick(chain: Iterable<CallFrame>): CallFrame | 'agent';
  /** The frame mapped through the saved source maps and named for the reports. */
  describe(frame: CallFrame): FunctionAt;
}

/** `mapFrame` takes a frame (1-based line and column) to its original source. */
export function frameNamer(cwd: string, agentDir: string, mapFrame: (frame: Frame) => Frame): FrameNamer {
  const agentUrl = pathToFileURL(agentDir).href;
  return {
    pick(chain) {
      let leaf: CallFrame | undefined;
      for (const frame of chain) {
        leaf ??= frame;
        if (frame.url?.startsWith(agentUrl)) return 'agent';
        if (isProgramFile(frame.url)) return frame;
      }
      return leaf ?? {};
    },
    describe(frame) {
      const line = position(frame.lineNumber);
      const column = position(frame.columnNumber);
      const mapped = mapFrame({
        name: frame.functionName || '(anonymous)',
        ...(frame.url ? { file: frame.url } : {}),
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      });
      const fn: FunctionAt = { function: mapped.name };
      if (mapped.file) fn.file = fileName(mapped.file, cwd);
      if (mapped.line !== undefined) fn.line = mapped.line;
      return fn;
    },
  };
}

/** One key per function, for summing samples by function. */
export const functionKey = (fn: FunctionAt): string => `${fn.function}\0${fn.file ?? ''}\0${fn.line ?? ''}`;
