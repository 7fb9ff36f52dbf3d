/**
 * `profile flamegraph <input...>`: loads pprof, .cpuprofile or folded files, merges several (or diffs
 * two with --diff) and writes one interactive SVG. Wiring only; the drawing is src/render/flamegraph.
 */
import { basename, dirname, join } from 'node:path';
import { mergeProfiles } from '../model/merge.js';
import type { Profile } from '../model/profile.js';
import { IncomparableProfilesError } from '../render/flamegraph/diff.js';
import { renderDiffFlamegraph, renderFlamegraph } from '../render/flamegraph/index.js';
import type { FlamegraphOptions } from '../render/flamegraph/options.js';
import { UserError } from '../util/user-error.js';
import { writeFileAtomic } from '../util/write-atomic.js';
import { readProfileArg } from './read-profile.js';

/** The flags of the command, as commander hands them over. */
export interface FlamegraphCommandOptions {
  output?: string;
  diff?: boolean;
  inverted?: boolean;
  minWidth?: number;
  title?: string;
}

const profileExtensions = ['.pb.gz', '.pb', '.cpuprofile', '.heapprofile', '.folded', '.txt', '.json'];

/**
 * Where the SVG goes when no -o is given: beside the (first, or with --diff the NEW) input, with its
 * profile extension replaced: `x.cpu.pb.gz` -> `x.cpu.svg`, merged -> `x.merged.svg`, diff -> `x.diff.svg`.
 */
export function defaultOutputPath(inputs: string[], diff: boolean): string {
  const input = (diff ? inputs[1] : inputs[0]) ?? 'flamegraph';
  const name = basename(input);
  const extension = profileExtensions.find((ext) => name.endsWith(ext));
  const stem = extension === undefined ? name : name.slice(0, -extension.length);
  const suffix = diff ? '.diff' : inputs.length > 1 ? '.merged' : '';
  return join(dirname(input), `${stem}${suffix}.svg`);
}

/** Runs the command and returns the path of the SVG written. */
export async function flamegraphCommand(inputs: string[], opts: FlamegraphCommandOptions): Promise<string> {
  if (inputs.length === 0) throw new UserError('flamegraph: give at least one profile file to render');
  if (opts.diff && inputs.length !== 2) {
    throw new UserError(
      `flamegraph --diff takes exactly two profiles, BASE then NEW; got ${inputs.length}: ${inputs.join(' ')}`,
    );
  }
  if (opts.minWidth !== undefined && !(opts.minWidth >= 0)) {
    throw new UserError(`--min-width must be a number of pixels >= 0, got ${opts.minWidth}`);
  }
  const options: Partial<FlamegraphOptions> = {};
  if (opts.inverted) options.inverted = true;
  if (opts.minWidth !== undefined) options.minWidthPx = opts.minWidth;
  if (opts.title !== undefined) options.title = opts.title;

  const profiles = await Promise.all(inputs.map(readProfileArg));
  let svg: string;
  if (opts.diff) {
    const [base, next] = profiles as [Profile, Profile];
    options.baseLabel = `BASE ${basename(inputs[0] as string)}`;
    options.nextLabel = `NEW ${basename(inputs[1] as string)}`;
    try {
      svg = renderDiffFlamegraph(base, next, options);
    } catch (error) {
      // Different units (CPU against heap) is the user's mix-up, not a bug.
      if (error instanceof IncomparableProfilesError) {
        throw new UserError(`flamegraph --diff: ${error.message}`, { cause: error });
      }
      throw error;
    }
  } else {
    const profile =
      profiles.length === 1
        ? (profiles[0] as Profile)
        : mergeProfiles(profiles.map((profile) => ({ profile })));
    svg = renderFlamegraph(profile, options);
  }
  const output = opts.output ?? defaultOutputPath(inputs, opts.diff === true);
  await writeFileAtomic(output, svg);
  return output;
}
