/**
 * JSON data files: one array of row objects (`.json`) or one object per line
 * (`.jsonl` / `.ndjson`).
 *
 * A row's line is the line its object starts on. In an array, invalid JSON
 * makes the whole file unreadable (a fatal problem with the line of the
 * error); in JSON Lines each line stands alone, so a bad line is one rejected
 * row and reading goes on. Blank lines in JSON Lines are ignored. An element
 * or line that is valid JSON but not an object is a rejected row.
 */

import { afterBom, type FormatReader } from './format-reader';
import { JsonRowParser, JsonSyntaxError, NEED_MORE } from './json-syntax';
import { RowCells } from './row-cells';
import type { ColumnSchema, DataProblem } from './table';
import type { TableBuilder } from './table-builder';

const LF = 0x0a;

/** Where a JSON array reader stands between elements. */
const enum ArrayState {
  BeforeArray,
  FirstElement,
  NextElement,
  AfterElement,
  AfterArray,
}

abstract class JsonReaderBase implements FormatReader {
  fatal: DataProblem | undefined;
  protected started = false;
  /** Physical line at the current read position. */
  protected line = 1;
  protected readonly parser: JsonRowParser;
  protected readonly cells: RowCells;

  constructor(schema: readonly ColumnSchema[], protected readonly builder: TableBuilder) {
    this.parser = new JsonRowParser(schema.map((column) => column.name));
    this.cells = RowCells.perColumn(schema.length);
  }

  abstract read(bytes: Uint8Array, final: boolean): number;

  get nextLine(): number {
    return this.line;
  }

  fileColumns(): string[] {
    return this.parser.fileColumns();
  }

  missingColumns(): string[] {
    return this.parser.missingColumns();
  }

  /** Hands the row just parsed to the builder (or rejects it when it was not an object). */
  protected emitRow(shape: string | null, line: number): void {
    if (shape === null) this.builder.addRow(this.cells, line);
    else this.builder.rejectRow(line, `expected an object ({"column": value, ...}), found ${shape}`);
  }
}

export class JsonArrayReader extends JsonReaderBase {
  private state = ArrayState.BeforeArray;

  read(bytes: Uint8Array, final: boolean): number {
    if (this.fatal !== undefined) return bytes.length;
    let p = 0;
    if (!this.started) {
      p = afterBom(bytes, final);
      if (p < 0) return 0;
      this.started = true;
    }
    const parser = this.parser;
    const end = bytes.length;
    for (;;) {
      parser.reset(bytes, p, end, final, 'end of file');
      parser.skipWhitespace();
      this.line += parser.newlines;
      p = parser.p;
      if (p >= end) {
        if (final) this.endOfFile();
        return p;
      }
      const byte = bytes[p];
      switch (this.state) {
        case ArrayState.BeforeArray:
          if (byte !== 0x5b) return this.fail(p, end, 'expected a JSON array of objects ([{...}, ...])');
          this.state = ArrayState.FirstElement;
          p++;
          break;
        case ArrayState.FirstElement:
        case ArrayState.NextElement: {
          if (byte === 0x5d) {
            if (this.state === ArrayState.NextElement) return this.fail(p, end, 'expected another element after ","');
            this.state = ArrayState.AfterArray;
            p++;
            break;
          }
          parser.reset(bytes, p, end, final, 'end of file');
          let shape: string | null;
          try {
            shape = parser.parseRow(this.cells);
          } catch (error) {
            if (error === NEED_MORE) return p;
            if (error instanceof JsonSyntaxError) {
              this.fatal = { line: this.line + parser.newlines, message: `not valid JSON: ${error.message}` };
              return end;
            }
            throw error;
          }
          const rowLine = this.line;
          this.line += parser.newlines;
          p = parser.p;
          this.state = ArrayState.AfterElement;
          this.emitRow(shape, rowLine);
          break;
        }
        case ArrayState.AfterElement:
          if (byte === 0x2c) this.state = ArrayState.NextElement;
          else if (byte === 0x5d) this.state = ArrayState.AfterArray;
          else return this.fail(p, end, 'expected "," or "]" after an element');
          p++;
          break;
        default:
          return this.fail(p, end, 'unexpected content after the end of the array');
      }
    }
  }

  /** Makes the file unreadable from `p` on; returns `end` (everything consumed). */
  private fail(p: number, end: number, message: string): number {
    this.fatal = { line: this.line, message: `not valid JSON: ${message}, found ${this.parser.describeAt(p)}` };
    return end;
  }

  private endOfFile(): void {
    if (this.state === ArrayState.BeforeArray) {
      this.fatal = { line: 1, message: 'the file is empty: expected a JSON array of objects ([{...}, ...])' };
    } else if (this.state !== ArrayState.AfterArray) {
      this.fatal = { line: this.line, message: 'not valid JSON: the file ends before the array is closed with "]"' };
    }
  }
}

export class JsonLinesReader extends JsonReaderBase {
  read(bytes: Uint8Array, final: boolean): number {
    let p = 0;
    if (!this.started) {
      p = afterBom(bytes, final);
      if (p < 0) return 0;
      this.started = true;
    }
    const parser = this.parser;
    const end = bytes.length;
    while (p < end) {
      let lineEnd = bytes.indexOf(LF, p);
      if (lineEnd < 0) {
        if (!final) break;
        lineEnd = end;
      }
      parser.reset(bytes, p, lineEnd, true, 'end of line');
      parser.skipWhitespace();
      if (parser.p < lineEnd) this.readLine(lineEnd);
      this.line++;
      p = lineEnd + 1;
    }
    return Math.min(p, end);
  }

  private readLine(lineEnd: number): void {
    const parser = this.parser;
    try {
      const shape = parser.parseRow(this.cells);
      parser.skipWhitespace();
      if (parser.p < lineEnd) parser.fail('expected the end of the line after the object');
      this.emitRow(shape, this.line);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      this.builder.rejectRow(this.line, `not valid JSON: ${error.message}`);
    }
  }
}
