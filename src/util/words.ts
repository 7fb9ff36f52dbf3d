/** Small pieces of wording shared by every terminal summary and report. */

/** `1 run`, `3 runs`, `2 Node processes` (with `many`). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${noun(n, word, many)}`;
}

/** The word alone, for a count written otherwise: `${groupThousands(n)} ${noun(n, 'sample')}`. */
export function noun(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** `2026-11-26 18:40:12 UTC`: unambiguous and the same whatever the machine's time zone. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
