/**
 * The embedded script and style, read once from real files (STYLE.md point 5) so they can be edited,
 * linted and reviewed as JavaScript and CSS rather than as strings in TypeScript.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { inPackage } from '../../util/package-root.js';

// tsc copies no assets into dist/, so they live in assets/flamegraph/ at the package root, which ships.
// This module sits three levels below the root both as src/render/flamegraph/assets.ts (tests, tsx)
// and as dist/render/flamegraph/assets.js (the built CLI), so one relative URL serves both.
const assetsDir = pathToFileURL(`${inPackage('assets', 'flamegraph')}/`);

function readAsset(name: string): string {
  const url = new URL(name, assetsDir);
  try {
    return readFileSync(url, 'utf8');
  } catch (cause) {
    throw new Error(
      `flamegraph asset ${url.pathname} is missing: the package is incomplete (it must ship assets/flamegraph/)`,
      { cause },
    );
  }
}

/** The script inlined into every flamegraph: zoom, search, details and URL state. */
export const flamegraphScript = readAsset('flamegraph.js');

/** The style sheet inlined into every flamegraph. */
export const flamegraphStyle = readAsset('flamegraph.css');
