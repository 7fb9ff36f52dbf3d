/**
 * Benjamini–Hochberg adjusted p-values ("Controlling the false discovery rate", J. R. Stat. Soc. B
 * 57(1), 1995), as R's `p.adjust(p, method = "BH")` computes them: sorted ascending, each p times
 * n / rank, then the running minimum from the largest rank down, capped at 1.
 *
 * Why: attribution tests every function of a profile at once (hundreds of tests); at a plain 0.05
 * one in twenty unchanged functions would be named a cause. Keeping the adjusted p under 0.05 keeps
 * the expected share of false causes among those named under 5%, and under the global null (nothing
 * changed) the chance of naming any at all under 5%.
 */
import { assertFiniteSample } from './samples.js';

/** Adjusted p-values in the order given; an empty input gives an empty output. */
export function adjustBenjaminiHochberg(pValues: readonly number[]): number[] {
  if (pValues.length === 0) return [];
  assertFiniteSample(pValues, 'p-values');
  const n = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] as number) - (pValues[b] as number));
  const adjusted = new Array<number>(n);
  let running = 1;
  for (let rank = n; rank >= 1; rank--) {
    const index = order[rank - 1] as number;
    running = Math.min(running, ((pValues[index] as number) * n) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
