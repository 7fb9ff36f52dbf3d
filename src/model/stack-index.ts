/**
 * Gives each distinct stack (a list of frame ids) a small number, without building a string key
 * per sample: samples are hashed as numbers and confirmed by comparing ids. Used to sum the values
 * of equal stacks, which a million-sample profile has many of.
 */
import { HashSlots } from './hash-slots.js';

/**
 * The 32-bit hash stacks are filed under: of `ids[start .. end)`, so that id lists stored in one
 * flat typed array (as the pprof decoder keeps them) hash like arrays. Exported so tests can check
 * that collisions are handled.
 */
export function hashStack(ids: ArrayLike<number>, start = 0, end = ids.length): number {
  let hash = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (ids[i] as number), 0x01000193) ^ (hash >>> 15);
  // The multiplications leave the low bits, which pick the table slot, depending on low bits only:
  // mix the high bits in (a bijection, so it adds no collisions).
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

function sameStack(a: readonly number[], b: readonly number[]): boolean {
  // Importers often give all samples of one stack the same array.
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Interns stacks: `idOf` returns the same number for equal stacks, numbering them 0, 1, 2... */
export class StackIndex {
  /** The distinct stacks, by id (the first array seen for each). */
  readonly stacks: (readonly number[])[] = [];
  private readonly slots = new HashSlots();

  idOf(stack: readonly number[]): number {
    const stacks = this.stacks;
    const id = this.slots.idOf(hashStack(stack), (known) => sameStack(stacks[known] as number[], stack));
    if (id === stacks.length) stacks.push(stack);
    return id;
  }
}
