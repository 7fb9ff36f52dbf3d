/**
 * `profile cpu <suite|all>` and `profile cpu -- <command...>`: wires config, selection and the
 * runner together, prints the summary (or --json), and keeps a results file that is rewritten after
 * every workload so that a crash or Ctrl-C keeps what was already measured.
 */
import { basename, join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { selectWorkloads } from '../config/select.js';
import { CPU_JSON_VERSION, type CpuResult } from '../cpu/result.js';
import { type CpuTarget, profileWorkload } from '../cpu/profile-workload.js';
import { formatCpuResult, formatCpuTotals } from '../cpu/summary.js';
import { ENGINE_NAMES, type EngineName, engines } from '../engines/index.js';
import { launchSpecFor } from '../runner/launch.js';
import { UserError } from '../util/user-error.js';
import { writeFileAtomic } from '../util/write-atomic.js';

export interface CpuCommandOptions {
  config?: string;
  workload?: string[];
  engine: string;
  /** Milliseconds between samples. */
  interval: number;
  cpuTime?: boolean;
  duration?: number;
  timeout?: number;
  outDir?: string;
  json?: boolean;
  top: number;
}

/** setTimeout overflows past 2^31-1 ms; "no timeout" means a day. */
const NO_TIMEOUT_MS = 24 * 3600 * 1000;
const DEFAULT_TIMEOUT_S = 120;

function adHocName(command: string[]): string {
  const script = command.slice(1).find((a) => !a.startsWith('-')) ?? command[0] ?? 'command';
  return basename(script).replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '') || 'command';
}

function checkOptions(opts: CpuCommandOptions): EngineName {
  if (!(ENGINE_NAMES as readonly string[]).includes(opts.engine)) {
    throw new UserError(`unknown engine "${opts.engine}". Engines: ${ENGINE_NAMES.join(', ')}.`);
  }
  for (const key of ['interval', 'duration', 'timeout'] as const) {
    const value = opts[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new UserError(`--${key} must be a positive number, got "${value}"`);
    }
  }
  return opts.engine as EngineName;
}

async function planTargets(target: string | undefined, command: string[], opts: CpuCommandOptions) {
  const seconds = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
  if (command.length > 0) {
    if (target) throw new UserError(`give either a suite ("${target}") or a command after "--", not both`);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    const durationMs = seconds(opts.duration);
    const targets: CpuTarget[] = [
      {
        suite: 'adhoc',
        workload: adHocName(command),
        spec: { argv: command, cwd: process.cwd(), env },
        timeoutMs: seconds(opts.timeout) ?? NO_TIMEOUT_MS,
        ...(durationMs === undefined ? {} : { durationMs }),
      },
    ];
    return { targets, outDir: resolve(opts.outDir ?? '.'), note: undefined };
  }
  if (!target) throw new UserError('name a suite (or "all"), or give a command after "--": profile cpu all');
  const loaded = await loadConfig(opts.config ? { configPath: opts.config } : {});
  const selected = selectWorkloads(loaded.config, target, opts.workload ?? []);
  const targets: CpuTarget[] = selected.map(({ suite, name, workload }) => {
    const durationMs = seconds(opts.duration ?? workload.duration);
    return {
      suite,
      workload: name,
      spec: launchSpecFor(workload, loaded.baseDir),
      timeoutMs: seconds(opts.timeout ?? workload.timeout ?? DEFAULT_TIMEOUT_S) as number,
      ...(durationMs === undefined ? {} : { durationMs }),
    };
  });
  const outDir = resolve(opts.outDir ?? (loaded.config.outDir ? resolve(loaded.baseDir, loaded.config.outDir) : '.'));
  const note = loaded.isDemo
    ? `No profile.config.ts found here or above: running the built-in demo suites (${loaded.path}). Run "profile init" to write a config for this project.`
    : `config: ${loaded.path}`;
  return { targets, outDir, note };
}

/** Returns the exit code: 0 when every workload is ok, 1 otherwise, 130 on Ctrl-C. */
export async function cpuCommand(target: string | undefined, command: string[], opts: CpuCommandOptions): Promise<number> {
  const engineName = checkOptions(opts);
  const { targets, outDir, note } = await planTargets(target, command, opts);
  const log = (line: string) => (opts.json ? process.stderr : process.stdout).write(`${line}\n`);
  if (note) process.stderr.write(`${note}\n`);

  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.on('SIGINT', onSigint);
  const results: CpuResult[] = [];
  const resultsFile = join(outDir, 'profiles', 'cpu_results.json');
  try {
    for (const t of targets) {
      if (abort.signal.aborted) break;
      if (!opts.json) process.stderr.write(`profiling ${t.suite}/${t.workload} (${engineName})...\n`);
      const result = await profileWorkload(t, {
        engine: engines[engineName],
        intervalUs: Math.round(opts.interval * 1000),
        cpuTime: Boolean(opts.cpuTime),
        outDir,
        top: opts.top,
        signal: abort.signal,
      });
      results.push(result);
      await writeFileAtomic(resultsFile, `${JSON.stringify({ version: CPU_JSON_VERSION, results }, null, 2)}\n`);
      if (!opts.json) log(`${formatCpuResult(result, process.cwd())}\n`);
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ version: CPU_JSON_VERSION, command: 'cpu', results }, null, 2)}\n`);
  } else {
    log(formatCpuTotals(results));
  }
  if (abort.signal.aborted) return 130;
  return results.every((r) => r.state === 'ok') ? 0 : 1;
}
