/**
 * Finds where the first N records of a data file end, so the editor can read
 * a large file's head only (`maxRows`) without the loader knowing about
 * limits. It scans bytes chunk by chunk, carrying its state across chunks:
 *
 * - CSV: a line end outside quotes ends a record (RFC 4180: a line end is
 *   inside a field exactly when an odd number of `"` came before it); the
 *   header is one more record. Blank lines are not counted.
 * - JSON Lines: each non-blank line is a record.
 * - JSON array: a `,` at depth 1 outside strings ends an element; the cut
 *   drops the rest and the caller closes the array with `]`.
 *
 * The cut is always at a record boundary, so a truncated file reads as a
 * shorter valid file, with the same line numbers.
 */

import type { DataFormat } from '../../grammar/eval/data/table';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;

export class RecordLimit {
  private records = 0;
  private inQuotes = false;
  private lineHasContent = false;
  private depth = 0;
  private escaped = false;
  private readonly wanted: number;

  constructor(private readonly format: DataFormat, maxRows: number) {
    this.wanted = format === 'csv' ? maxRows + 1 : maxRows;
  }

  /** The bytes that close the kept part into a valid file (`]` for a JSON array). */
  get closing(): Uint8Array {
    return this.format === 'json' ? Uint8Array.of(0x5d) : new Uint8Array(0);
  }

  /**
   * Offset in `chunk` after which nothing more is wanted, or undefined when
   * all of `chunk` is within the limit.
   */
  cutIn(chunk: Uint8Array): number | undefined {
    if (this.wanted <= 0) return 0;
    return this.format === 'json' ? this.cutJson(chunk) : this.cutLines(chunk);
  }

  private cutLines(chunk: Uint8Array): number | undefined {
    const csv = this.format === 'csv';
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (csv && byte === QUOTE) this.inQuotes = !this.inQuotes;
      if (byte === LF && !this.inQuotes) {
        if (this.lineHasContent && ++this.records >= this.wanted) return i + 1;
        this.lineHasContent = false;
      } else if (byte !== CR && byte !== 0x20 && byte !== 0x09) {
        this.lineHasContent = true;
      }
    }
    return undefined;
  }

  private cutJson(chunk: Uint8Array): number | undefined {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inQuotes) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inQuotes = false;
      } else if (byte === QUOTE) {
        this.inQuotes = true;
      } else if (byte === 0x7b || byte === 0x5b) {
        this.depth++;
      } else if (byte === 0x7d || byte === 0x5d) {
        this.depth--;
      } else if (byte === COMMA && this.depth === 1 && ++this.records >= this.wanted) {
        return i;
      }
    }
    return undefined;
  }
}
