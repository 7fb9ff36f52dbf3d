// A fixed amount of allocation (6,000,000 short-lived objects) in event-loop turns: what doctor's
// allocation sampler costs most on. Usage: node allocating.js [turns=300]
const turns = Number(process.argv[2] ?? 300);
let done = 0;
let kept = [];
function turn() {
  for (let i = 0; i < 20_000; i++) {
    kept.push({ i, s: `v${i}` });
    if (kept.length > 50_000) kept = [];
  }
  if (++done < turns) setImmediate(turn);
}
turn();
