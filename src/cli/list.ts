/** `profile list`: the suites and workloads a command would run, and what each one starts. */
import { relative } from 'node:path';
import { loadConfig } from '../config/load.js';
import { launchSpecFor } from '../runner/launch.js';

export async function listCommand(opts: { config?: string; json?: boolean }): Promise<void> {
  const loaded = await loadConfig(opts.config ? { configPath: opts.config } : {});
  const suites = Object.entries(loaded.config.suites).map(([suite, s]) => ({
    suite,
    description: s.description,
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
    lines.push('', `${s.suite}${s.description ? `  ${s.description}` : ''}`);
    for (const w of s.workloads) {
      const shown =
        w.kind === 'script'
          ? relative(process.cwd(), w.argv.at(w.argv.indexOf('--import') >= 0 ? 3 : 1) ?? '')
          : w.argv.join(' ');
      lines.push(`  ${w.name.padEnd(18)} ${w.description ?? ''}${w.description ? '  ' : ''}[${shown}]`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
