/**
 * `profile list`: the suites, which commands run them, their workloads and what each one starts,
 * and the journeys, sweeps and benchmarks that `profile validate` measures.
 */
import { relative } from 'node:path';
import { readConfig } from '../config/read-config.js';
import { launchSpecFor } from '../runner/launch.js';

export async function listCommand(opts: { config?: string; json?: boolean }): Promise<void> {
  const loaded = await readConfig(opts.config ? { configPath: opts.config } : {});
  const suites = Object.entries(loaded.config.suites).map(([suite, s]) => ({
    suite,
    description: s.description,
    for: s.for ?? ['cpu', 'memory', 'validate'],
    journeys: Object.entries(s.journeys).map(([name, j]) => ({
      name,
      steps: j.steps.map((step) => step.name),
    })),
    sweeps: Object.entries(s.sweeps).map(([name, sw]) => ({ name, values: sw.values })),
    benchmarks: s.benchmarks?.file,
    workloads: Object.entries(s.workloads).map(([name, w]) => ({
      name,
      description: w.description,
      kind: w.script ? 'script' : 'command',
      argv: launchSpecFor(w, loaded.baseDir).argv,
    })),
  }));
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ config: loaded.path, demo: loaded.isDemo, suites }, null, 2)}\n`,
    );
    return;
  }
  const lines = [`config: ${loaded.path}${loaded.isDemo ? ' (built-in demo)' : ''}`];
  for (const s of suites) {
    const only = s.for.length < 3 ? ` (profile ${s.for.join(', ')} only)` : '';
    lines.push('', `${s.suite}${only}${s.description ? `  ${s.description}` : ''}`);
    for (const w of s.workloads) {
      const shown =
        w.kind === 'script'
          ? relative(process.cwd(), w.argv.at(w.argv.indexOf('--import') >= 0 ? 3 : 1) ?? '')
          : w.argv.join(' ');
      lines.push(`  ${w.name.padEnd(18)} ${w.description ?? ''}${w.description ? '  ' : ''}[${shown}]`);
    }
    for (const j of s.journeys) lines.push(`  ${j.name.padEnd(18)} journey: ${j.steps.join(' → ')}`);
    for (const sw of s.sweeps) lines.push(`  ${sw.name.padEnd(18)} sweep over n = ${sw.values.join(', ')}`);
    if (s.benchmarks) lines.push(`  ${'benchmarks'.padEnd(18)} [${s.benchmarks}]`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
