/**
 * Folded stacks (Brendan Gregg's "collapsed" format): `root;caller;leaf 123`, one line per stack.
 * flamegraph.pl, inferno and speedscope read it, and it is the canonical text of our tests.
 *
 * Frame labels, chosen so a label can be read back into the frame it came from:
 *   - `name` when the frame has no file;
 *   - `name (file)` when it has a file but no line;
 *   - `name (file:line)` or `name (file:line:column)` otherwise (a line without a file is dropped).
 * When reading, the parenthesised group that closes a label (file names may hold balanced
 * parentheses) is taken as the location only when it ends in `:line` or
 * `:line:column`, or looks like a path (contains `/` or `\`, or starts with `node:`); any other
 * parenthesised suffix, such as `node worker.js (pid 12)`, stays part of the name. Inside names and
 * files `;` becomes `,` and line breaks become spaces, so every line keeps one stack.
 */
import { type Frame, type Profile, ProfileBuilder, ProfileFormatError } from './profile.js';
import { SliceInterner } from './slice-interner.js';
import { StackIndex } from './stack-index.js';

const FORMAT = 'folded';

function clean(text: string): string {
  return text.replace(/;/g, ',').replace(/[\r\n]+/g, ' ');
}

/** The label `toFolded` writes for `frame`. */
export function foldedLabel(frame: Frame): string {
  const name = clean(frame.name);
  if (frame.file === undefined || frame.file === '') return name;
  let location = clean(frame.file);
  if (frame.line !== undefined) {
    location += `:${frame.line}`;
    if (frame.column !== undefined) location += `:${frame.column}`;
  }
  return `${name} (${location})`;
}

/**
 * Renders one line per distinct stack with values summed and rounded; zero totals are left out.
 * Lines are ordered stack by stack, comparing frame labels in code-unit order (a stack comes before
 * its extensions): the same order as sorting the lines as text except where one label is a prefix
 * of another, and far cheaper than comparing long lines that share most of their frames.
 */
export function toFolded(profile: Profile, valueIndex = profile.defaultValueIndex): string {
  const index = new StackIndex();
  const sums: number[] = [];
  for (const sample of profile.samples) {
    if (sample.stack.length === 0) continue;
    const id = index.idOf(sample.stack);
    sums[id] = (sums[id] ?? 0) + (sample.values[valueIndex] ?? 0);
  }
  const labels = profile.frames.map(foldedLabel);
  const rank = labelRanks(labels);
  const kept: number[] = [];
  for (let id = 0; id < index.stacks.length; id++) if (Math.round(sums[id] ?? 0) !== 0) kept.push(id);
  kept.sort((a, b) => compareStacks(index.stacks[a] as number[], index.stacks[b] as number[], rank));

  // Array joins build flat strings; `+=` would build ropes that the final join flattens slowly.
  const parts: string[] = [];
  const lines = kept.map((id) => {
    const stack = index.stacks[id] as number[];
    parts.length = stack.length;
    for (let i = 0; i < stack.length; i++) parts[i] = labels[stack[i] as number] as string;
    return `${parts.join(';')} ${Math.round(sums[id] ?? 0)}`;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** Position of each frame's label in sorted order; equal labels share a rank. */
function labelRanks(labels: string[]): Int32Array {
  const order = labels
    .map((_, i) => i)
    .sort((a, b) => {
      const x = labels[a] as string;
      const y = labels[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const rank = new Int32Array(labels.length);
  let current = -1;
  let previous: string | undefined;
  for (const frame of order) {
    if (labels[frame] !== previous) current++;
    previous = labels[frame];
    rank[frame] = current;
  }
  return rank;
}

function compareStacks(a: number[], b: number[], rank: Int32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (rank[a[i] as number] as number) - (rank[b[i] as number] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const LOCATION = /^(.*?):(\d+)(?::(\d+))?$/;

/** Reads a label written by `toFolded` (or a bare flamegraph.pl name) back into a frame. */
export function parseFoldedLabel(label: string): Frame {
  if (label.charCodeAt(label.length - 1) !== 41 /* ) */) return { name: label };
  // The location is the parenthesised group that closes the label; file names may hold parentheses.
  let depth = 0;
  let paren = -1;
  for (let i = label.length - 1; i >= 0; i--) {
    const c = label.charCodeAt(i);
    if (c === 41) depth++;
    else if (c === 40 /* ( */ && --depth === 0) {
      paren = i;
      break;
    }
  }
  const open = paren - 1;
  if (open <= 0 || label.charCodeAt(open) !== 32 /* space */) return { name: label };
  const inner = label.slice(open + 2, -1);
  const match = LOCATION.exec(inner);
  if (match?.[1]) {
    const frame: Frame = { name: label.slice(0, open), file: match[1], line: Number(match[2]) };
    if (match[3] !== undefined) frame.column = Number(match[3]);
    return frame;
  }
  if (inner.includes('/') || inner.includes('\\') || inner.startsWith('node:')) {
    return { name: label.slice(0, open), file: inner };
  }
  return { name: label };
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** Parses folded stacks; null when no line looks like `stack value`, an error naming the first bad line otherwise. */
export function fromFolded(text: string, source: string): Profile | null {
  if (text.includes('\u0000')) return null;
  const builder = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  // Frame ids by label number: each distinct label is parsed once (see SliceInterner for why).
  const labels = new SliceInterner();
  const labelFrame: number[] = [];
  let parsed = 0;
  let firstBad = 0;
  let lineNo = 0;
  let start = 0;
  let semicolon = -1;
  const length = text.length;
  while (start < length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNo++;
    const lineStart = start;
    let lineEnd = end;
    start = end + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 /* \r */) lineEnd--;

    const space = text.lastIndexOf(' ', lineEnd - 1);
    const valueText = space >= lineStart ? text.slice(space + 1, lineEnd) : '';
    if (space <= lineStart || !NUMBER.test(valueText)) {
      if (firstBad === 0 && text.slice(lineStart, lineEnd).trim() !== '') firstBad = lineNo;
      continue;
    }

    const stack: number[] = [];
    let pos = lineStart;
    while (pos < space || stack.length === 0) {
      // The next `;` may lie lines ahead: it is found once and kept, or text without any `;`
      // (single-frame stacks) would be rescanned to its end for every line.
      if (semicolon < pos) {
        semicolon = text.indexOf(';', pos);
        if (semicolon < 0) semicolon = length;
      }
      const next = Math.min(semicolon, space);
      const label = labels.intern(text, pos, next);
      if (label === labelFrame.length) {
        labelFrame.push(builder.frameId(parseFoldedLabel(labels.strings[label] as string)));
      }
      const frame = labelFrame[label] as number;
      stack.push(frame);
      pos = next + 1;
    }
    builder.addSample(stack, [Number(valueText)]);
    parsed++;
  }
  if (parsed === 0) return null;
  if (firstBad !== 0) {
    throw new ProfileFormatError(FORMAT, source, `line ${firstBad} does not end in a space and a number`);
  }
  return builder.build();
}
