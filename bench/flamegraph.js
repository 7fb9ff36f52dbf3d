// Benchmark of the SVG flamegraph renderer (issue 3). Run after `npm run build`:
//   node bench/flamegraph.js [--stacks 100000] [--runs 5] [--samples 1000000] [--keep DIR]
// Generates its inputs deterministically (seeded PRNG), then times: folded parse and SVG render of
// 100,000 distinct stacks up to 64 frames deep (median of several runs), the SVG's size, Chromium's
// load of it (load event and script ready), one zoom and one search in the page, and the pprof path
// for 1,000,000 samples (encode, decode, render). Prints a Markdown table; exits 0.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fromFolded } from '../dist/model/folded.js';
import { fromPprof, toPprof } from '../dist/model/pprof.js';
import { ProfileBuilder } from '../dist/model/profile.js';
import { renderFlamegraph } from '../dist/render/flamegraph/index.js';
import { launchChromium } from './chromium.js';
import { generateStacks, prng } from './synthetic-stacks.js';

const { values: args } = parseArgs({
  options: {
    stacks: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'string' },
  },
});
const stackCount = Number(args.stacks);
const sampleCount = Number(args.samples);
const runs = Number(args.runs);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

const ms = (n) => `${n.toFixed(0)} ms`;
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const rows = [];
const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'perfsuite-bench-fg-'));

// 1. Folded input of distinct stacks: parse and render.
const stacks = generateStacks(stackCount, prng(42));
const folded = `${stacks.map(([line, value]) => `${line} ${value}`).join('\n')}\n`;
rows.push([
  'input',
  `${stackCount.toLocaleString('en-US')} distinct folded stacks, 8-64 frames`,
  mb(folded.length),
]);
const parseTimes = [];
const renderTimes = [];
let profile;
let svg = '';
for (let i = 0; i < runs; i++) {
  const parsed = time(() => fromFolded(folded, 'bench.folded'));
  parseTimes.push(parsed.ms);
  profile = parsed.result;
  const rendered = time(() => renderFlamegraph(profile, { title: 'bench' }));
  renderTimes.push(rendered.ms);
  svg = rendered.result;
}
const svgPath = join(dir, 'bench-folded.svg');
writeFileSync(svgPath, svg);
const frameCount = (svg.match(/<g class="f">/g) ?? []).length;
rows.push(['parse folded (median)', `${runs} runs`, ms(median(parseTimes))]);
rows.push(['render SVG (median)', `${runs} runs; target <= 1500 ms`, ms(median(renderTimes))]);
rows.push(['parse + render (median)', '', ms(median(parseTimes.map((t, i) => t + renderTimes[i])))]);
rows.push([
  'SVG size',
  `${frameCount.toLocaleString('en-US')} frames drawn; target < 5 MB`,
  mb(statSync(svgPath).size),
]);

// 2. Chromium: load event, script ready, one zoom, one search.
if (existsSync('/usr/bin/chromium')) {
  const browser = await launchChromium();
  const loads = [];
  const readies = [];
  const zooms = [];
  const searches = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(svgPath).href, { waitUntil: 'load' });
    await page.waitForSelector('svg[data-ready="true"]', { state: 'attached' });
    const timing = await page.evaluate(() => ({
      load: performance.getEntriesByType('navigation')[0].loadEventEnd,
      ready: window.flamegraph.readyAt,
    }));
    loads.push(timing.load);
    readies.push(timing.ready);
    zooms.push(
      await page.evaluate(() => {
        const start = performance.now();
        window.flamegraph.zoom(0, 1);
        return performance.now() - start;
      }),
    );
    searches.push(
      await page.evaluate(() => {
        const start = performance.now();
        window.flamegraph.search('/render_/');
        return performance.now() - start;
      }),
    );
    await page.close();
  }
  await browser.close();
  rows.push([
    'Chromium load event (median of 3)',
    'navigation start to load end; target < 2000 ms',
    ms(median(loads)),
  ]);
  rows.push([
    'Chromium script ready (median of 3)',
    'navigation start to script init done',
    ms(median(readies)),
  ]);
  rows.push(['zoom into a frame (median of 3)', 'in the page', ms(median(zooms))]);
  rows.push(['search /render_/ (median of 3)', 'in the page', ms(median(searches))]);
} else {
  rows.push(['Chromium', '/usr/bin/chromium not found: skipped', '-']);
}

// 3. pprof path: 1,000,000 samples over the same stacks, encoded, decoded, rendered.
{
  const random = prng(7);
  const builder = new ProfileBuilder(
    [
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ],
    { title: 'bench pprof' },
  );
  const stackIds = profile.samples.map((s) => s.stack.map((f) => builder.frameId(profile.frames[f])));
  for (let i = 0; i < sampleCount; i++) {
    const stack = stackIds[Math.floor(random() ** 2 * stackIds.length)];
    builder.addSample(stack, [1, 1_000_000]);
  }
  const big = builder.build();
  const encoded = time(() => toPprof(big));
  const decodeTimes = [];
  const renderPprofTimes = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    const decoded = time(() => fromPprof(encoded.result, 'bench.pb.gz'));
    decodeTimes.push(decoded.ms);
    renderPprofTimes.push(time(() => renderFlamegraph(decoded.result)).ms);
  }
  rows.push(['pprof input', `${sampleCount.toLocaleString('en-US')} samples`, mb(encoded.result.length)]);
  rows.push(['pprof encode (toPprof)', 'once', ms(encoded.ms)]);
  rows.push(['pprof decode (fromPprof, median)', `${decodeTimes.length} runs`, ms(median(decodeTimes))]);
  rows.push([
    'render 1M-sample profile (median)',
    `${renderPprofTimes.length} runs`,
    ms(median(renderPprofTimes)),
  ]);
}

if (args.keep === undefined) rmSync(dir, { recursive: true, force: true });
console.log(`## Flamegraph renderer (node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n`);
console.log('| measure | details | result |');
console.log('| --- | --- | --- |');
for (const [name, details, value] of rows) console.log(`| ${name} | ${details} | ${value} |`);
