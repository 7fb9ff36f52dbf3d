/**
 * `profile diff <base> <new>`: which functions got slower between two profiles, two directories of
 * them (workload by workload) or two saved baselines. Wiring only: the sides are resolved by
 * diff/sides.ts, matched by diff/pairs.ts, compared by diff/compare-pair.ts (src/attribution), and
 * printed by diff/terminal.ts or as JSON (docs/diff-json.md).
 */
import { join, resolve } from 'node:path';
import type { Normalize } from '../attribution/index.js';
import { comparePair } from '../diff/compare-pair.js';
import { pairSides } from '../diff/pairs.js';
import type { DiffResult, PairDiff } from '../diff/result.js';
import { resolveSide, type Side } from '../diff/sides.js';
import { formatDiff } from '../diff/terminal.js';
import { UserError } from '../util/user-error.js';
import { plural } from '../util/words.js';
import { defaultOutputPath } from './flamegraph.js';
import { readProfileArg } from './read-profile.js';

/** The flags of the command, as commander hands them over. */
export interface DiffCommandOptions {
  normalize?: Normalize;
  top?: number;
  /** The SVG of a single comparison. */
  output?: string;
  outDir?: string;
  json?: boolean;
}

/** Where a comparison's flamegraph goes without -o: beside NEW for files, else under flamegraphs/diff/. */
export function diffSvgPath(key: string | null, base: string[], next: string[], outDir: string): string {
  if (key === null) return defaultOutputPath([base[0] as string, next[0] as string], true);
  // `.`: a directory of numbered runs, keyed by no workload.
  const parts = key === '.' ? ['profiles'] : key.split('/');
  return `${join(outDir, 'flamegraphs', 'diff', ...parts)}.diff.svg`;
}

const runsLabel = (side: Side, runs: number) => `${side.argument} (${plural(runs, 'run')})`;

/** Runs the command; returns the exit code (mistakes are thrown as UserErrors: exit 2). */
export async function diffCommand(base: string, next: string, opts: DiffCommandOptions): Promise<number> {
  const normalize = opts.normalize ?? 'run';
  if (normalize !== 'run' && normalize !== 'sample') {
    throw new UserError(`--normalize must be run or sample, got ${normalize}`);
  }
  const top = opts.top ?? 10;
  if (!Number.isInteger(top) || top < 1) throw new UserError(`--top must be a whole number >= 1, got ${top}`);
  const outDir = resolve(opts.outDir ?? '.');
  const [baseSide, nextSide] = await Promise.all([
    resolveSide(base, { outDir }),
    resolveSide(next, { outDir }),
  ]);
  const pairing = pairSides(baseSide, nextSide);
  if (opts.output !== undefined && pairing.pairs.length > 1) {
    throw new UserError(
      `-o names one SVG, but ${pairing.pairs.length} workloads are compared (${pairing.pairs.map((p) => p.key).join(', ')}): ` +
        `leave -o out, and each goes to ${join(outDir, 'flamegraphs', 'diff')}/<suite>/<workload>.diff.svg`,
    );
  }

  const pairs: PairDiff[] = [];
  // One workload at a time: a side's profiles can be large, and only one pair is held at once.
  for (const pair of pairing.pairs) {
    const read = (files: string[]) =>
      Promise.all(files.map(async (source) => ({ source, profile: await readProfileArg(source) })));
    const [baseProfiles, nextProfiles] = await Promise.all([read(pair.base), read(pair.next)]);
    pairs.push(
      await comparePair(pair, baseProfiles, nextProfiles, {
        normalize,
        // A function's share of how much bigger NEW's runs are than BASE's, when they are.
        regression: 'profiled',
        svg: opts.output ?? diffSvgPath(pair.key, pair.base, pair.next, outDir),
        baseLabel: `BASE ${runsLabel(baseSide, pair.base.length)}`,
        nextLabel: `NEW ${runsLabel(nextSide, pair.next.length)}`,
      }),
    );
  }
  const result: DiffResult = {
    schemaVersion: 1,
    base: { argument: base, kind: baseSide.kind },
    new: { argument: next, kind: nextSide.kind },
    normalize,
    pairs,
    onlyInBase: pairing.onlyInBase,
    onlyInNew: pairing.onlyInNew,
  };
  process.stdout.write(
    opts.json ? `${JSON.stringify(result, null, 2)}\n` : formatDiff(result, { cwd: process.cwd(), top }),
  );
  return 0;
}
