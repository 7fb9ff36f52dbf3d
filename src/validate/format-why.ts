/**
 * How an attributed cause reads, in the Markdown report, the terminal summary and the HTML page
 * alike: "`applyFilter` (app.js:19) +219 ms per run, 87% of the +252 ms".
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMeasure } from './format.js';
import type { FunctionCause } from './measurement.js';

/** A cause's file and line, relative to the project when inside it. */
export function causeLocation(cause: Pick<FunctionCause, 'file' | 'line'>, projectDir?: string): string {
  if (!cause.file) return '';
  let file = cause.file;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  if (projectDir && isAbsolute(file)) {
    const rel = relative(projectDir, file);
    if (!rel.startsWith('..') && !isAbsolute(rel)) file = rel;
  }
  return cause.line === undefined ? file : `${file}:${cause.line}`;
}

/** `+219 ms` */
export const signedMs = (ms: number): string => `${ms < 0 ? '-' : '+'}${formatMeasure(Math.abs(ms), 'ms')}`;

/** `87%`, or '' where the share is not known. */
export function shareText(share: number | null): string {
  return share === null ? '' : `${Math.round(share * 100)}%`;
}

/** One line: `applyFilter +219 ms per run (87%)`. */
export function causeShort(cause: FunctionCause): string {
  const share = shareText(cause.shareOfRegression);
  return `${cause.function} ${signedMs(cause.deltaMs)} per run${share ? ` (${share})` : ''}`;
}

/** The share of a regression the named functions account for, summed, or null when unknown. */
export function explainedShare(causes: readonly FunctionCause[]): number | null {
  if (causes.length === 0 || causes.some((c) => c.shareOfRegression === null)) return null;
  return causes.reduce((sum, c) => sum + (c.shareOfRegression as number), 0);
}
