/** `demo dev [dir]`: watches tests and templates, re-renders on change, until SIGINT/SIGTERM. */

import { parseArgs } from 'node:util';
import { type DevFeedback, startDevWatcher } from '../lib/dev.js';
import { loadProject } from '../lib/project.js';
import { display, ms, parseCommandArgs } from './shared.js';

/** One line per re-rendered test. */
export function formatFeedback(f: DevFeedback): string {
  const total = ms(performance.now() - f.detectedAt);
  if (!f.ok) return `x ${display(f.test)}: ${f.error?.describe() ?? 'failed'} (${total} ms)`;
  const t = f.timings;
  const stages = t ? ` (parse ${ms(t.parseMs)}, render ${ms(t.renderMs)}, write ${ms(t.writeMs)})` : '';
  const via = f.trigger === f.test ? '' : ` [${display(f.trigger)} changed]`;
  return `ok ${display(f.test)} -> ${display(f.outputPath ?? '')} in ${total} ms${stages}${via}`;
}

/** The command: resolves with 0 once a signal has closed the watcher. */
export async function devCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs({ name: 'dev', usage: 'dev [dir]', min: 0, max: 1 }, (c) =>
    parseArgs({ ...c, args, options: {} }),
  );
  const project = loadProject(positionals[0] ?? '.');
  const watcher = startDevWatcher(project, (feedback) => console.log(formatFeedback(feedback)));
  await watcher.ready;
  console.log(`watching ${display(project.testsDir)} and ${display(project.templatesDir)} (Ctrl-C to stop)`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await watcher.close();
  console.log(`stopped (${signal})`);
  return 0;
}
