/**
 * Key uniqueness for one key column: remembers every key value seen and the
 * line that first had it.
 *
 * Exports are usually sorted by their key. While each key is greater than the
 * one before (shortlex order on its bytes), no lookup is needed: the key is
 * new. The keys are still kept, so that the first key out of order builds the
 * hash index over all of them and every later key is looked up. The answer is
 * the same either way; only the cost differs.
 */

import { ByteDictionary } from './byte-dictionary';

export class KeyIndex {
  private readonly keys = new ByteDictionary(false);
  /** First line per key id. */
  private lines: Int32Array = new Int32Array(1024);
  private increasing = true;
  /** A number key's bytes, ordered like the numbers (see `checkNumber`). */
  private readonly numberBytes = new Uint8Array(8);
  private readonly numberView = new DataView(this.numberBytes.buffer);

  /** Registers a key; returns the line of an earlier row with the same key, or 0. */
  check(bytes: Uint8Array, start: number, end: number, line: number): number {
    const keys = this.keys;
    if (this.increasing) {
      if (keys.size === 0 || keys.compareLast(bytes, start, end) > 0) {
        this.remember(keys.append(bytes, start, end), line);
        return 0;
      }
      this.increasing = false;
      keys.buildIndex();
    }
    const known = keys.size;
    const id = keys.intern(bytes, start, end);
    if (id < known) return this.lines[id];
    this.remember(id, line);
    return 0;
  }

  /**
   * A number key (int, number, date, datetime, bool): encoded as 8 bytes whose
   * byte order is the numeric order (IEEE 754 bits, sign flipped for positive
   * numbers, all bits flipped for negative ones), so increasing numbers take
   * the fast path too.
   */
  checkNumber(value: number, line: number): number {
    const view = this.numberView;
    view.setFloat64(0, value + 0); // + 0: -0 becomes 0, the same key
    const negative = (view.getUint8(0) & 0x80) !== 0;
    const high = view.getUint32(0);
    const low = view.getUint32(4);
    view.setUint32(0, negative ? ~high : high ^ 0x80000000);
    view.setUint32(4, negative ? ~low : low);
    return this.check(this.numberBytes, 0, 8, line);
  }

  private remember(id: number, line: number): void {
    if (id >= this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[id] = line;
  }
}
