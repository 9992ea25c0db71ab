/**
 * CSV (RFC 4180) straight from bytes: a header row, then one record per row.
 *
 * Fields are separated by commas; a field may be quoted, and a quoted field may
 * hold commas, line breaks and doubled quotes (`""`). Records end with LF,
 * CRLF or a lone CR. Blank lines are skipped. A record is split into field byte
 * ranges only (no strings); the table builder reads the values.
 *
 * Line numbers are physical lines as an editor counts them: a record's line is
 * the one it starts on, and line breaks inside quoted fields count.
 *
 * Most records of a real export are plain (no quotes, every value valid):
 * after the header, each record first goes to the fast lane (the contract is
 * in plain-csv-lane.ts, the WebAssembly that reads in wasm-csv-lane.ts), and
 * only the ones it declines take the general way below.
 */

import { afterBom, matchColumns, type FormatReader } from './format-reader';
import { planLane, type CsvLane } from './plain-csv-lane';
import { CELL_CSV_ESCAPED, CELL_TEXT, RowCells, unescapeCsv } from './row-cells';
import type { ColumnSchema, DataProblem } from './table';
import type { TableBuilder } from './table-builder';
import { decodeUtf8 } from './utf8';
import { WasmCsvLane } from './wasm-csv-lane';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A header record naming `names`, every name quoted: read back, it gives
 * exactly these names (a loader reading a later part of a file is given the
 * file's header this way).
 */
export function csvHeaderLine(names: readonly string[]): string {
  return `${names.map((name) => `"${name.replace(/"/g, '""')}"`).join(',')}\n`;
}

/** scanRecord's answer when the record may continue in bytes not yet received. */
const INCOMPLETE = -1;

export class CsvReader implements FormatReader {
  fatal: DataProblem | undefined;
  private started = false;
  /** Physical line of the next record. */
  private line = 1;
  private header: string[] | null = null;
  /** The last scanned record: one cell slot per field (cells.slotOfColumn maps columns to fields). */
  private readonly cells: RowCells;
  private fieldCount = 0;
  /** Line breaks inside the last record's quoted fields. */
  private recordBreaks = 0;
  private recordError: string | null = null;
  private lane: CsvLane | null = null;

  /** `fastLane` false: every record the general way (tests compare the two). */
  constructor(
    private readonly schema: readonly ColumnSchema[],
    private readonly builder: TableBuilder,
    private readonly fastLane = true,
  ) {
    this.cells = new RowCells(64, new Int32Array(schema.length).fill(-1));
  }

  read(bytes: Uint8Array, final: boolean): number {
    let p = 0;
    this.lane?.newChunk();
    if (!this.started) {
      p = afterBom(bytes, final);
      if (p < 0) return 0;
      this.started = true;
    }
    const end = bytes.length;
    while (p < end) {
      const byte = bytes[p];
      if (byte === LF || byte === CR) {
        // A blank line; a CR as the last byte waits to see whether LF follows.
        if (byte === CR && p + 1 === end && !final) break;
        p += byte === CR && bytes[p + 1] === LF ? 2 : 1;
        this.line++;
        continue;
      }
      if (this.lane !== null) {
        // The plain records from here on, one line each; then a blank line, or a record for the general way.
        const plainEnd = this.lane.read(bytes, p, end, this.line);
        const taken = this.lane.taken;
        if (taken > 0) {
          this.line += taken;
          p = plainEnd;
          continue;
        }
      }
      const next = this.scanRecord(bytes, p, end, final);
      if (next === INCOMPLETE) break;
      const line = this.line;
      this.line += 1 + this.recordBreaks;
      if (this.header === null) this.readHeader(bytes, line);
      else this.readRow(bytes, line);
      p = next;
    }
    if (final && this.header === null) {
      this.fatal = { line: 1, message: 'the file is empty: a CSV file needs a header row with the column names' };
    }
    return p;
  }

  get nextLine(): number {
    return this.line;
  }

  fileColumns(): string[] {
    return this.header ?? [];
  }

  missingColumns(): string[] {
    if (this.header === null) return [];
    return this.schema.filter((_, column) => this.cells.slotOfColumn[column] < 0).map((column) => column.name);
  }

  private readHeader(bytes: Uint8Array, line: number): void {
    const cells = this.cells;
    const names: string[] = [];
    for (let field = 0; field < this.fieldCount; field++) {
      const start = cells.starts[field];
      const end = cells.ends[field];
      if (cells.kinds[field] === CELL_CSV_ESCAPED) {
        const scratch = new Uint8Array(end - start);
        names.push(decodeUtf8(scratch, 0, unescapeCsv(bytes, start, end, scratch)));
      } else {
        names.push(decodeUtf8(bytes, start, end));
      }
    }
    this.header = names;
    const fieldToColumn = matchColumns(names, this.schema.map((column) => column.name));
    fieldToColumn.forEach((column, field) => {
      if (column >= 0) cells.slotOfColumn[column] = field;
    });
    this.schema.forEach((_, column) => {
      if (cells.slotOfColumn[column] < 0) this.builder.markAbsent(column);
    });
    if (this.recordError !== null) this.builder.addProblem({ line, message: `header: ${this.recordError}` });
    else if (this.fastLane) this.lane = this.laneFor(fieldToColumn);
  }

  /** The fast lane for a file with fields `columnOfField`, null when none can read it. */
  private laneFor(columnOfField: Int32Array): CsvLane | null {
    const plan = planLane(this.builder, columnOfField);
    return plan === null ? null : WasmCsvLane.create(this.builder, plan);
  }

  private readRow(bytes: Uint8Array, line: number): void {
    if (this.recordError !== null) {
      this.builder.rejectRow(line, this.recordError);
      return;
    }
    const expected = this.header!.length;
    if (this.fieldCount !== expected) {
      this.builder.rejectRow(line, `expected ${expected} fields (as in the header), found ${this.fieldCount}`);
      return;
    }
    this.cells.bytes = bytes;
    this.builder.addRow(this.cells, line);
  }

  /**
   * Splits the record starting at `start` into fields (cell slots 0, 1, ...).
   * Returns where the next record starts, or INCOMPLETE when the record may
   * go on past `end`.
   */
  private scanRecord(bytes: Uint8Array, start: number, end: number, final: boolean): number {
    const cells = this.cells;
    let starts = cells.starts;
    let ends = cells.ends;
    let kinds = cells.kinds;
    let p = start;
    let field = 0;
    let breaks = 0;
    this.recordError = null;
    for (;;) {
      if (field === kinds.length) {
        cells.ensureSlots(field + 1);
        starts = cells.starts;
        ends = cells.ends;
        kinds = cells.kinds;
      }
      if (p >= end) {
        // A comma right before the end of the file: one more, empty field.
        if (!final) return INCOMPLETE;
        starts[field] = p;
        ends[field] = p;
        kinds[field++] = CELL_TEXT;
        break;
      }
      let byte = bytes[p];
      if (byte !== QUOTE) {
        starts[field] = p;
        // Fast path: every byte above ',' is plain field content (digits, letters, '-', '.', ':', UTF-8).
        while (p < end && bytes[p] > COMMA) p++;
        while (p < end) {
          byte = bytes[p];
          if (byte === COMMA || byte === LF || byte === CR) break;
          p++;
        }
        if (p >= end && !final) return INCOMPLETE;
        ends[field] = p;
        kinds[field++] = CELL_TEXT;
      } else {
        const contentStart = p + 1;
        let escaped = false;
        p = contentStart;
        for (;;) {
          if (p >= end) {
            if (!final) return INCOMPLETE;
            this.recordError = 'a quoted field is never closed (missing ")';
            break;
          }
          byte = bytes[p];
          if (byte === QUOTE) {
            if (p + 1 >= end && !final) return INCOMPLETE;
            if (bytes[p + 1] !== QUOTE) break;
            escaped = true;
            p += 2;
            continue;
          }
          if (byte === LF) {
            breaks++;
          } else if (byte === CR && bytes[p + 1] !== LF) {
            breaks++; // a CR last in the bytes: the field is incomplete anyway, and rescanned
          }
          p++;
        }
        starts[field] = contentStart;
        ends[field] = p;
        kinds[field++] = escaped ? CELL_CSV_ESCAPED : CELL_TEXT;
        if (p < end) p++; // the closing quote
        if (p < end) {
          byte = bytes[p];
          if (byte !== COMMA && byte !== LF && byte !== CR) {
            this.recordError ??= 'unexpected text after the closing quote of a field (a quote inside a quoted field is written "")';
            while (p < end && (byte = bytes[p]) !== COMMA && byte !== LF && byte !== CR) p++;
          }
        }
        if (p >= end && !final) return INCOMPLETE;
      }
      if (p >= end) break;
      byte = bytes[p];
      if (byte === COMMA) {
        p++;
        continue;
      }
      // The record ends: LF, CRLF, or a lone CR (which needs the next byte to be known).
      if (byte === LF) {
        p++;
      } else if (p + 1 < end) {
        p += bytes[p + 1] === LF ? 2 : 1;
      } else {
        if (!final) return INCOMPLETE;
        p++;
      }
      break;
    }
    this.fieldCount = field;
    this.recordBreaks = breaks;
    return p;
  }
}
