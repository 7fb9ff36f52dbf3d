/**
 * `profile report`: rebuilds reports/index.html from what is on disk in the output directory (and
 * from `--history` files of other machines or CI shards instead of its own history), and with
 * `--open` opens it in the default browser where there is one.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { outDirOf } from '../plan/plan-targets.js';
import { writeReportPage } from '../report/write-page.js';
import { pageLine } from './after-run.js';

export interface ReportCommandOptions {
  outDir?: string;
  config?: string;
  history?: string[];
  open?: boolean;
}

/** The platform's "open this file" command; undefined where there is none we know. */
function opener(): string | undefined {
  if (process.platform === 'darwin') return 'open';
  if (process.platform === 'win32') return 'explorer';
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? 'xdg-open' : undefined;
}

export async function reportCommand(opts: ReportCommandOptions): Promise<number> {
  let outDir = resolve(opts.outDir ?? '.');
  if (!opts.outDir && opts.config) {
    // Where the config sends its outputs, as the other commands do.
    const { readConfig } = await import('../config/read-config.js');
    outDir = outDirOf(await readConfig({ configPath: opts.config }), {});
  }
  const page = await writeReportPage(
    outDir,
    opts.history?.map((f) => resolve(f)),
  );
  const unreadable = page.unreadable > 0 ? `; ${page.unreadable} unreadable files listed in it` : '';
  process.stdout.write(
    `${pageLine(page.path)} (${(page.bytes / 1e6).toFixed(2)} MB in ${Math.round(page.ms)} ms${unreadable})\n`,
  );
  if (opts.open) {
    const program = opener();
    if (!program) {
      process.stderr.write('no browser to open it with here (no display): open the file above in one\n');
      return 0;
    }
    spawn(program, [page.path], { detached: true, stdio: 'ignore' })
      .on('error', (error) => process.stderr.write(`could not open it (${program}): ${error.message}\n`))
      .unref();
  }
  return 0;
}
