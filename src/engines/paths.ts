/**
 * Files of this package that engines hand to workload processes. Resolved from the package root,
 * which is two levels above both src/engines (tests) and dist/engines (the built CLI).
 */
import { dirname, join } from 'node:path';
import { type AgentMode, ENV_AGENT_DIR, ENV_AGENT_MODE } from '../agent/protocol.cjs';
import { inPackage } from '../util/package-root.js';

const root = inPackage();

/** The preload agent, always the built one: workload processes run plain Node. */
export const agentPath = join(root, 'dist', 'agent', 'preload.cjs');
/** Where the agent's code lives: samples with a frame in it are the agent's work (agent-samples.ts). */
export const agentDir = dirname(agentPath);
/**
 * The agent's code in both forms a profile names it: built, and its sources, where a profiler mapped
 * the built files through their source maps (`../../src/agent/*.cts`).
 */
export const agentDirs: readonly string[] = [agentDir, join(root, 'src', 'agent')];

/** 0x's command line, wrapped so that it profiles the workload's main thread (see zero-x-main.cts). */
export const zeroXBin = join(root, 'dist', 'engines', 'zero-x-main.cjs');
/** clinic's command line, wrapped with the same fix for clinic flame's 0x (see clinic-main.cts). */
export const clinicMain = join(root, 'dist', 'engines', 'clinic-main.cjs');

/**
 * The environment that preloads the agent (NODE_OPTIONS, so every Node process of the workload
 * loads it) in `mode`, writing to `artifactDir`.
 */
export function withAgent(
  env: Record<string, string>,
  artifactDir: string,
  mode: AgentMode,
): Record<string, string> {
  return {
    ...withNodeOptions(env, '--require', agentPath),
    [ENV_AGENT_DIR]: artifactDir,
    [ENV_AGENT_MODE]: mode,
  };
}

/** Appends options to NODE_OPTIONS, quoting paths so spaces survive Node's own splitting. */
export function withNodeOptions(env: Record<string, string>, ...options: string[]): Record<string, string> {
  const quoted = options.map((o) => (/\s/.test(o) ? `"${o.replace(/(["\\])/g, '\\$1')}"` : o));
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, ...quoted].filter(Boolean).join(' ') };
}
