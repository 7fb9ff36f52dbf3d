/**
 * Search in a flamegraph, as the SVG renderer's does it (assets/flamegraph/flamegraph.js): a plain
 * substring of a frame's name or file, or `/regex/flags`; and the matched share: the part of the
 * root's value under the top-most matching frames, so a match inside another counts once.
 */
import type { FlameTree } from './flame-tree.js';

/** Tells whether a frame (by its name and file) matches. */
export type FrameTest = (name: string, file: string) => boolean;

/**
 * The test for a search term, or an Error whose message says why a regular expression is invalid.
 * An empty term matches nothing.
 */
export function frameMatcher(term: string): FrameTest | Error {
  if (term === '') return () => false;
  const regex = /^\/(.+)\/([dimsuv]*)$/.exec(term);
  if (regex) {
    let re: RegExp;
    try {
      re = new RegExp(regex[1] as string, regex[2]);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    return (name, file) => re.test(name) || re.test(file);
  }
  return (name, file) => name.includes(term) || file.includes(term);
}

/** Per entry of the frame table, 1 where it matches: frames repeat, so each is tested once. */
export function matchingFrames(tree: Pick<FlameTree, 'frames'>, test: FrameTest): Uint8Array {
  return Uint8Array.from(tree.frames, ([name, file]) => (test(name, file) ? 1 : 0));
}

/** The matched share of the tree's root and how many nodes match (nested ones included); the root never does. */
export function matchedShare(tree: FlameTree, hits: Uint8Array): { share: number; frames: number } {
  let sum = 0;
  let frames = 0;
  let coveredUntil = 0;
  for (let i = 1; i < tree.size; i++) {
    if (hits[tree.frame[i] as number] !== 1) continue;
    frames++;
    if (i >= coveredUntil) {
      sum += tree.total[i] as number;
      coveredUntil = tree.end[i] as number;
    }
  }
  const whole = tree.total[0] as number;
  return { share: whole > 0 ? sum / whole : 0, frames };
}
