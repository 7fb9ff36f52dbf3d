/**
 * Gives each distinct stack (a list of frame ids) a small number, without building a string key
 * per sample: samples are hashed as numbers and confirmed by comparing ids. Used to sum the values
 * of equal stacks, which a million-sample profile has many of.
 */

/** The 32-bit hash stacks are filed under; exported so tests can check collisions are handled. */
export function hashStack(stack: readonly number[]): number {
  let hash = Math.imul(0x811c9dc5 ^ stack.length, 0x01000193);
  for (let i = 0; i < stack.length; i++)
    hash = Math.imul(hash ^ (stack[i] as number), 0x01000193) ^ (hash >>> 15);
  return hash;
}

function sameStack(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Interns stacks: `idOf` returns the same number for equal stacks, numbering them 0, 1, 2... */
export class StackIndex {
  /** The distinct stacks, by id (the first array seen for each). */
  readonly stacks: (readonly number[])[] = [];
  private readonly byHash = new Map<number, number | number[]>();

  idOf(stack: readonly number[]): number {
    const hash = hashStack(stack);
    const found = this.byHash.get(hash);
    if (found === undefined) {
      this.byHash.set(hash, this.stacks.length);
      return this.stacks.push(stack) - 1;
    }
    // Most hashes hold one stack, stored bare to save an array per stack.
    const candidates = typeof found === 'number' ? [found] : found;
    for (const id of candidates) if (sameStack(this.stacks[id] as number[], stack)) return id;
    const id = this.stacks.push(stack) - 1;
    this.byHash.set(hash, [...candidates, id]);
    return id;
  }
}
