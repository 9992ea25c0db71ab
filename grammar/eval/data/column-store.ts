/**
 * Typed storage for the stored (projected) columns of accepted rows, in the
 * shapes of the Table contract: numeric -> Float64Array, bool -> Uint8Array,
 * text -> Int32Array of dictionary codes.
 *
 * Invariants:
 * - all columns have the same capacity; it grows by doubling, or is set once
 *   from an estimate of the row count (`reserve`);
 * - at the end each column is trimmed to the row count (a copy only when much
 *   of the array is spare), and text dictionaries keep only the values that
 *   stored rows use, renumbered in order.
 */

import { TEXT_MISSING, type Column, type ColumnType } from './table';

const INITIAL_CAPACITY = 4096;

/** One stored column: where its values come from in the builder's row buffers. */
export interface StoredColumnSpec {
  /** Index of the declared column (into the row buffers). */
  index: number;
  name: string;
  type: ColumnType;
  /** Text columns: the decoded dictionary entries, by code (shared with the builder, which appends to it). */
  dictionary?: string[];
}

interface NumericStore { spec: StoredColumnSpec; values: Float64Array }
interface BoolStore { spec: StoredColumnSpec; values: Uint8Array }
interface TextStore { spec: StoredColumnSpec; codes: Int32Array; usedCodes: Uint8Array; dictionary: string[] }

export class ColumnStore {
  private readonly numeric: NumericStore[] = [];
  private readonly bools: BoolStore[] = [];
  private readonly texts: TextStore[] = [];
  private readonly order: StoredColumnSpec[];
  private capacity = INITIAL_CAPACITY;
  private rows = 0;

  constructor(specs: readonly StoredColumnSpec[]) {
    this.order = [...specs];
    for (const spec of specs) {
      if (spec.type === 'text') {
        this.texts.push({ spec, codes: new Int32Array(this.capacity), usedCodes: new Uint8Array(64), dictionary: spec.dictionary ?? [] });
      } else if (spec.type === 'bool') {
        this.bools.push({ spec, values: new Uint8Array(this.capacity) });
      } else {
        this.numeric.push({ spec, values: new Float64Array(this.capacity) });
      }
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /**
   * Appends one row. `numbers` holds the values of numeric columns, `codes`
   * those of bool (0/1/BOOL_MISSING) and text (code/TEXT_MISSING) columns,
   * both indexed by declared column.
   */
  append(numbers: Float64Array, codes: Int32Array): void {
    const row = this.rows;
    if (row === this.capacity) this.resize(this.capacity * 2);
    for (const store of this.numeric) store.values[row] = numbers[store.spec.index];
    for (const store of this.bools) store.values[row] = codes[store.spec.index];
    for (const store of this.texts) {
      const code = codes[store.spec.index];
      store.codes[row] = code;
      if (code >= 0) {
        if (code >= store.usedCodes.length) store.usedCodes = grown(store.usedCodes, new Uint8Array(Math.max(code + 1, store.usedCodes.length * 2)), store.usedCodes.length);
        store.usedCodes[code] = 1;
      }
    }
    this.rows = row + 1;
  }

  /**
   * Sizes the columns for `rows` rows at once (when the file size tells how
   * many to expect): one allocation instead of a series of doublings, each of
   * which touches fresh memory and copies.
   */
  reserve(rows: number): void {
    if (rows > this.capacity) this.resize(Math.ceil(rows));
  }

  /** The stored columns by name, in declaration order. Call once: the store lets go of its arrays. */
  finish(): Map<string, Column> {
    const finished = new Map<string, Column>();
    for (const spec of this.order) finished.set(spec.name, this.finishColumn(spec));
    for (const store of this.numeric) store.values = new Float64Array(0);
    for (const store of this.bools) store.values = new Uint8Array(0);
    for (const store of this.texts) store.codes = new Int32Array(0);
    return finished;
  }

  /** Forgets every row (an unreadable file yields an empty table). */
  clear(): void {
    this.rows = 0;
    for (const store of this.texts) store.usedCodes.fill(0);
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    const rows = this.rows;
    for (const store of this.numeric) store.values = grown(store.values, new Float64Array(capacity), rows);
    for (const store of this.bools) store.values = grown(store.values, new Uint8Array(capacity), rows);
    for (const store of this.texts) store.codes = grown(store.codes, new Int32Array(capacity), rows);
  }

  private finishColumn(spec: StoredColumnSpec): Column {
    const rows = this.rows;
    if (spec.type === 'text') return this.finishText(this.texts.find((store) => store.spec === spec)!);
    if (spec.type === 'bool') {
      const store = this.bools.find((candidate) => candidate.spec === spec)!;
      return { kind: 'bool', type: 'bool', values: trimmed(store.values, rows) };
    }
    const store = this.numeric.find((candidate) => candidate.spec === spec)!;
    return { kind: 'numeric', type: spec.type, values: trimmed(store.values, rows) };
  }

  /** Drops dictionary entries that only rejected rows had, renumbering the codes. */
  private finishText(store: TextStore): Column {
    const rows = this.rows;
    const values = store.dictionary;
    const codes = trimmed(store.codes, rows);
    let allUsed = true;
    for (let code = 0; code < values.length && allUsed; code++) allUsed = store.usedCodes[code] === 1;
    if (allUsed) return { kind: 'text', type: 'text', codes, dictionary: values };
    const renumbered = new Int32Array(values.length).fill(TEXT_MISSING);
    const dictionary: string[] = [];
    for (let code = 0; code < values.length; code++) {
      if (store.usedCodes[code] === 1) {
        renumbered[code] = dictionary.length;
        dictionary.push(values[code]);
      }
    }
    for (let row = 0; row < rows; row++) {
      const code = codes[row];
      if (code >= 0) codes[row] = renumbered[code];
    }
    return { kind: 'text', type: 'text', codes, dictionary };
  }
}

/**
 * The first `length` items. Copied when more than a quarter of the array is
 * spare (the copy frees it); otherwise a view, which spares the peak memory
 * of holding both while a million-row column is copied.
 */
function trimmed<T extends Float64Array | Int32Array | Uint8Array>(array: T, length: number): T {
  if (array.length === length) return array;
  return (array.length - length > array.length / 4 ? array.slice(0, length) : array.subarray(0, length)) as T;
}

/** `to` with the first `length` items of `from`. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T, length: number): T {
  to.set(from.subarray(0, length));
  return to;
}
