/**
 * The command table: every command of `profile`, in the order `profile --help` lists them. Each
 * entry registers its command (commands/<name>.ts); its implementation (../<name>.ts, with zod, the
 * profilers, tinybench...) is imported only when it runs, so `profile --version` or `profile init`
 * load none of the others.
 */
import { registerCpu } from './cpu.js';
import { registerDiff } from './diff.js';
import { registerDoctor } from './doctor.js';
import { registerFlamegraph } from './flamegraph.js';
import { registerInit } from './init.js';
import { registerList } from './list.js';
import { registerMemory } from './memory.js';
import type { RegisterCommand } from './registration.js';
import { registerReport } from './report.js';
import { registerValidate } from './validate.js';

export const COMMANDS: readonly RegisterCommand[] = [
  registerCpu,
  registerMemory,
  registerValidate,
  registerDoctor,
  registerFlamegraph,
  registerDiff,
  registerReport,
  registerList,
  registerInit,
];
