#!/usr/bin/env node
/**
 * Bundles the report page's browser code (assets/report/, with d3-flame-graph and the d3 modules
 * it needs) into dist/report/page.js (an IIFE, minified) and dist/report/page.css (d3-flame-graph's
 * style, then ours), which src/report/html.ts inlines into reports/index.html. Runs after tsc in
 * `npm run build`; the browser tests call buildReportAssets() too.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// d3-flame-graph's package exports only its scripts; its style sheet sits beside them in dist/.
function flameGraphCss() {
  const main = createRequire(import.meta.url).resolve('d3-flame-graph');
  return readFileSync(join(dirname(main), 'd3-flamegraph.css'), 'utf8');
}

// The page inlines both files: text that would end the element early (or open an HTML comment in
// a script) must not be in them. html.ts escapes `</script` anyway; this catches it at the source.
function checkInlinable(name, text, tag) {
  const bad = new RegExp(`</${tag}|<!--`, 'i').exec(text);
  if (bad) throw new Error(`${name} contains "${bad[0]}", which cannot be inlined in a <${tag}> element`);
}

/**
 * Builds both files into `outDir` (default dist/report/) and returns their paths and sizes in bytes.
 * @param {{ outDir?: string }} [options]
 */
export async function buildReportAssets(options = {}) {
  const outDir = options.outDir ?? join(root, 'dist', 'report');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'assets/report/main.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
    // d3-flame-graph's ES build imports its .css file for a side effect; the CSS is added below.
    loader: { '.css': 'empty' },
    logLevel: 'warning',
  });
  const js = result.outputFiles[0]?.text ?? '';
  const ours = readFileSync(join(root, 'assets/report/page.css'), 'utf8');
  const css = (await transform(`${flameGraphCss()}\n${ours}`, { loader: 'css', minify: true })).code;
  checkInlinable('page.js', js, 'script');
  checkInlinable('page.css', css, 'style');
  mkdirSync(outDir, { recursive: true });
  const files = { js: join(outDir, 'page.js'), css: join(outDir, 'page.css') };
  writeFileSync(files.js, js);
  writeFileSync(files.css, css);
  return { files, bytes: { js: Buffer.byteLength(js), css: Buffer.byteLength(css) } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files, bytes } = await buildReportAssets();
  console.log(`report page: ${files.js} ${bytes.js} bytes, ${files.css} ${bytes.css} bytes`);
}
