/**
 * `profile doctor --with-clinic`: clinic doctor on the same workload, after perfsuite's own run. Its
 * HTML is kept beside perfsuite's files, and its own verdict (the category its analysis reaches) and
 * recommendation go into the result, side by side with perfsuite's, never merged into it.
 *
 * clinic exits 0 without a report in some cases (FINDINGS.md: a program that ends before its data is
 * flushed), so the report is checked to exist and its absence is an error of this step. A server is
 * loaded through clinic's own `--autocannon` (the first path of its load, its connections and
 * duration), or its `--on-port` command.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { HTTP_LOAD_DEFAULTS } from '../plan/http-load-options.js';
import type { PlannedTarget } from '../plan/planned-target.js';
import type { LoadPlan } from '../plan/server-plan.js';
import { runProcess } from '../runner/run-process.js';
import type { Clinic } from './locate.js';

export interface ClinicDoctorResult {
  /** clinic's analysis: `event-loop`, `io`, `gc`, `none`, `unknown`, or `data` (too little data). */
  category?: string;
  /** What its analysis saw per figure (`delay`, `cpu`, `memory`, `handles`: `none` or an issue). */
  issues?: Record<string, unknown>;
  /** Its own summary of what to look at for that category (its recommendations' Markdown). */
  recommendation?: string;
  /** Its HTML report, copied beside perfsuite's files. */
  html?: string;
  /** What clinic printed. */
  log: string;
  /** Why there is no verdict: clinic failed, wrote no report, or its analysis could not read the data. */
  error?: string;
}

/** clinic's own load options for a server: `--autocannon [ -c n -d s path ]` or `--on-port command`. */
function loadArgs(load: LoadPlan | undefined): string[] {
  if (!load) return [];
  if (load.kind === 'command')
    return ['--on-port', load.argv.map((a) => a.replaceAll('{port}', '$PORT')).join(' ')];
  const o = load.options;
  const connections = String(o.connections ?? HTTP_LOAD_DEFAULTS.connections);
  const seconds = String(o.durationSeconds ?? HTTP_LOAD_DEFAULTS.durationSeconds);
  const path = o.paths?.[0] ?? HTTP_LOAD_DEFAULTS.paths[0];
  return [
    '--autocannon',
    '[',
    '-c',
    connections,
    '-d',
    seconds,
    ...(o.method ? ['-m', o.method] : []),
    path,
    ']',
  ];
}

/** The category and issues clinic's own analysis reaches on its data directory. */
async function analyse(
  clinic: Clinic,
  dataDir: string,
): Promise<Pick<ClinicDoctorResult, 'category' | 'issues' | 'recommendation'>> {
  const fromClinic = createRequire(join(clinic.packageDir, 'package.json'));
  const doctorDir = dirname(fromClinic.resolve('@clinic/doctor/package.json'));
  const fromDoctor = createRequire(join(doctorDir, 'package.json'));
  const Analysis = fromDoctor('./analysis/index.js');
  const SystemInfoDecoder = fromDoctor('./format/system-info-decoder.js');
  const TraceEventDecoder = fromDoctor('./format/trace-event-decoder.js');
  const ProcessStatDecoder = fromDoctor('./format/process-stat-decoder.js');
  const pumpify = fromDoctor('pumpify');
  const paths = fromDoctor('@clinic/clinic-common').getLoggingPaths('doctor')({ path: dataDir });
  // As clinic's own visualize() reads them (node_modules/@clinic/doctor/index.js).
  const systemInfo = pumpify.obj(createReadStream(paths['/systeminfo']), new SystemInfoDecoder());
  const traceEvent = pumpify.obj(createReadStream(paths['/traceevent']), new TraceEventDecoder(systemInfo));
  const processStat = pumpify.obj(createReadStream(paths['/processstat']), new ProcessStatDecoder());
  const result = await new Promise<{ issueCategory: string; issues: Record<string, unknown> }>(
    (done, fail) => {
      const analysis = new Analysis(systemInfo, traceEvent, processStat);
      analysis.once('data', done);
      analysis.once('error', fail);
    },
  );
  const summary = await readFile(
    join(doctorDir, 'recommendations', `${result.issueCategory}-summary.md`),
    'utf8',
  ).catch(() => undefined);
  return {
    category: result.issueCategory,
    issues: result.issues,
    ...(summary ? { recommendation: summary.replace(/<code[^>]*>|<\/code>/g, '`').trim() } : {}),
  };
}

export async function runClinicDoctor(
  clinic: Clinic,
  target: PlannedTarget,
  files: { html: string; log: string },
  signal?: AbortSignal,
): Promise<ClinicDoctorResult> {
  const dest = await mkdtemp(join(tmpdir(), 'perfsuite-clinic-'));
  try {
    const argv = [
      process.execPath,
      clinic.bin,
      'doctor',
      '--dest',
      dest,
      ...loadArgs(target.server?.load),
      '--',
      ...target.spec.argv,
    ];
    const outcome = await runProcess(
      { ...target.spec, argv, env: { ...target.spec.env, NO_INSIGHT: '1' } },
      {
        timeoutMs: target.timeoutMs,
        // clinic analyses and writes its HTML after the program ends: seconds.
        graceMs: 60_000,
        ...(target.durationMs === undefined ? {} : { durationMs: target.durationMs }),
        ...(signal ? { signal } : {}),
        logFile: files.log,
      },
    );
    const written = await readdir(dest);
    const html = written.find((name) => name.endsWith('.clinic-doctor.html'));
    const data = written.find((name) => name.endsWith('.clinic-doctor'));
    if (!html || !data) {
      const why =
        outcome.state === 'ok'
          ? 'it exited without writing its report'
          : `it ${outcome.reason ?? outcome.state}`;
      return {
        log: files.log,
        error: `clinic doctor wrote no report: ${why}; what it printed is in ${files.log}`,
      };
    }
    await copyFile(join(dest, html), files.html);
    try {
      return { html: files.html, log: files.log, ...(await analyse(clinic, join(dest, data))) };
    } catch (error) {
      return {
        html: files.html,
        log: files.log,
        error: `clinic's analysis could not read its data: ${(error as Error).message}`,
      };
    }
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
}
