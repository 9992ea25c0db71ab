/**
 * A JSON parser over bytes that reads one row object straight into RowCells:
 * each declared column's value becomes a byte range (strings, numbers, true,
 * false), MISSING (null, absent key) or NESTED (an object or array). Nothing
 * else is materialised, so a row costs no JS objects.
 *
 * It validates full JSON syntax (RFC 8259) and reports the first error with
 * its offset. Running out of bytes throws NEED_MORE unless the input is final,
 * so a reader can wait for the next chunk and parse the row again.
 */

import { ByteDictionary } from './byte-dictionary';
import {
  CELL_JSON_ESCAPED, CELL_MISSING, CELL_NESTED, CELL_TEXT, CELL_TOKEN, RowCells, unescapeJson,
} from './row-cells';
import { decodeUtf8 } from './utf8';

export class JsonSyntaxError {
  constructor(readonly offset: number, readonly message: string) {}
}

/** Thrown when the value may continue in bytes not received yet. */
export const NEED_MORE = Symbol('need more bytes');

const MAX_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Result of parseRow: null when the value was an object, else what it was instead. */
export type RowShape = null | string;

export class JsonRowParser {
  private bytes: Uint8Array = new Uint8Array(0);
  /** Current position. */
  p = 0;
  private end = 0;
  private final = false;
  private endName = 'end of file';
  /** Line feeds crossed since reset (JSON strings cannot hold raw line breaks). */
  newlines = 0;

  // The last value parsed: its cell kind and byte range.
  private valueKind = CELL_MISSING;
  private valueStart = 0;
  private valueEnd = 0;

  /** Object keys seen in the file, in order; their declared column (-1 = none). */
  private readonly keys = new ByteDictionary();
  private keyColumns: Int32Array = new Int32Array(16);
  private readonly keyNames: string[] = [];
  private readonly columnSeen: Uint8Array;
  private keyScratch: Uint8Array = new Uint8Array(64);

  constructor(private readonly declared: readonly string[]) {
    this.columnSeen = new Uint8Array(declared.length);
  }

  /** Positions the parser; `end` bounds the input (a line for JSON Lines). */
  reset(bytes: Uint8Array, p: number, end: number, final: boolean, endName: string): void {
    this.bytes = bytes;
    this.p = p;
    this.end = end;
    this.final = final;
    this.endName = endName;
    this.newlines = 0;
  }

  /** Keys seen in objects so far, in order of first appearance. */
  fileColumns(): string[] {
    return [...this.keyNames];
  }

  /** Declared columns that no object had. */
  missingColumns(): string[] {
    return this.declared.filter((_, column) => this.columnSeen[column] === 0);
  }

  skipWhitespace(): void {
    const bytes = this.bytes;
    let p = this.p;
    while (p < this.end) {
      const byte = bytes[p];
      if (byte === 0x0a) this.newlines++;
      else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) break;
      p++;
    }
    this.p = p;
  }

  /**
   * Parses one value at the current position into `cells` (cleared first).
   * Returns null for an object, else a description of what the value was.
   */
  parseRow(cells: RowCells): RowShape {
    cells.clear();
    cells.bytes = this.bytes;
    const first = this.peek();
    if (first !== 0x7b /* { */) {
      const shape = describeValue(first);
      this.parseValue(0);
      return shape;
    }
    this.p++;
    this.skipWhitespace();
    if (this.peek() === 0x7d /* } */) {
      this.p++;
      return null;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== QUOTE) this.fail('expected a key in double quotes');
      this.parseString();
      const column = this.columnOfKey();
      this.skipWhitespace();
      if (this.peek() !== 0x3a /* : */) this.fail('expected ":" after the key');
      this.p++;
      this.skipWhitespace();
      this.parseValue(1);
      if (column >= 0) cells.set(column, this.valueKind, this.valueStart, this.valueEnd);
      this.skipWhitespace();
      const next = this.peek();
      this.p++;
      if (next === 0x7d) return null;
      if (next !== 0x2c) this.fail('expected "," or "}" after a value', this.p - 1);
    }
  }

  /** Throws a syntax error at `offset` (default: here). */
  fail(message: string, offset = this.p): never {
    throw new JsonSyntaxError(offset, `${message}, found ${this.describeAt(offset)}`);
  }

  describeAt(offset: number): string {
    if (offset >= this.end) return `the ${this.endName}`;
    const byte = this.bytes[offset];
    if (byte >= 0x21 && byte < 0x7f) return `"${String.fromCharCode(byte)}"`;
    if (byte === 0x0a || byte === 0x0d) return 'a line break';
    return byte >= 0x80 ? 'a non-ASCII character' : `the control character 0x${byte.toString(16).padStart(2, '0')}`;
  }

  private peek(): number {
    if (this.p >= this.end) this.endOfInput();
    return this.bytes[this.p];
  }

  private endOfInput(): never {
    if (!this.final) throw NEED_MORE;
    throw new JsonSyntaxError(this.end, `unexpected ${this.endName}`);
  }

  private parseValue(depth: number): void {
    const byte = this.peek();
    if (byte === QUOTE) {
      this.parseString();
    } else if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
      this.parseNumber();
    } else if (byte === 0x74) {
      this.parseWord('true', CELL_TOKEN);
    } else if (byte === 0x66) {
      this.parseWord('false', CELL_TOKEN);
    } else if (byte === 0x6e) {
      this.parseWord('null', CELL_MISSING);
    } else if (byte === 0x7b || byte === 0x5b) {
      this.parseNested(depth);
    } else {
      this.fail('expected a value');
    }
  }

  /** A string: range = the content between the quotes. */
  private parseString(): void {
    const bytes = this.bytes;
    const start = ++this.p;
    let escaped = false;
    for (;;) {
      if (this.p >= this.end) this.endOfInput();
      const byte = bytes[this.p];
      if (byte === QUOTE) break;
      if (byte < 0x20) this.fail('unescaped control character or line break inside a string');
      if (byte === BACKSLASH) {
        escaped = true;
        this.p++;
        if (this.p >= this.end) this.endOfInput();
        const escape = bytes[this.p];
        if (escape === 0x75 /* u */) {
          for (let i = 1; i <= 4; i++) {
            if (this.p + i >= this.end) this.endOfInput();
            if (!isHexDigit(bytes[this.p + i])) this.fail('expected four hex digits after \\u', this.p + i);
          }
          this.p += 4;
        } else if (!isSimpleEscape(escape)) {
          this.fail('invalid escape in a string');
        }
      }
      this.p++;
    }
    this.valueKind = escaped ? CELL_JSON_ESCAPED : CELL_TEXT;
    this.valueStart = start;
    this.valueEnd = this.p;
    this.p++;
  }

  /** -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private parseNumber(): void {
    const start = this.p;
    if (this.bytes[this.p] === 0x2d) this.p++;
    if (this.digitAt() === 0) {
      this.p++;
    } else if (this.digits() === 0) {
      this.fail('expected a digit');
    }
    if (this.atByte(0x2e)) {
      this.p++;
      if (this.digits() === 0) this.fail('expected a digit after the decimal point');
    }
    if (this.atByte(0x65) || this.atByte(0x45)) {
      this.p++;
      if (this.atByte(0x2b) || this.atByte(0x2d)) this.p++;
      if (this.digits() === 0) this.fail('expected a digit in the exponent');
    }
    // A number is only complete once a byte after it is seen (or the input ends).
    if (this.p >= this.end && !this.final) throw NEED_MORE;
    this.valueKind = CELL_TOKEN;
    this.valueStart = start;
    this.valueEnd = this.p;
  }

  private digitAt(): number {
    if (this.p >= this.end) this.endOfInput();
    return this.bytes[this.p] - 0x30;
  }

  private digits(): number {
    let count = 0;
    while (this.p < this.end) {
      const digit = this.bytes[this.p] - 0x30;
      if (digit < 0 || digit > 9) break;
      this.p++;
      count++;
    }
    if (this.p >= this.end && count === 0) this.endOfInput();
    return count;
  }

  private atByte(byte: number): boolean {
    return this.p < this.end && this.bytes[this.p] === byte;
  }

  private parseWord(word: string, kind: number): void {
    const start = this.p;
    for (let i = 0; i < word.length; i++) {
      if (this.p >= this.end) this.endOfInput();
      if (this.bytes[this.p] !== word.charCodeAt(i)) this.fail('expected a value', start);
      this.p++;
    }
    this.valueKind = kind;
    this.valueStart = start;
    this.valueEnd = this.p;
  }

  /** An object or array where a single value belongs: validated and skipped. */
  private parseNested(depth: number): void {
    if (depth >= MAX_DEPTH) this.fail('nested too deeply');
    const start = this.p;
    const close = this.bytes[this.p] === 0x7b ? 0x7d : 0x5d;
    const isObject = close === 0x7d;
    this.p++;
    this.skipWhitespace();
    if (this.peek() === close) {
      this.p++;
    } else {
      for (;;) {
        this.skipWhitespace();
        if (isObject) {
          if (this.peek() !== QUOTE) this.fail('expected a key in double quotes');
          this.parseString();
          this.skipWhitespace();
          if (this.peek() !== 0x3a) this.fail('expected ":" after the key');
          this.p++;
          this.skipWhitespace();
        }
        this.parseValue(depth + 1);
        this.skipWhitespace();
        const next = this.peek();
        this.p++;
        if (next === close) break;
        if (next !== 0x2c) this.fail(`expected "," or "${String.fromCharCode(close)}"`, this.p - 1);
      }
    }
    this.valueKind = CELL_NESTED;
    this.valueStart = start;
    this.valueEnd = this.p;
  }

  /** The declared column the key just parsed names (exactly, else once trimmed), or -1. */
  private columnOfKey(): number {
    let bytes = this.bytes;
    let start = this.valueStart;
    let end = this.valueEnd;
    if (this.valueKind === CELL_JSON_ESCAPED) {
      if (this.keyScratch.length < end - start) this.keyScratch = new Uint8Array(end - start);
      end = unescapeJson(bytes, start, end, this.keyScratch);
      start = 0;
      bytes = this.keyScratch;
    }
    const known = this.keys.size;
    const id = this.keys.intern(bytes, start, end);
    if (id < known) return this.keyColumns[id];
    const name = decodeUtf8(bytes, start, end);
    this.keyNames.push(name);
    let column = this.declared.indexOf(name);
    if (column < 0) column = this.declared.indexOf(name.trim());
    if (id >= this.keyColumns.length) {
      const grown = new Int32Array(this.keyColumns.length * 2);
      grown.set(this.keyColumns);
      this.keyColumns = grown;
    }
    this.keyColumns[id] = column;
    if (column >= 0) this.columnSeen[column] = 1;
    return column;
  }
}

function isHexDigit(byte: number): boolean {
  const lower = byte | 0x20;
  return (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x66);
}

/** \" \\ \/ \b \f \n \r \t */
function isSimpleEscape(byte: number): boolean {
  return byte === 0x22 || byte === 0x5c || byte === 0x2f || byte === 0x62 || byte === 0x66 ||
    byte === 0x6e || byte === 0x72 || byte === 0x74;
}

function describeValue(first: number): string {
  if (first === QUOTE) return 'a string';
  if (first === 0x5b) return 'an array';
  if (first === 0x74 || first === 0x66) return 'a boolean';
  if (first === 0x6e) return 'null';
  return 'a number';
}
