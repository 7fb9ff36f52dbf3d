/**
 * The switch from tsx's loader to the shipped program, made just before the spawn: a launch keeps
 * `node --import <tsx> script.ts` as its argv (what `profile list` shows, and the fallback), and the
 * runner swaps the pair and the script for the script's output in its mirror.
 */
import { tsxLoaderUrl } from '../tsx.js';

export interface ShippedArgv {
  argv: string[];
  /** Why the program still runs through tsx, when transpiling it failed. */
  fallback?: string;
}

export async function shippedArgv(argv: string[], script: string): Promise<ShippedArgv> {
  const at = argv.indexOf(tsxLoaderUrl);
  if (at < 1 || argv[at - 1] !== '--import' || argv[at + 1] !== script) return { argv };
  try {
    // Loaded here: esbuild and the transpiler cost start-up only to a run that has TypeScript.
    const { transpiledEntry } = await import('./transpiled-entry.js');
    const main = await transpiledEntry(script);
    return { argv: [...argv.slice(0, at - 1), main, ...argv.slice(at + 2)] };
  } catch (error) {
    const why = (error as Error).message.split('\n').slice(0, 3).join(' ');
    return {
      argv,
      fallback: `perfsuite could not transpile ${script} ahead of the run (${why}); it runs through tsx's loader`,
    };
  }
}
