/**
 * One row's cells, as the format readers hand them to the table builder: for
 * each declared column a kind and a byte range into a shared buffer (through
 * a slot map). No strings and no objects per cell; the builder reads values
 * from the bytes.
 *
 * A cell's range is its raw content: for a quoted CSV field or a JSON string,
 * the bytes between the quotes, still escaped when the kind says so. Readers
 * must give every mapped slot a kind for each row (MISSING when absent).
 */

import { writeCodePoint } from './utf8';

/** The column is absent from the row, or JSON `null`. */
export const CELL_MISSING = 0;
/** Plain text bytes (an unquoted CSV field, a quoted one without `""`, a JSON string without escapes). */
export const CELL_TEXT = 1;
/** A quoted CSV field containing `""`. */
export const CELL_CSV_ESCAPED = 2;
/** A JSON string containing backslash escapes. */
export const CELL_JSON_ESCAPED = 3;
/** A bare JSON literal (number, `true`, `false`): shown without quotes in messages. */
export const CELL_TOKEN = 4;
/** A JSON object or array where a single value was expected. */
export const CELL_NESTED = 5;

export class RowCells {
  /** Per slot: a cell kind and a byte range (slots grow with `ensureSlots`). */
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  /** The buffer every range points into (the reader's current bytes). */
  bytes: Uint8Array = new Uint8Array(0);
  /**
   * The slot holding each declared column, -1 when the file has no such
   * column. JSON readers use one slot per column; the CSV reader one slot per
   * field of the record, so it can scan fields straight into place.
   */
  slotOfColumn: Int32Array;

  constructor(slotCount: number, slotOfColumn: Int32Array) {
    this.kinds = new Uint8Array(slotCount);
    this.starts = new Int32Array(slotCount);
    this.ends = new Int32Array(slotCount);
    this.slotOfColumn = slotOfColumn;
  }

  /** One slot per declared column, in schema order. */
  static perColumn(columnCount: number): RowCells {
    return new RowCells(columnCount, Int32Array.from({ length: columnCount }, (_, i) => i));
  }

  set(slot: number, kind: number, start: number, end: number): void {
    this.kinds[slot] = kind;
    this.starts[slot] = start;
    this.ends[slot] = end;
  }

  clear(): void {
    this.kinds.fill(CELL_MISSING);
  }

  /** Makes room for at least `count` slots, keeping the current ones. */
  ensureSlots(count: number): void {
    if (count <= this.kinds.length) return;
    const size = Math.max(count, this.kinds.length * 2);
    const kinds = new Uint8Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}

/** Copies a quoted CSV field's content into `target`, turning `""` into `"`; returns the length. */
export function unescapeCsv(bytes: Uint8Array, start: number, end: number, target: Uint8Array): number {
  let length = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    target[length++] = byte;
    if (byte === 0x22) i++; // the field is well-formed: every quote inside is doubled
  }
  return length;
}

const HEX_VALUE = (byte: number): number => {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
};

function hex4(bytes: Uint8Array, at: number): number {
  return (HEX_VALUE(bytes[at]) << 12) | (HEX_VALUE(bytes[at + 1]) << 8) |
    (HEX_VALUE(bytes[at + 2]) << 4) | HEX_VALUE(bytes[at + 3]);
}

/**
 * Copies a JSON string's content into `target` with escapes decoded (as
 * UTF-8); returns the length. The content was validated by the JSON reader.
 * `target` needs `end - start` bytes at least: no escape decodes to more bytes
 * than it is written with.
 */
export function unescapeJson(bytes: Uint8Array, start: number, end: number, target: Uint8Array): number {
  let length = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    if (byte !== 0x5c) {
      target[length++] = byte;
      continue;
    }
    const escape = bytes[++i];
    switch (escape) {
      case 0x6e: target[length++] = 0x0a; break; // \n
      case 0x74: target[length++] = 0x09; break; // \t
      case 0x72: target[length++] = 0x0d; break; // \r
      case 0x62: target[length++] = 0x08; break; // \b
      case 0x66: target[length++] = 0x0c; break; // \f
      case 0x75: { // \uXXXX, maybe a surrogate pair \uD83D\uDE00
        let codePoint = hex4(bytes, i + 1);
        i += 4;
        if (codePoint >= 0xd800 && codePoint <= 0xdbff && bytes[i + 1] === 0x5c && bytes[i + 2] === 0x75) {
          const low = hex4(bytes, i + 3);
          if (low >= 0xdc00 && low <= 0xdfff) {
            codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (low - 0xdc00);
            i += 6;
          }
        }
        length = writeCodePoint(target, length, codePoint);
        break;
      }
      default: target[length++] = escape; // \" \\ \/
    }
  }
  return length;
}
