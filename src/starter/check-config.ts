/**
 * The check `profile init` ends with: the config it wrote loads (through the same reader every
 * command uses, so `import 'perfsuite'` must resolve) and every workload's file and program exists.
 * Says what is wrong instead of leaving it to the next command.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { readConfigFile } from '../config/read-config.js';
import { readPackageJson } from './package-json.js';
import { isFile, programExists } from './project-files.js';

export interface ConfigCheck {
  /** `suite/workload` of every workload the config defines. */
  workloads: string[];
  /** What would keep a command from running, one line each; empty when all is well. */
  problems: string[];
}

export async function checkConfig(path: string): Promise<ConfigCheck> {
  let loaded: Awaited<ReturnType<typeof readConfigFile>>;
  try {
    loaded = await readConfigFile(path);
  } catch (error) {
    return { workloads: [], problems: [(error as Error).message] };
  }
  const scripts = readPackageJson(loaded.baseDir).scripts ?? {};
  const workloads: string[] = [];
  const problems: string[] = [];
  for (const [suite, s] of Object.entries(loaded.config.suites)) {
    for (const [name, w] of Object.entries(s.workloads)) {
      const id = `${suite}/${name}`;
      workloads.push(id);
      const cwd = resolve(loaded.baseDir, w.cwd ?? '.');
      if (w.script && !isFile(loaded.baseDir, w.script)) {
        problems.push(`${id}: its script ${w.script} does not exist`);
      }
      const [program, sub, script] = w.command ?? [];
      if (program === 'npm' && sub === 'run' && script && !(script in scripts)) {
        problems.push(`${id}: package.json has no script "${script}"`);
      } else if (program && !programExists(cwd, program)) {
        problems.push(`${id}: ${isAbsolute(program) ? relative(cwd, program) : program} is not installed`);
      }
    }
  }
  return { workloads, problems };
}
