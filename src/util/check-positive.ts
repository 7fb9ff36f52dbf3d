/**
 * The check of a numeric flag that must be positive (a duration, a timeout, an interval, a count),
 * with the message naming the flag as typed. Here, below every command, because planning targets
 * (plan/plan-targets.ts) checks the limits it reads, as each command checks its own flags.
 */
import { UserError } from './user-error.js';

/** Rejects a non-positive or non-numeric value of one of `keys`. */
export function checkPositive(flags: Record<string, unknown>, keys: string[]): void {
  for (const key of keys) {
    const value = flags[key];
    if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new UserError(
        `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} must be a positive number, got "${value}"`,
      );
    }
  }
}
