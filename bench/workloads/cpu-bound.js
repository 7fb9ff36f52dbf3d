// About 4 s of CPU-bound work on this machine (a tight numeric loop through a few functions),
// the reference workload for measuring the profilers' overhead. cpu-bound-threads.js runs the same
// loop split over worker threads.
import { fileURLToPath } from 'node:url';

function inner(i) {
  return Math.sqrt(i) * Math.sin(i);
}

function middle(from, to) {
  let x = 0;
  for (let i = from; i < to; i++) x += inner(i);
  return x;
}

/** Rounds `first` to `first + rounds - 1` of the loop, a million iterations each. */
export function outer(rounds, first = 0) {
  let x = 0;
  for (let r = first; r < first + rounds; r++) x += middle(r * 1e6, (r + 1) * 1e6);
  return x;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = outer(Number(process.argv[2] ?? 110));
  if (Number.isNaN(result)) console.log(result);
}
