/**
 * Typed storage for the stored (projected) columns of accepted rows, in the
 * shapes of the Table contract: numeric -> Float64Array, bool -> Uint8Array,
 * text -> Int32Array of dictionary codes.
 *
 * Rows are appended one at a time from row buffers (`append`), or written
 * in bulk into the slots of `slotOf`: `openRows` makes room and gives the
 * first index, the writer sets those rows in each column, and `commitRows`
 * keeps them. Rows that are not committed are overwritten and never seen.
 *
 * Invariants:
 * - all columns have the same capacity; it grows by doubling, or is set once
 *   from an estimate of the row count (`reserve`); a growth replaces the
 *   arrays in the slots, so writers read `slot.values` after `openRows`;
 * - at the end each column is trimmed to the row count (a copy only when much
 *   of the array is spare), and text dictionaries keep only the values that
 *   stored rows use, numbered in order of first appearance in those rows.
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

/** A stored numeric column (number, int, date, datetime): NaN = missing. */
export interface NumericSlot { readonly spec: StoredColumnSpec; values: Float64Array }
/** A stored bool column: 0, 1, BOOL_MISSING. */
export interface BoolSlot { readonly spec: StoredColumnSpec; values: Uint8Array }
/** A stored text column: dictionary codes, TEXT_MISSING = missing. */
export interface TextSlot { readonly spec: StoredColumnSpec; values: Int32Array; readonly dictionary: string[] }

export type ColumnSlot = NumericSlot | BoolSlot | TextSlot;

export class ColumnStore {
  private readonly numeric: NumericSlot[] = [];
  private readonly bools: BoolSlot[] = [];
  private readonly texts: TextSlot[] = [];
  private readonly order: StoredColumnSpec[];
  private readonly slots = new Map<number, ColumnSlot>();
  private capacity = INITIAL_CAPACITY;
  private rows = 0;

  constructor(specs: readonly StoredColumnSpec[]) {
    this.order = [...specs];
    for (const spec of specs) {
      let slot: ColumnSlot;
      if (spec.type === 'text') {
        slot = { spec, values: new Int32Array(this.capacity), dictionary: spec.dictionary ?? [] };
        this.texts.push(slot);
      } else if (spec.type === 'bool') {
        slot = { spec, values: new Uint8Array(this.capacity) };
        this.bools.push(slot);
      } else {
        slot = { spec, values: new Float64Array(this.capacity) };
        this.numeric.push(slot);
      }
      this.slots.set(spec.index, slot);
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /** The slot of declared column `index`, undefined when it is not stored. */
  slotOf(index: number): ColumnSlot | undefined {
    return this.slots.get(index);
  }

  /** Makes room for `count` more rows and returns the first one's index (slots' arrays may be replaced). */
  openRows(count: number): number {
    const row = this.rows;
    if (row + count > this.capacity) this.resize(Math.max(this.capacity * 2, row + count));
    return row;
  }

  /**
   * Keeps `count` rows written from `rowCount` on, in room made by `reserve`
   * or `openRows` (a bulk append: rows read elsewhere, see TableBuilder.absorb).
   */
  commitRows(count: number): void {
    if (this.rows + count > this.capacity) throw new Error('ColumnStore.commitRows: reserve the rows first');
    this.rows += count;
  }

  /**
   * Appends one row. `numbers` holds the values of numeric columns, `codes`
   * those of bool (0/1/BOOL_MISSING) and text (code/TEXT_MISSING) columns,
   * both indexed by declared column.
   */
  append(numbers: Float64Array, codes: Int32Array): void {
    const row = this.openRows(1);
    for (const slot of this.numeric) slot.values[row] = numbers[slot.spec.index];
    for (const slot of this.bools) slot.values[row] = codes[slot.spec.index];
    for (const slot of this.texts) slot.values[row] = codes[slot.spec.index];
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
    for (const spec of this.order) finished.set(spec.name, this.finishColumn(this.slots.get(spec.index)!));
    for (const slot of this.numeric) slot.values = new Float64Array(0);
    for (const slot of this.bools) slot.values = new Uint8Array(0);
    for (const slot of this.texts) slot.values = new Int32Array(0);
    return finished;
  }

  /** Forgets every row (an unreadable file yields an empty table). */
  clear(): void {
    this.rows = 0;
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    const rows = this.rows;
    for (const slot of this.numeric) slot.values = grown(slot.values, new Float64Array(capacity), rows);
    for (const slot of this.bools) slot.values = grown(slot.values, new Uint8Array(capacity), rows);
    for (const slot of this.texts) slot.values = grown(slot.values, new Int32Array(capacity), rows);
  }

  private finishColumn(slot: ColumnSlot): Column {
    const rows = this.rows;
    const type = slot.spec.type;
    if (type === 'text') return finishText(slot as TextSlot, rows);
    if (type === 'bool') return { kind: 'bool', type, values: trimmed((slot as BoolSlot).values, rows) };
    return { kind: 'numeric', type, values: trimmed((slot as NumericSlot).values, rows) };
  }
}

/**
 * The text column of the first `rows` rows, its dictionary in order of first
 * appearance in those rows. Values that only rejected (uncommitted) rows
 * had are dropped, so the dictionary never depends on which rows were
 * rejected or how a record was read.
 */
function finishText(slot: TextSlot, rows: number): Column {
  const values = slot.dictionary;
  const codes = trimmed(slot.values, rows);
  const renumbered = new Int32Array(values.length).fill(TEXT_MISSING);
  const dictionary: string[] = [];
  let inOrder = true;
  for (let row = 0; row < rows && dictionary.length < values.length; row++) {
    const code = codes[row];
    if (code >= 0 && renumbered[code] === TEXT_MISSING) {
      inOrder &&= code === dictionary.length;
      renumbered[code] = dictionary.length;
      dictionary.push(values[code]);
    }
  }
  if (inOrder && dictionary.length === values.length) return { kind: 'text', type: 'text', codes, dictionary: values };
  for (let row = 0; row < rows; row++) {
    const code = codes[row];
    if (code >= 0) codes[row] = renumbered[code];
  }
  return { kind: 'text', type: 'text', codes, dictionary };
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
