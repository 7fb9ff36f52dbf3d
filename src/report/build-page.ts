/**
 * Reads what the commands left in an output directory and builds the report page's data: every CPU
 * profile on disk (the latest of each workload, whichever run wrote it), every heap profile, the
 * last memory and doctor runs' results, the newest validation report and the run history. What cannot be
 * read is listed with the reason, and the rest of the page is built anyway.
 */
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { CpuResult } from '../cpu/result.js';
import type { FunctionAt } from '../doctor/program-frame.js';
import type { DoctorResult } from '../doctor/result.js';
import { verdictLine } from '../doctor/terminal.js';
import type { MemoryResult } from '../memory/result.js';
import { fromPprof } from '../model/pprof.js';
import { type Profile, sampleCount } from '../model/profile.js';
import { type FunctionStat, topFunctions } from '../model/top.js';
import { renderSweepChart } from '../render/sweep-chart.js';
import { plural } from '../util/words.js';
import type { ValidateResult } from '../validate/measurement.js';
import { formatMeasure, formatPct } from '../validate/reports/format.js';
import { isGroupingFrameName, toFlameData } from './flame-data.js';
import type { DoctorEntry, FlameData, FlameSection, MemoryEntry, PageData, PageTopRow } from './page-data.js';
import { whyEntry } from './why-entry.js';

export interface BuiltPage {
  data: PageData;
  /** FlameData by section id. */
  flames: Map<string, FlameData>;
}

type Unreadable = PageData['unreadable'];

async function readJson<T>(path: string, outDir: string, unreadable: Unreadable): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined; // not written by any run yet: nothing to show, nothing wrong
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    unreadable.push({ file: relative(outDir, path), reason: `not valid JSON (${(error as Error).message})` });
    return undefined;
  }
}

async function readProfile(
  path: string,
  outDir: string,
  unreadable: Unreadable,
): Promise<Profile | undefined> {
  try {
    const profile = fromPprof(await readFile(path), path);
    if (profile) return profile;
    unreadable.push({ file: relative(outDir, path), reason: 'not a pprof profile' });
  } catch (error) {
    const message = (error as Error).message.replace(`${path}: `, '');
    unreadable.push({ file: relative(outDir, path), reason: message });
  }
  return undefined;
}

/** `<dir>/<suite>/<workload><suffix>` files: suite and workload names, sorted. */
async function workloadFiles(dir: string, suffix: string): Promise<{ suite: string; workload: string }[]> {
  const found: { suite: string; workload: string }[] = [];
  for (const suite of (await readdir(dir, { withFileTypes: true }).catch(() => [])).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    if (!suite.isDirectory()) continue;
    for (const name of (await readdir(join(dir, suite.name))).sort()) {
      if (name.endsWith(suffix)) found.push({ suite: suite.name, workload: name.slice(0, -suffix.length) });
    }
  }
  return found;
}

function shownFile(file: string | undefined): string {
  if (!file) return '';
  return isAbsolute(file) && file.startsWith(process.cwd()) ? relative(process.cwd(), file) : file;
}

function topRows(stats: FunctionStat[]): PageTopRow[] {
  return stats.map((s) => ({
    name: s.name,
    location: s.file
      ? `${shownFile(s.file)}${s.line ? `:${s.line}${s.column ? `:${s.column}` : ''}` : ''}`
      : '',
    selfShare: s.selfShare,
    totalShare: s.totalShare,
    self: s.self,
    total: s.total,
  }));
}

/** Process and thread frames group functions: not functions of the top tables. */
const isGrouping = (frame: { name: string; file?: string }) => !frame.file && isGroupingFrameName(frame.name);

/** Links from reports/ to the files that exist. */
async function existingLinks(outDir: string, links: { label: string; path: string }[]) {
  const kept: { label: string; href: string }[] = [];
  for (const link of links) {
    const ok = await readFile(join(outDir, link.path)).then(
      () => true,
      () => false,
    );
    if (ok) kept.push({ label: link.label, href: `../${link.path}` });
  }
  return kept;
}

function flameSection(
  id: string,
  at: { suite: string; workload: string },
  profile: Profile,
  subtitle: string,
  measure: string,
): { section: Omit<FlameSection, 'links'>; flame: FlameData } {
  const flame = toFlameData(profile, { measure });
  const top = (sortBy: 'self' | 'total') =>
    topRows(topFunctions(profile, { limit: 10, sortBy, exclude: isGrouping }));
  return {
    section: {
      id,
      ...at,
      subtitle,
      topSelf: top('self'),
      topTotal: top('total'),
      bytes: JSON.stringify(flame).length,
    },
    flame,
  };
}

function cpuSubtitle(result: CpuResult | undefined, profile: Profile): string {
  const samples = sampleCount(profile) ?? profile.samples.length;
  if (!result) return plural(samples, 'sample');
  const threads = result.threads ? `, ${plural(result.threads, 'thread')}` : '';
  return `${result.engine} engine; ${plural(samples, 'sample')}, ${plural(result.processes, 'process', 'processes')}${threads}; ${(result.durationMs / 1000).toFixed(2)} s`;
}

/** The headline growth of a memory result: its first growing metric's rate, or ''. */
function growthOf(result: MemoryResult): string {
  const growing = result.metrics.find(
    (m) => m.verdict.verdict === 'linear' || m.verdict.verdict === 'exponential',
  );
  if (!growing) return '';
  const v = growing.verdict;
  const rate = `${v.slopeBytesPerSec >= 0 ? '+' : ''}${(v.slopeBytesPerSec / 1e6).toFixed(2)} MB/s`;
  return v.doublingTimeSec === undefined
    ? `${rate} (${growing.label})`
    : `doubles every ${v.doublingTimeSec.toFixed(1)} s (${growing.label})`;
}

const locationOf = (fn: FunctionAt): string =>
  fn.file ? `${shownFile(fn.file)}${fn.line ? `:${fn.line}` : ''}` : '';

/** `profile doctor`'s last results (doctor/doctor_results.json), with their charts. */
async function doctorEntries(outDir: string, unreadable: Unreadable): Promise<DoctorEntry[]> {
  const file = join(outDir, 'doctor', 'doctor_results.json');
  const doc = await readJson<{ results?: DoctorResult[] }>(file, outDir, unreadable);
  const entries: DoctorEntry[] = [];
  for (const r of doc?.results ?? []) {
    const chartSvg = await readFile(join(outDir, 'doctor', r.suite, `${r.workload}.chart.svg`), 'utf8').catch(
      () => undefined,
    );
    entries.push({
      suite: r.suite,
      workload: r.workload,
      state: r.state,
      verdict: verdictLine(r),
      findings: r.diagnosis.findings.map((f) => ({
        kind: f.kind,
        allowed: r.diagnosis.allowed.includes(f.kind),
        evidence: f.evidence,
        functions: f.functions
          .slice(0, 5)
          .map((fn) => ({ name: fn.function, location: locationOf(fn), ms: fn.ms })),
        allocations: (f.allocations ?? []).slice(0, 5).map((fn) => ({
          name: fn.function,
          location: locationOf(fn),
          bytes: fn.bytes,
          share: fn.share,
        })),
      })),
      delayP99: r.eventLoopDelayMs?.p99 ?? null,
      delayMax: r.eventLoopDelayMs?.max ?? null,
      utilization: r.utilization,
      cpu: r.cpu,
      gcShare: r.gcShare,
      budgets: r.budgets.map((b) => ({ budget: b.budget, measured: b.measured, status: b.status })),
      ...(chartSvg ? { chartSvg } : {}),
      ...(r.clinic
        ? {
            clinic: {
              ...(r.clinic.category ? { category: r.clinic.category } : {}),
              ...(r.clinic.error ? { error: r.clinic.error } : {}),
              ...(r.clinic.html ? { href: relative(join(outDir, 'reports'), r.clinic.html) } : {}),
            },
          }
        : {}),
    });
  }
  return entries;
}

async function memoryEntries(outDir: string, heapIds: Map<string, string>, unreadable: Unreadable) {
  const file = join(outDir, 'memory_profiles', 'memory_results.json');
  const doc = await readJson<{ results?: MemoryResult[] }>(file, outDir, unreadable);
  const entries: MemoryEntry[] = [];
  for (const r of doc?.results ?? []) {
    const chart = join(outDir, 'memory_profiles', r.suite, `${r.workload}.chart.svg`);
    const chartSvg = await readFile(chart, 'utf8').catch(() => undefined);
    const heap = heapIds.get(`${r.suite}/${r.workload}`);
    entries.push({
      suite: r.suite,
      workload: r.workload,
      state: r.state,
      verdict: r.verdict,
      leak: r.leak,
      peakRss: r.peakRss,
      growth: growthOf(r),
      budgets: r.budgets.map((b) => ({ budget: b.budget, measured: b.measured, status: b.status })),
      ...(chartSvg ? { chartSvg } : {}),
      growingSites: r.topGrowingSites.slice(0, 5).map((s) => ({
        name: s.name,
        location: s.file ? `${shownFile(s.file)}${s.line ? `:${s.line}` : ''}` : '',
        growthBytes: s.growthBytes,
      })),
      ...(heap ? { heap } : {}),
    });
  }
  return entries;
}

/** The newest `performance_report_<stamp>.json` (the stamp sorts as time). */
async function validation(outDir: string, unreadable: Unreadable): Promise<PageData['validation']> {
  const reports = join(outDir, 'reports');
  const names = (await readdir(reports).catch(() => [] as string[]))
    .filter((n) => /^performance_report_\d{8}_\d{6}\.json$/.test(n))
    .sort();
  const newest = names.at(-1);
  if (!newest) return undefined;
  const result = await readJson<ValidateResult>(join(reports, newest), outDir, unreadable);
  if (!result?.measurements) {
    if (result) unreadable.push({ file: join('reports', newest), reason: 'not a validation report' });
    return undefined;
  }
  const byId = new Map(result.measurements.map((m) => [m.id, m]));
  return {
    report: newest.replace(/\.json$/, '.md'),
    startedAt: result.startedAt,
    targets: result.measurements.flatMap((m) =>
      m.targets.map((t) => ({
        id: m.id,
        component: t.component,
        limit: `${t.stat} ${t.bound === 'min' ? '>=' : '<='} ${formatMeasure(t.limit, m.unit)}`,
        measured: formatMeasure(t.measured, m.unit),
        verdict: t.verdict,
      })),
    ),
    comparisons: (result.baseline?.comparisons ?? []).map((c) => ({
      id: c.stat ? `${c.id} ${c.stat}` : c.id,
      change: formatPct(c.comparison.changePct),
      verdict: c.comparison.verdict,
      ...(c.attribution || c.why ? { why: whyEntry(c, join(outDir, 'reports'), result.config) } : {}),
    })),
    sweeps: result.sweeps.map((sweep) => {
      const points = sweep.points.flatMap((p) => {
        const median = byId.get(p.measurementId)?.summary?.median;
        return median === undefined ? [] : [{ size: p.size, ms: median }];
      });
      const fit = sweep.fit
        ? { exponent: sweep.fit.exponent, coefficient: sweep.fit.coefficient, label: sweep.fit.label }
        : undefined;
      return {
        name: `${sweep.suite}/${sweep.name}`,
        points: points.map((p) => ({ size: p.size, seconds: p.ms / 1000 })),
        ...(sweep.fit ? { exponent: sweep.fit.exponent } : {}),
        ...(sweep.fit?.ci95 ? { interval: [sweep.fit.ci95[0], sweep.fit.ci95[1]] as [number, number] } : {}),
        chartSvg: renderSweepChart({
          title: `${sweep.suite}/${sweep.name}`,
          points,
          ...(fit ? { fit } : {}),
        }),
      };
    }),
  };
}

/** Everything the page shows, from what is on disk under `outDir`. */
export async function buildPage(outDir: string, history: PageData['history']): Promise<BuiltPage> {
  const unreadable: Unreadable = [];
  const flames = new Map<string, FlameData>();
  const cpuResults = await readJson<{ results?: CpuResult[] }>(
    join(outDir, 'profiles', 'cpu_results.json'),
    outDir,
    unreadable,
  );
  const resultOf = (suite: string, workload: string) =>
    cpuResults?.results?.find((r) => r.suite === suite && r.workload === workload);

  const cpu: FlameSection[] = [];
  for (const at of await workloadFiles(join(outDir, 'profiles'), '.cpu.pb.gz')) {
    const base = `profiles/${at.suite}/${at.workload}`;
    const profile = await readProfile(join(outDir, `${base}.cpu.pb.gz`), outDir, unreadable);
    if (!profile) continue;
    const result = resultOf(at.suite, at.workload);
    const id = `cpu-${cpu.length}`;
    const { section, flame } = flameSection(
      id,
      at,
      profile,
      cpuSubtitle(result, profile),
      result?.measures ?? 'samples',
    );
    flames.set(id, flame);
    const links = await existingLinks(outDir, [
      { label: 'SVG', path: `flamegraphs/${at.suite}/${at.workload}.svg` },
      { label: 'pprof', path: `${base}.cpu.pb.gz` },
      { label: 'folded', path: `${base}.folded` },
    ]);
    cpu.push({ ...section, ...(result ? { state: result.state } : {}), links });
  }

  const heap: FlameSection[] = [];
  const heapIds = new Map<string, string>();
  for (const at of await workloadFiles(join(outDir, 'memory_profiles'), '.heap.pb.gz')) {
    const path = `memory_profiles/${at.suite}/${at.workload}.heap.pb.gz`;
    const profile = await readProfile(join(outDir, path), outDir, unreadable);
    if (!profile) continue;
    const id = `heap-${heap.length}`;
    const { section, flame } = flameSection(
      id,
      at,
      profile,
      'in-use heap at the end of the run',
      'in-use bytes',
    );
    flames.set(id, flame);
    heapIds.set(`${at.suite}/${at.workload}`, id);
    const links = await existingLinks(outDir, [
      { label: 'SVG', path: `memory_profiles/${at.suite}/${at.workload}.heap.svg` },
      { label: 'pprof', path },
    ]);
    heap.push({ ...section, links });
  }

  const validated = await validation(outDir, unreadable);
  const data: PageData = {
    version: 1,
    generatedAt: new Date().toISOString(),
    outDir,
    cpu,
    heap,
    memory: await memoryEntries(outDir, heapIds, unreadable),
    doctor: await doctorEntries(outDir, unreadable),
    ...(validated ? { validation: validated } : {}),
    history,
    unreadable,
  };
  return { data, flames };
}
