// Blocks the event loop for a known time, every 250 ms, for 3 s: what profile doctor should read.
// Usage: node blocks.js <blockMs>
const blockMs = Number(process.argv[2] ?? 20);
function block() {
  const end = performance.now() + blockMs;
  while (performance.now() < end);
}
const timer = setInterval(block, 250);
setTimeout(() => clearInterval(timer), 3000);
