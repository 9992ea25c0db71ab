/**
 * Interns byte strings: equal bytes get the same small integer id (0, 1, 2...
 * in order of first appearance), without creating a JS string per lookup.
 *
 * The loader uses it for text columns (id = dictionary code, so the string is
 * decoded once per distinct value) and for key uniqueness. Storage is flat
 * typed arrays: all bytes in one arena, an open-addressing hash table of ids,
 * so a million distinct keys cost tens of megabytes, not a Set of strings.
 *
 * A dictionary may start unindexed: entries are then only appended (the
 * caller knows they are distinct, e.g. keys arriving in increasing order) and
 * the hash table is built on demand by `buildIndex`.
 */

import { grownTo } from './grow';

const EMPTY = -1;

export class ByteDictionary {
  private arena: Uint8Array = new Uint8Array(4096);
  private arenaUsed = 0;
  /** Start of entry `id` in the arena; `starts[id + 1]` is its end. */
  private starts: Int32Array = new Int32Array(256);
  /**
   * The hash table: pairs (hash, id), EMPTY id = free. The hash sits next to
   * the id so a probe touches one cache line unless the hashes match.
   */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** `indexed = false`: only `append` until `buildIndex` (`intern` needs the index). */
  constructor(indexed = true) {
    this.slots = new Int32Array(indexed ? 1024 : 0).fill(EMPTY);
    this.mask = indexed ? 511 : -1;
  }

  /** Number of distinct entries. */
  get size(): number {
    return this.count;
  }

  /**
   * The id of bytes `[start, end)`, adding them when new. A new entry's id
   * equals the previous `size`, which is how callers tell "new".
   */
  intern(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end);
    const slots = this.slots;
    let slot = hash & this.mask;
    for (;;) {
      const id = slots[2 * slot + 1];
      if (id === EMPTY) break;
      if (slots[2 * slot] === hash && this.equals(id, bytes, start, end - start)) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.append(bytes, start, end);
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = id;
    // Keep the table at most half full so probes stay short.
    if (this.count * 2 > this.mask) this.rehash((this.mask + 1) * 2);
    return id;
  }

  /** Adds an entry without looking it up (unindexed dictionaries): returns its id. */
  append(bytes: Uint8Array, start: number, end: number): number {
    const id = this.count;
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      this.arena = grownTo(this.arena, this.arenaUsed + length);
    }
    const arena = this.arena;
    let at = this.arenaUsed;
    for (let i = start; i < end; i++) arena[at++] = bytes[i];
    this.arenaUsed = at;
    if (id + 2 > this.starts.length) this.starts = grownTo(this.starts, id + 2);
    this.starts[id + 1] = at;
    this.count = id + 1;
    return id;
  }

  /**
   * Compares bytes with the last entry in shortlex order (shorter first, then
   * byte by byte): negative, 0 or positive. Both zero-padded and plain
   * increasing numbers ("9", "10") are increasing in this order.
   */
  compareLast(bytes: Uint8Array, start: number, end: number): number {
    const lastStart = this.starts[this.count - 1];
    const lastLength = this.starts[this.count] - lastStart;
    const length = end - start;
    if (length !== lastLength) return length - lastLength;
    const arena = this.arena;
    for (let i = 0; i < length; i++) {
      const difference = bytes[start + i] - arena[lastStart + i];
      if (difference !== 0) return difference;
    }
    return 0;
  }

  /** Builds the hash table over all entries (they must be distinct); `intern` works from then on. */
  buildIndex(): void {
    let size = 1024;
    while (size < this.count * 4) size *= 2;
    this.slots = new Int32Array(0);
    this.rehash(size);
  }

  private equals(id: number, bytes: Uint8Array, start: number, length: number): boolean {
    const at = this.starts[id];
    if (this.starts[id + 1] - at !== length) return false;
    const arena = this.arena;
    for (let i = 0; i < length; i++) {
      if (arena[at + i] !== bytes[start + i]) return false;
    }
    return true;
  }

  /** Re-creates the table with `size` slots, placing every entry (hashes are recomputed only when unknown). */
  private rehash(size: number): void {
    const slots = new Int32Array(2 * size).fill(EMPTY);
    const mask = size - 1;
    const place = (hash: number, id: number): void => {
      let slot = hash & mask;
      while (slots[2 * slot + 1] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = hash;
      slots[2 * slot + 1] = id;
    };
    const old = this.slots;
    if (old.length > 0) {
      for (let i = 1; i < old.length; i += 2) if (old[i] !== EMPTY) place(old[i - 1], old[i]);
    } else {
      for (let id = 0; id < this.count; id++) place(hashBytes(this.arena, this.starts[id], this.starts[id + 1]), id);
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** FNV-1a, then a murmur3 finaliser: FNV alone leaves the low bits (the table index) poorly mixed. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

