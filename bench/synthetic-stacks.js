// The synthetic profile the flamegraph and report benchmarks share: deterministic (seeded), so
// every run measures the same input.

// mulberry32: a tiny seeded PRNG, so every run benchmarks the same input.
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A synthetic program: 2,000 functions over app, node_modules and node: files, each calling a few
// others; stacks are random walks down that call graph (favouring each function's first callees, as
// real programs have hot paths), 8 to 64 frames deep, each stack distinct.
export function generateStacks(count, random) {
  const functions = [];
  for (let i = 0; i < 2000; i++) {
    const kind = random();
    const file =
      kind < 0.6
        ? `/work/app/src/module_${i % 97}.ts`
        : kind < 0.9
          ? `/work/app/node_modules/dep_${i % 31}/lib/index.js`
          : `node:internal/mod_${i % 13}`;
    functions.push({
      name: `${['handle', 'parse', 'render', 'compute', 'visit', 'emit', 'load'][i % 7]}_${i} (${file}:${1 + (i % 400)})`,
      callees: Array.from({ length: 2 + Math.floor(random() * 7) }, () => Math.floor(random() * 2000)),
    });
  }
  const seen = new Set();
  const stacks = [];
  while (stacks.length < count) {
    const depth = 8 + Math.floor(random() * 57);
    const frames = ['main (/work/app/src/main.ts:1)'];
    let current = Math.floor(random() * random() * 20);
    for (let d = 1; d < depth; d++) {
      const fn = functions[current];
      frames.push(fn.name);
      current = fn.callees[Math.floor(random() * random() * fn.callees.length)];
    }
    const line = frames.join(';');
    if (seen.has(line)) continue;
    seen.add(line);
    stacks.push([line, 1 + Math.floor(random() ** 3 * 100)]);
  }
  return stacks;
}
