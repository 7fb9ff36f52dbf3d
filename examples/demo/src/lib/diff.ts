/**
 * A line diff (Myers' O(ND) algorithm) and its unified-diff text.
 *
 * Hand-written because Node has no text-diff API (node:util only diffs for assert messages, and
 * not as a public function on Node 20) and the project may not add the `diff` package; Myers is
 * about 40 lines and gives the same minimal edit scripts as git's default algorithm.
 * Reference: E. W. Myers, "An O(ND) Difference Algorithm and Its Variations", Algorithmica 1986.
 */

/** One line of an edit script: kept (' '), removed from a ('-') or added from b ('+'). */
export interface Edit {
  kind: ' ' | '-' | '+';
  line: string;
}

/** The shortest edit script turning lines `a` into lines `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = false;
  for (let d = 0; d <= max && !done; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  return backtrack(trace, a, b, offset);
}

/** Walks the saved frontier of each round backwards from (n, m) to recover the edits. */
function backtrack(trace: Int32Array[], a: readonly string[], b: readonly string[], offset: number): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ kind: ' ', line: a[x] as string });
    }
    if (d > 0) {
      if (down) edits.push({ kind: '+', line: b[prevY] as string });
      else edits.push({ kind: '-', line: a[prevX] as string });
    }
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

/** Splits text into lines, ignoring the newline that ends the last one. */
export function toLines(text: string): string[] {
  if (text === '') return [];
  return text.replace(/\r?\n$/, '').split(/\r?\n/);
}

/**
 * Unified diff text (`--- a`, `+++ b`, `@@ -1,3 +1,4 @@` hunks with `context` lines around each
 * change), or '' when the texts are equal.
 */
export function unifiedDiff(
  aText: string,
  bText: string,
  labels: { a: string; b: string },
  context = 3,
): string {
  const edits = diffLines(toLines(aText), toLines(bText));
  if (edits.every((e) => e.kind === ' ')) return '';
  const out = [`--- ${labels.a}`, `+++ ${labels.b}`];
  // Line numbers in a and b before each edit, so hunk headers can be computed from indices.
  const aLine: number[] = [];
  const bLine: number[] = [];
  let ai = 1;
  let bi = 1;
  for (const e of edits) {
    aLine.push(ai);
    bLine.push(bi);
    if (e.kind !== '+') ai++;
    if (e.kind !== '-') bi++;
  }
  let i = 0;
  while (i < edits.length) {
    if (edits[i]?.kind === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while the next change is within 2 * context kept lines.
    for (let j = i; j < edits.length; j++) {
      if (edits[j]?.kind !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(edits.length, end + context + 1);
    const hunk = edits.slice(start, stop);
    const aCount = hunk.filter((e) => e.kind !== '+').length;
    const bCount = hunk.filter((e) => e.kind !== '-').length;
    const aStart = aCount === 0 ? (aLine[start] ?? 1) - 1 : (aLine[start] ?? 1);
    const bStart = bCount === 0 ? (bLine[start] ?? 1) - 1 : (bLine[start] ?? 1);
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const e of hunk) out.push(`${e.kind}${e.line}`);
    i = stop;
  }
  return `${out.join('\n')}\n`;
}
