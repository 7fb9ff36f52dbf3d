/**
 * The configuration schema: what a `profile.config.{ts,mjs,js,json}` may hold. Validated with zod so
 * that an error names the key path and what was expected; the inferred types are the public API.
 */
import { z } from 'zod';

/** Names end up in file paths (`profiles/<suite>/<workload>.svg`): keep them to a safe alphabet. */
export const safeName = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/,
    'must be letters, digits, "_", "-" or "." (no path separators, no leading "." and no "..")',
  )
  .refine((s) => !s.includes('..'), 'must not contain ".."');

const seconds = z.number().positive('must be a positive number of seconds');

export const workloadSchema = z
  .object({
    description: z.string().optional(),
    /** A JS or TS module run in a child Node process (TS needs no build step). Relative to the config file. */
    script: z.string().min(1).optional(),
    /** An argv array run directly, never through a shell: `['node', 'server.js']`. */
    command: z.array(z.string()).min(1, 'must name at least the program').optional(),
    /** Extra arguments for the script or command. */
    args: z.array(z.string()).default([]),
    /** Environment variables added to the inherited environment. */
    env: z.record(z.string(), z.string()).default({}),
    /** Working directory, relative to the config file. @default the config file's directory */
    cwd: z.string().optional(),
    /** Stop the workload gracefully (SIGINT, then SIGTERM) after this many seconds: servers, watchers. */
    duration: seconds.optional(),
    /** Kill the workload's whole process tree after this many seconds. @default 120 */
    timeout: seconds.optional(),
    /** Memory budgets checked by `profile memory` (exit code 1 when one is not met). */
    memory: z
      .object({
        /** Name of the component in the budgets table. @default "suite/workload" */
        component: z.string().optional(),
        /** Peak RSS of the workload's process tree must stay at or under this many MB (10^6 bytes). */
        peakRssMb: z.number().positive('must be a positive number of MB').optional(),
        /** `stable`: any linear or exponential growth fails the run; `growth`: growth is expected (a demo leak). */
        expect: z.enum(['stable', 'growth']).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((w) => (w.script === undefined) !== (w.command === undefined), {
    message: 'a workload needs exactly one of "script" (a JS/TS file) or "command" (an argv array)',
  });

/** The commands whose `all` includes a suite. */
export const COMMANDS = ['cpu', 'memory', 'validate'] as const;
export type CommandName = (typeof COMMANDS)[number];

export const suiteSchema = z
  .object({
    description: z.string().optional(),
    /**
     * Which commands run this suite as part of `all` (naming the suite always runs it): memory
     * scenarios that need 20 s of sampling need not slow down `profile cpu all`. @default every command
     */
    for: z.array(z.enum(COMMANDS)).min(1).optional(),
    workloads: z.record(safeName, workloadSchema).refine((w) => Object.keys(w).length > 0, {
      message: 'a suite needs at least one workload',
    }),
  })
  .strict();

export const configSchema = z
  .object({
    /** Where profiles/, flamegraphs/, memory_profiles/ and reports/ go, relative to the config file. */
    outDir: z.string().optional(),
    suites: z
      .record(safeName, suiteSchema)
      .refine((s) => !('all' in s), { message: '"all" is reserved: it means every suite' }),
  })
  .strict();

export type WorkloadConfig = z.input<typeof workloadSchema>;
export type SuiteConfig = z.input<typeof suiteSchema>;
/** What a user writes. */
export type UserConfig = z.input<typeof configSchema>;
/** What the program uses after validation and defaults. */
export type Config = z.output<typeof configSchema>;
export type Workload = z.output<typeof workloadSchema>;
