/** Public API of perfsuite: `defineConfig` for typed config files, and the config types. */
import type { UserConfig } from './config/schema.js';

export type { SuiteConfig, UserConfig, WorkloadConfig } from './config/schema.js';

/** Identity function that gives `profile.config.ts` type checking and editor completion. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
