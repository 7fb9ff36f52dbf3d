/**
 * What `profile init` proposes for a project, from its package.json: the `start`, bench and test
 * scripts and its entry points (main, bin) as workloads that can run as they are, a server among
 * them with a load; its other scripts as commented-out suggestions; and what it left out, with why.
 * Every file and program a proposal names exists (project-files.ts); nothing is run.
 */
import { binEntries, dependencyNames, type PackageJson, readPackageJson } from './package-json.js';
import { isFile, programExists, projectPath, typeScriptSource } from './project-files.js';
import { whyNotAWorkload } from './script-kind.js';
import { namedFiles, nodeFile, scriptCommands } from './script-line.js';
import { serverEvidence } from './server.js';

/** A workload as written into the config: the keys of the schema's workload that init uses. */
export interface ProposedWorkload {
  script?: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  timeout?: number;
  load?: { paths: string[]; connections: number; duration: number };
}

export interface Proposal {
  /** The workload's name (a safe file name). */
  name: string;
  /** Comment lines written above it: what it runs and why it was chosen. */
  notes: string[];
  workload: ProposedWorkload;
  /** Why it is a server, when it is one (it then has a load). */
  server?: string;
  /** False: written commented out, a suggestion. */
  active: boolean;
}

/** A script or entry point that is not a workload, and why. */
export interface Skipped {
  what: string;
  why: string;
}

export interface Proposals {
  /** The package's name, for the suite's description. */
  name: string | undefined;
  proposals: Proposal[];
  skipped: Skipped[];
}

/** The load a recognised server gets: short, so the first run is quick. */
export const STARTER_LOAD = { paths: ['/'], connections: 10, duration: 10 };

/** Scripts that run as they are in the first `profile cpu all`; other scripts are suggestions. */
const ACTIVE_SCRIPT = /^(start|test|bench|benchmarks?)([:_-].*)?$/;

/** What a script runs, as a workload, or why it cannot run. */
type Program = { workload: ProposedWorkload; file?: string; note?: string } | { missing: string };

function scriptProgram(dir: string, name: string, line: string): Program {
  const commands = scriptCommands(line);
  const single =
    commands?.length === 1 ? nodeFile(commands[0] as NonNullable<typeof commands>[0]) : undefined;
  if (single) {
    const env = Object.keys(single.env).length > 0 ? { env: single.env } : {};
    const args = single.args.length > 0 ? { args: single.args } : {};
    if (isFile(dir, single.file))
      return { workload: { script: projectPath(single.file), ...args, ...env }, file: single.file };
    const source = typeScriptSource(dir, single.file);
    if (source) {
      return {
        workload: { script: source, ...args, ...env },
        file: source,
        note: `${single.file} is not built: perfsuite runs ${source} through tsx`,
      };
    }
    return { missing: `${single.file} does not exist (not built yet?)` };
  }
  for (const command of commands ?? []) {
    const program = command.argv[0] as string;
    if (!programExists(dir, program)) return { missing: `${program} is not installed (npm install first?)` };
    const absent = namedFiles(command).find((file) => !isFile(dir, file));
    if (absent) return { missing: `${absent} does not exist (not built yet?)` };
  }
  const first = commands?.[0] ? nodeFile(commands[0]) : undefined;
  return { workload: { command: ['npm', 'run', name] }, ...(first ? { file: first.file } : {}) };
}

/** `bench:parse` → `bench_parse`: workload names become file names. */
function safeName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[^A-Za-z0-9_.-]/g, '_')
      .replace(/^[.-]/, '_')
      .replace(/\.\.+/g, '.') || 'workload';
  let unique = base;
  for (let n = 2; taken.has(unique); n++) unique = `${base}-${n}`;
  taken.add(unique);
  return unique;
}

/** A proposal made a server: the load, any free port, a timeout that covers start-up and load. */
function asServer(proposal: Proposal, evidence: string): Proposal {
  return {
    ...proposal,
    server: evidence,
    workload: {
      ...proposal.workload,
      env: { PORT: '0', ...proposal.workload.env },
      load: STARTER_LOAD,
      timeout: 60,
    },
  };
}

function scriptProposals(dir: string, pkg: PackageJson, taken: Set<string>, skipped: Skipped[]): Proposal[] {
  const scripts = pkg.scripts ?? {};
  const dependencies = dependencyNames(pkg);
  // `start` first: the server, when there is one, is the workload people look for.
  const names = Object.keys(scripts).sort((a, b) => Number(b === 'start') - Number(a === 'start'));
  const proposals: Proposal[] = [];
  for (const name of names) {
    const line = scripts[name];
    if (typeof line !== 'string') continue;
    const why = whyNotAWorkload(name, line, scripts);
    if (why) {
      skipped.push({ what: `script "${name}"`, why });
      continue;
    }
    const program = scriptProgram(dir, name, line);
    if ('missing' in program) {
      skipped.push({ what: `script "${name}"`, why: program.missing });
      continue;
    }
    const active = ACTIVE_SCRIPT.test(name);
    let proposal: Proposal = {
      name: safeName(name, taken),
      notes: [`"npm run ${name}" runs: ${line}`, ...(program.note ? [program.note] : [])],
      workload: { ...program.workload, timeout: 300 },
      active,
    };
    const evidence = active
      ? serverEvidence(dir, { file: program.file, isStart: name === 'start' }, dependencies)
      : undefined;
    if (evidence) proposal = asServer(proposal, evidence);
    proposals.push(proposal);
  }
  return proposals;
}

function entryProposals(
  dir: string,
  pkg: PackageJson,
  taken: Set<string>,
  skipped: Skipped[],
  run: Set<string>,
): Proposal[] {
  const entries: { name: string; file: string; what: string; args: string[] }[] = binEntries(pkg).map(
    ([command, file]) => ({ name: command, file, what: `bin "${command}"`, args: ['--help'] }),
  );
  const main = pkg.main ?? (isFile(dir, 'index.js') ? 'index.js' : undefined);
  if (main)
    entries.push({
      name: main.replace(/^.*\//, '').replace(/\.[^.]*$/, ''),
      file: main,
      what: `main ${main}`,
      args: [],
    });
  const dependencies = dependencyNames(pkg);
  const proposals: Proposal[] = [];
  for (const entry of entries) {
    const file = projectPath(entry.file);
    const source = isFile(dir, file) ? undefined : typeScriptSource(dir, file);
    const script = source ?? file;
    if (run.has(script)) continue;
    if (!source && !isFile(dir, file)) {
      skipped.push({ what: entry.what, why: `${file} does not exist (not built yet?)` });
      continue;
    }
    run.add(script);
    const notes =
      entry.args.length > 0
        ? [`The command ${entry.name}, run with --help: give it the arguments of a real task.`]
        : [`The main file, run once: give it the arguments of a real task, or name a script that does one.`];
    if (source) notes.push(`${file} is not built: perfsuite runs ${source} through tsx`);
    let proposal: Proposal = {
      name: safeName(entry.name, taken),
      notes,
      workload: { script, ...(entry.args.length > 0 ? { args: entry.args } : {}), timeout: 60 },
      active: true,
    };
    const evidence = serverEvidence(dir, { file: script, isStart: false }, dependencies);
    if (evidence) proposal = asServer({ ...proposal, notes: [`The main file, ${script}.`] }, evidence);
    proposals.push(proposal);
  }
  return proposals;
}

/** Reads the project in `dir` and proposes its workloads. */
export function proposeWorkloads(dir: string): Proposals {
  const pkg = readPackageJson(dir);
  const taken = new Set<string>();
  const skipped: Skipped[] = [];
  const scripts = scriptProposals(dir, pkg, taken, skipped);
  const run = new Set(scripts.flatMap((p) => (p.active && p.workload.script ? [p.workload.script] : [])));
  const entries = entryProposals(dir, pkg, taken, skipped, run);
  // A server started by `start` and again as the main file would be profiled twice.
  const servers = scripts.some((p) => p.active && p.server);
  return {
    name: pkg.name,
    proposals: [...scripts, ...entries.filter((p) => !(servers && p.server))],
    skipped,
  };
}
