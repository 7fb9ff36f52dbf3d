// About 4 s of CPU-bound work on this machine (a tight numeric loop through a few functions),
// the reference workload for measuring the profilers' overhead.
function inner(i) {
  return Math.sqrt(i) * Math.sin(i);
}

function middle(from, to) {
  let x = 0;
  for (let i = from; i < to; i++) x += inner(i);
  return x;
}

function outer(rounds) {
  let x = 0;
  for (let r = 0; r < rounds; r++) x += middle(r * 1e6, (r + 1) * 1e6);
  return x;
}

const rounds = Number(process.argv[2] ?? 110);
const result = outer(rounds);
if (Number.isNaN(result)) console.log(result);
