// A fixed amount of CPU-bound work (about 3 s here) done in slices of about 1 ms with setImmediate
// between them: a busy, responsive event loop, the kind of program profile doctor watches.
// Usage: node sliced.js [slices=3000]
const slices = Number(process.argv[2] ?? 3000);
let x = 0;
let done = 0;
function slice() {
  for (let i = 0; i < 200_000; i++) x = (x * 31 + i) | 0;
  if (++done < slices) setImmediate(slice);
  else if (x === 0.5) console.log(x);
}
slice();
