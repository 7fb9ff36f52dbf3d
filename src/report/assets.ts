/**
 * The report page's script and style, bundled at build time (scripts/build-report.mjs: the browser
 * code in assets/report/ with d3-flame-graph) into dist/report/, read here once and inlined by
 * html.ts. Read on first use, not on import: a command that never writes the page does not need them.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { inPackage } from '../util/package-root.js';

/** The inlined files' text. */
export interface ReportAssets {
  js: string;
  css: string;
}

// This module sits two levels below the package root both as src/report/assets.ts (tests, tsx) and
// as dist/report/assets.js (the built CLI), so one relative URL finds the bundle from both.
const bundleDir = pathToFileURL(`${inPackage('dist', 'report')}/`);

let cached: ReportAssets | undefined;

function readBundled(name: string): string {
  const url = new URL(name, bundleDir);
  try {
    return readFileSync(url, 'utf8');
  } catch (cause) {
    throw new Error(
      `the report page's ${name} is missing at ${url.pathname}: build it with \`npm run build\` (scripts/build-report.mjs)`,
      { cause },
    );
  }
}

/** The bundled page.js and page.css; throws, saying how to build them, when they are missing. */
export function readReportAssets(): ReportAssets {
  cached ??= { js: readBundled('page.js'), css: readBundled('page.css') };
  return cached;
}
