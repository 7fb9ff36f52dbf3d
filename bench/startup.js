// The tool's own start-up: `profile --version`, `profile list` (loads the TypeScript demo config)
// and `profile init`, each run fresh several times; medians. `profile init` must take well under 2 s.
// Usage: node bench/startup.js [runs=7]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/profile.js', import.meta.url));
const runs = Number(process.argv[2] ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const cases = [
  { name: 'node -e 0 (reference)', argv: ['-e', '0'] },
  { name: 'profile --version', argv: [bin, '--version'] },
  { name: 'profile list (demo config, TypeScript)', argv: [bin, 'list'] },
  { name: 'profile init', argv: [bin, 'init'] },
];
const lines = ['### start-up (medians of fresh processes)', '', '| command | median |', '| --- | ---: |'];
for (const c of cases) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'perfsuite-startup-'));
    const started = performance.now();
    execFileSync(process.execPath, c.argv, { cwd: dir, stdio: 'ignore' });
    times.push(performance.now() - started);
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push(`| ${c.name} | ${median(times).toFixed(0)} ms |`);
}
console.log(lines.join('\n'));
