/**
 * An open-addressing hash table that numbers distinct keys 0, 1, 2... without storing them: it
 * keeps only each entry's 32-bit hash and asks the caller whether entry `id` is the key being
 * looked up, which it does only when the hashes are equal. Callers keep the keys in whatever shape
 * is cheapest for them (arrays of frame ids, ranges of a typed array).
 *
 * Typed arrays rather than a Map from hash to bucket: for a million stack lookups the Map was about
 * 1.6x slower (most 32-bit hashes are beyond V8's small integers, so every key is a heap number),
 * and its buckets were garbage for the collector.
 */
export class HashSlots {
  /** Number of entries; the next new key gets this id. */
  size = 0;
  private hashes = new Int32Array(512);
  /** Entry id + 1 per slot, 0 when the slot is empty; kept at most half full. */
  private slots = new Int32Array(1024);

  /** Id of the entry filed under `hash` for which `same(id)` holds; a new id when there is none. */
  idOf(hash: number, same: (id: number) => boolean): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (let entry = slots[slot] as number; entry !== 0; entry = slots[slot] as number) {
      if (this.hashes[entry - 1] === hash && same(entry - 1)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    if (id === this.hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[id] = hash;
    slots[slot] = id + 1;
    if (this.size * 2 > slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}
