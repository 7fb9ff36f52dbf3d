// The report page (issue 10). After `profile cpu all` on the demo: the time `profile report` takes to
// write reports/index.html, the page's size, Chromium's load of it and the time to open its largest
// flamegraph section; then a page holding the 100,000-stack profile of bench/flamegraph.js, and the
// time to open that section (target: under 2 s). Prints a Markdown table.
// Usage: node bench/report.js [rounds=3]   (after `npm run build`)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromFolded } from '../dist/model/folded.js';
import { toPprof } from '../dist/model/pprof.js';
import { launchChromium } from './chromium.js';
import { median } from './overhead.js';
import { generateStacks, prng } from './synthetic-stacks.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const profileBin = join(root, 'bin', 'profile.js');
const rounds = Number(process.argv[2] ?? 3);
const rows = [];
const ms = (n) => `${n.toFixed(0)} ms`;

function timeReport(outDir) {
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    execFileSync(process.execPath, [profileBin, 'report', '--out-dir', outDir], { encoding: 'utf8' });
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Opens the page `rounds` times: its load, and the opening of the section with the most data. */
async function timePage(browser, page) {
  const loads = [];
  const opens = [];
  for (let i = 0; i < rounds; i++) {
    const tab = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const errors = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    loads.push(await tab.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd));
    const opened = await tab.evaluate(async () => {
      const sections = [...document.querySelectorAll('details.flame')];
      const size = (d) => document.getElementById(`data-${d.id}`)?.textContent.length ?? 0;
      const biggest = sections.sort((a, b) => size(b) - size(a))[0];
      const started = performance.now();
      biggest.querySelector('summary').click();
      while (!biggest.querySelector('svg rect')) await new Promise((r) => requestAnimationFrame(r));
      return { ms: performance.now() - started, rects: biggest.querySelectorAll('svg rect').length };
    });
    opens.push(opened);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    await tab.close();
  }
  return { load: median(loads), open: median(opens.map((o) => o.ms)), rects: opens[0].rects };
}

const demo = mkdtempSync(join(tmpdir(), 'perfsuite-bench-report-'));
process.stderr.write('report bench: profile cpu all on the demo...\n');
execFileSync(process.execPath, [profileBin, 'cpu', 'all', '--out-dir', demo], { cwd: demo, stdio: 'ignore' });
const demoPage = join(demo, 'reports', 'index.html');
rows.push([
  '`profile report` after `profile cpu all` (17 workloads), CLI wall',
  `median of ${rounds}`,
  ms(timeReport(demo)),
]);
rows.push(['page size (demo)', '', `${(statSync(demoPage).size / 1e6).toFixed(2)} MB`]);

const big = mkdtempSync(join(tmpdir(), 'perfsuite-bench-report-big-'));
const stacks = generateStacks(100_000, prng(42));
const folded = `${stacks.map(([line, value]) => `${line} ${value}`).join('\n')}\n`;
mkdirSync(join(big, 'profiles', 'bench'), { recursive: true });
writeFileSync(join(big, 'profiles', 'bench', 'big.cpu.pb.gz'), toPprof(fromFolded(folded, 'bench.folded')));
rows.push([
  '`profile report` with the 100,000-stack profile, CLI wall',
  `median of ${rounds}`,
  ms(timeReport(big)),
]);
const bigPage = join(big, 'reports', 'index.html');
rows.push(['page size (100,000 stacks)', '', `${(statSync(bigPage).size / 1e6).toFixed(2)} MB`]);

if (existsSync('/usr/bin/chromium')) {
  const browser = await launchChromium();
  const demoTimes = await timePage(browser, demoPage);
  rows.push(['Chromium load (demo page)', 'navigation start to load end', ms(demoTimes.load)]);
  rows.push(['open the largest demo section', `until drawn; ${demoTimes.rects} frames`, ms(demoTimes.open)]);
  const bigTimes = await timePage(browser, bigPage);
  rows.push(['Chromium load (100,000-stack page)', 'navigation start to load end', ms(bigTimes.load)]);
  rows.push([
    'open the 100,000-stack section',
    `until drawn; ${bigTimes.rects} frames; target < 2000 ms`,
    ms(bigTimes.open),
  ]);
  await browser.close();
} else {
  rows.push(['Chromium', '/usr/bin/chromium not installed', 'skipped']);
}
rmSync(demo, { recursive: true, force: true });
rmSync(big, { recursive: true, force: true });

console.log(
  [
    `### Report page (bench/report.js, node ${process.version})`,
    '',
    '| measure | details | result |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n'),
);
