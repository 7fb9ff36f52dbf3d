/** The engines by name; the CLI validates `--engine` against these keys. */
import { clinicFlameEngine } from './clinic-flame.js';
import { cpuProfEngine } from './cpu-prof.js';
import type { Engine, EngineName } from './engine.js';
import { pprofEngine } from './pprof.js';
import { zeroXEngine } from './zero-x.js';

export const engines: Record<EngineName, Engine> = {
  pprof: pprofEngine,
  'cpu-prof': cpuProfEngine,
  '0x': zeroXEngine,
  clinic: clinicFlameEngine,
};
export { ENGINE_NAMES, type Engine, type EngineName } from './engine.js';
