/**
 * Checks each row against the declared schema and hands accepted rows to the
 * column store (the Table contract in table.ts).
 *
 * Invariants:
 * - every declared column of every row is checked, stored or not, so the
 *   accepted/rejected counts never depend on which columns a scorecard uses;
 * - a row is stored only when all its cells passed, so rejected rows leave no
 *   trace in the table;
 * - problems are kept in file order, at most `maxProblems` of them; every
 *   rejected row is counted.
 */

import { ByteDictionary } from './byte-dictionary';
import {
  isBlankByte, parseBool, parseDate, parseDateTime, parseDecimal,
} from './cell-values';
import {
  ColumnStore, type BoolSlot, type ColumnSlot, type NumericSlot, type TextSlot,
} from './column-store';
import { grownTo } from './grow';
import { KeyIndex } from './key-index';
import {
  CELL_CSV_ESCAPED, CELL_JSON_ESCAPED, CELL_MISSING, CELL_NESTED, CELL_TOKEN,
  type RowCells, unescapeCsv, unescapeJson,
} from './row-cells';
import {
  BOOL_MISSING, TEXT_MISSING, type ColumnSchema, type DataProblem, type Table,
} from './table';
import { decodeUtf8, encodeUtf8 } from './utf8';

export interface BuilderOptions {
  /** Columns to store; undefined = every declared column. */
  columns?: ReadonlySet<string>;
  maxProblems: number;
  checkKeys: boolean;
}

export interface BuiltRows {
  table: Table;
  rowsRead: number;
  rowsRejected: number;
  problems: DataProblem[];
}

/** Column types as small integers (ColumnPlan.type), for the inner loops. */
export const TYPE_TEXT = 0;
export const TYPE_NUMBER = 1;
export const TYPE_INT = 2;
export const TYPE_BOOL = 3;
export const TYPE_DATE = 4;
export const TYPE_DATETIME = 5;

const TYPE_CODES = {
  text: TYPE_TEXT, number: TYPE_NUMBER, int: TYPE_INT, bool: TYPE_BOOL, date: TYPE_DATE, datetime: TYPE_DATETIME,
} as const;

const EXPECTED: Record<number, string> = {
  [TYPE_NUMBER]: 'is not a number',
  [TYPE_INT]: 'is not a whole number',
  [TYPE_BOOL]: 'is not a bool (expected true/false, yes/no or 1/0)',
  [TYPE_DATE]: 'is not a date (expected 2025-03-14)',
  [TYPE_DATETIME]: 'is not a datetime (expected 2025-03-14T09:23:11)',
};

const MAX_SHOWN_VALUE = 60;

/** What the builder knows about one declared column. */
export interface ColumnPlan {
  readonly index: number;
  readonly name: string;
  readonly schema: ColumnSchema;
  readonly type: number;
  readonly required: boolean;
  readonly stored: boolean;
  readonly hasRange: boolean;
  readonly min: number;
  readonly max: number;
  /** Text columns that are stored or restricted: bytes -> byte id. */
  readonly dictionary: ByteDictionary | null;
  /**
   * Byte id -> code. Codes number distinct texts: byte strings that are not
   * valid UTF-8 can decode to the same text (U+FFFD), and then share a code.
   */
  codeOfId: Int32Array;
  /** Decoded dictionary entries, by code, all distinct. */
  readonly values: string[];
  /**
   * Codes of the texts holding U+FFFD, the only texts two byte strings can
   * share (valid UTF-8 decodes one to one).
   */
  readonly codeOfReplaced: Map<string, number>;
  readonly allowed: ReadonlySet<string> | null;
  /** Per dictionary code: 1 = an allowed value (restricted columns). */
  allowedCodes: Uint8Array;
  readonly keys: KeyIndex | null;
  /** Set by the reader when the file has no such column (CSV header). */
  absent: boolean;
}

export class TableBuilder {
  private readonly plans: ColumnPlan[];
  private readonly store: ColumnStore;
  /** The current row's values, per declared column, until the row is accepted. */
  private readonly rowNumbers: Float64Array;
  private readonly rowCodes: Int32Array;
  /** Unescaped cell bytes. */
  private scratch: Uint8Array = new Uint8Array(256);
  private rowsRead = 0;
  private rowsRejected = 0;
  private readonly problems: DataProblem[] = [];
  /** Whether the current row broke the schema (it is then not stored). */
  private rowRejected = false;

  constructor(schema: readonly ColumnSchema[], private readonly options: BuilderOptions) {
    this.plans = schema.map((column, index) => this.planColumn(column, index));
    this.store = new ColumnStore(this.plans.filter((plan) => plan.stored).map((plan) => ({
      index: plan.index,
      name: plan.name,
      type: plan.schema.type,
      dictionary: plan.values,
    })));
    this.rowNumbers = new Float64Array(schema.length);
    this.rowCodes = new Int32Array(schema.length);
  }

  /** Marks a declared column the file does not have: its value is missing in every row. */
  markAbsent(index: number): void {
    this.plans[index].absent = true;
  }

  /** Records a problem that is not about one row (a header problem). */
  addProblem(problem: DataProblem): void {
    if (this.problems.length < this.options.maxProblems) this.problems.push(problem);
  }

  /** A row the reader could not split into cells (wrong field count, bad JSON line). */
  rejectRow(line: number, message: string): void {
    this.rowsRead++;
    this.rowsRejected++;
    this.addProblem({ line, message });
  }

  /** Checks one row's cells; stores the row if every cell passes. */
  addRow(cells: RowCells, line: number): void {
    this.rowsRead++;
    this.rowRejected = false;
    const plans = this.plans;
    const slotOfColumn = cells.slotOfColumn;
    const kinds = cells.kinds;
    const starts = cells.starts;
    const ends = cells.ends;
    const bytes = cells.bytes;
    for (let column = 0; column < plans.length; column++) {
      const slot = slotOfColumn[column];
      const kind = slot < 0 ? CELL_MISSING : kinds[slot];
      if (kind === CELL_MISSING) this.missingValue(plans[column], line);
      else this.checkValue(plans[column], bytes, starts[slot], ends[slot], kind, line);
    }
    if (this.rowRejected) this.rowsRejected++;
    else this.store.append(this.rowNumbers, this.rowCodes);
  }

  /** The plan of every declared column, in schema order (read only). */
  get columnPlans(): readonly ColumnPlan[] {
    return this.plans;
  }

  /** Where declared column `index` is stored, undefined when it is not. */
  slotOf(index: number): ColumnSlot | undefined {
    return this.store.slotOf(index);
  }

  /**
   * For a reader that writes rows in bulk (the WebAssembly CSV lane): room
   * for `count` more rows, and the first one's index. They count once
   * `acceptRows` is called.
   */
  openRows(count: number): number {
    return this.store.openRows(count);
  }

  /** Counts and keeps the `count` rows `openRows` gave, every cell of which the reader checked as `addRow` would. */
  acceptRows(count: number): void {
    this.rowsRead += count;
    this.store.commitRows(count);
  }

  /**
   * The dictionary code of a text cell (as written, spaces kept), adding the
   * value when new; -1 when the column allows only some values and this is
   * not one of them. The column must have a dictionary.
   */
  textCode(plan: ColumnPlan, bytes: Uint8Array, start: number, end: number): number {
    const dictionary = plan.dictionary!;
    const known = dictionary.size;
    const id = dictionary.intern(bytes, start, end);
    const code = id === known ? this.newTextValue(plan, id, bytes, start, end) : plan.codeOfId[id];
    return plan.allowed !== null && plan.allowedCodes[code] === 0 ? -1 : code;
  }

  /**
   * Appends what another builder read from a later part of the same file,
   * as if this one had read it: its stored rows (text codes translated into
   * this builder's dictionaries, new values added in the order the part
   * first had them), its counts, and its problems with their lines moved by
   * `lineShift` (the part numbered its lines from its own start). Same schema
   * and stored columns; the part must come right after the rows read so far.
   */
  absorb(part: BuiltRows, lineShift: number): void {
    if (this.plans.some((plan) => plan.keys !== null)) throw new Error('TableBuilder.absorb: keys are checked per file');
    const count = part.table.rowCount;
    const at = this.store.rowCount;
    this.store.reserve(at + count);
    for (const plan of this.plans) {
      const slot = this.store.slotOf(plan.index);
      if (slot === undefined) continue;
      const column = part.table.columns.get(plan.name);
      if (column === undefined || column.kind !== (plan.type === TYPE_TEXT ? 'text' : plan.type === TYPE_BOOL ? 'bool' : 'numeric')) {
        throw new Error(`TableBuilder.absorb: the part has no ${plan.schema.type} column ${plan.name}`);
      }
      if (column.kind === 'text') {
        const codeOf = Int32Array.from(column.dictionary, (value) => {
          const bytes = encodeUtf8(value);
          return this.textCode(plan, bytes, 0, bytes.length);
        });
        const target = (slot as TextSlot).values;
        const codes = column.codes;
        for (let row = 0; row < count; row++) {
          const code = codes[row];
          target[at + row] = code < 0 ? TEXT_MISSING : codeOf[code];
        }
      } else if (column.kind === 'bool') {
        (slot as BoolSlot).values.set(column.values.subarray(0, count), at);
      } else {
        (slot as NumericSlot).values.set(column.values.subarray(0, count), at);
      }
    }
    this.store.commitRows(count);
    this.rowsRead += part.rowsRead;
    this.rowsRejected += part.rowsRejected;
    for (const problem of part.problems) this.addProblem({ ...problem, line: problem.line + lineShift });
  }

  /** Rows read so far (accepted and rejected). */
  get rowsSoFar(): number {
    return this.rowsRead;
  }

  /** Sizes the stored columns for about `rows` rows (see ColumnStore.reserve). */
  reserve(rows: number): void {
    this.store.reserve(rows);
  }

  /** The table of accepted rows. Call once. */
  finish(): BuiltRows {
    return {
      table: { rowCount: this.store.rowCount, columns: this.store.finish() } satisfies Table,
      rowsRead: this.rowsRead,
      rowsRejected: this.rowsRejected,
      problems: this.problems,
    };
  }

  /** For an unreadable file: no rows at all (a partial table would mislead), the problems so far. */
  finishEmpty(): BuiltRows {
    this.store.clear();
    return { ...this.finish(), rowsRead: 0, rowsRejected: 0 };
  }

  private planColumn(column: ColumnSchema, index: number): ColumnPlan {
    const type = TYPE_CODES[column.type];
    const stored = this.options.columns === undefined || this.options.columns.has(column.name);
    const isText = type === TYPE_TEXT;
    const allowed = isText && column.allowed !== undefined ? new Set(column.allowed) : null;
    const range = type === TYPE_NUMBER || type === TYPE_INT ? column.range : undefined;
    return {
      index,
      name: column.name,
      schema: column,
      type,
      required: !column.optional || column.key,
      stored,
      hasRange: range !== undefined,
      min: range?.min ?? -Infinity,
      max: range?.max ?? Infinity,
      dictionary: isText && (stored || allowed !== null) ? new ByteDictionary() : null,
      codeOfId: new Int32Array(isText ? 64 : 0),
      values: [],
      codeOfReplaced: new Map(),
      allowed,
      allowedCodes: new Uint8Array(allowed ? 64 : 0),
      keys: column.key && this.options.checkKeys ? new KeyIndex() : null,
      absent: false,
    };
  }

  /** Checks a present cell; on success leaves its value in rowNumbers/rowCodes. */
  private checkValue(plan: ColumnPlan, cellBytes: Uint8Array, cellStart: number, cellEnd: number, kind: number, line: number): void {
    let bytes = cellBytes;
    let start = cellStart;
    let end = cellEnd;
    if (kind === CELL_CSV_ESCAPED || kind === CELL_JSON_ESCAPED) {
      if (this.scratch.length < end - start) this.scratch = new Uint8Array(Math.max(end - start, this.scratch.length * 2));
      bytes = this.scratch;
      end = kind === CELL_CSV_ESCAPED
        ? unescapeCsv(cellBytes, cellStart, cellEnd, bytes)
        : unescapeJson(cellBytes, cellStart, cellEnd, bytes);
      start = 0;
    } else if (kind === CELL_NESTED) {
      this.problem(line, plan, `${plan.name}: an object or array is not a single value`);
      return;
    }
    // Blank means missing. Typed values ignore surrounding spaces; text keeps them.
    let first = start;
    let last = end;
    if (first < last && isBlankByte(bytes[first])) while (first < last && isBlankByte(bytes[first])) first++;
    if (first < last && isBlankByte(bytes[last - 1])) while (last > first && isBlankByte(bytes[last - 1])) last--;
    if (first === last) {
      this.missingValue(plan, line);
      return;
    }
    const type = plan.type;
    if (type === TYPE_TEXT) {
      this.checkText(plan, bytes, start, end, line);
      return;
    }
    let value: number;
    if (type === TYPE_NUMBER || type === TYPE_INT) {
      value = parseDecimal(bytes, first, last);
      if (type === TYPE_INT && value !== Math.floor(value)) value = NaN;
    } else if (type === TYPE_BOOL) {
      value = parseBool(bytes, first, last);
      if (value < 0) value = NaN;
      else this.rowCodes[plan.index] = value;
    } else {
      value = type === TYPE_DATETIME ? parseDateTime(bytes, first, last) : parseDate(bytes, first, last);
    }
    if (value !== value) {
      this.badValue(plan, bytes, first, last, kind, line, EXPECTED[type]);
      return;
    }
    if (plan.hasRange && (value < plan.min || value > plan.max)) {
      this.badValue(plan, bytes, first, last, kind, line, `is outside ${plan.min}..${plan.max}`);
      return;
    }
    this.rowNumbers[plan.index] = value;
    if (plan.keys !== null) this.checkDuplicate(plan, plan.keys.checkNumber(value, line), bytes, first, last, kind, line);
  }

  /** Text is kept as written (spaces included); the dictionary gives its code. */
  private checkText(plan: ColumnPlan, bytes: Uint8Array, start: number, end: number, line: number): void {
    if (plan.dictionary !== null) {
      const code = this.textCode(plan, bytes, start, end);
      if (code < 0) {
        const shown = showValue(decodeUtf8(bytes, start, end), true);
        this.problem(line, plan, `${plan.name}: ${shown} is not one of ${[...(plan.allowed ?? [])].join(', ')}`);
        return;
      }
      this.rowCodes[plan.index] = code;
    }
    if (plan.keys !== null) this.checkDuplicate(plan, plan.keys.check(bytes, start, end, line), bytes, start, end, CELL_MISSING, line);
  }

  /** The code of the bytes new to the dictionary as id `id`: their text's code, a new one if the text is new. */
  private newTextValue(plan: ColumnPlan, id: number, bytes: Uint8Array, start: number, end: number): number {
    const text = decodeUtf8(bytes, start, end);
    const replaced = text.includes('\uFFFD');
    let code = replaced ? plan.codeOfReplaced.get(text) : undefined;
    if (code === undefined) {
      code = plan.values.length;
      plan.values.push(text);
      if (replaced) plan.codeOfReplaced.set(text, code);
      if (plan.allowed !== null) {
        if (code >= plan.allowedCodes.length) plan.allowedCodes = grownTo(plan.allowedCodes, code + 1);
        plan.allowedCodes[code] = plan.allowed.has(text) ? 1 : 0;
      }
    }
    if (id >= plan.codeOfId.length) plan.codeOfId = grownTo(plan.codeOfId, id + 1);
    plan.codeOfId[id] = code;
    return code;
  }

  /** `firstLine` is the line of an earlier row with the same key, 0 if none. */
  private checkDuplicate(
    plan: ColumnPlan, firstLine: number, bytes: Uint8Array, start: number, end: number, kind: number, line: number,
  ): void {
    if (firstLine === 0) return;
    const shown = showValue(decodeUtf8(bytes, start, end), kind !== CELL_TOKEN);
    this.problem(line, plan, `${plan.name}: duplicate key ${shown} (first seen on line ${firstLine})`);
  }

  private missingValue(plan: ColumnPlan, line: number): void {
    if (plan.required) {
      let why = plan.schema.key ? 'key column' : 'column is not optional';
      if (plan.absent) why = `the file has no column "${plan.name}"`;
      this.problem(line, plan, `${plan.name}: value required (${why})`);
      return;
    }
    this.rowNumbers[plan.index] = NaN;
    this.rowCodes[plan.index] = plan.type === TYPE_BOOL ? BOOL_MISSING : TEXT_MISSING;
  }

  private badValue(
    plan: ColumnPlan, bytes: Uint8Array, start: number, end: number, kind: number, line: number, what: string,
  ): void {
    const shown = showValue(decodeUtf8(bytes, start, end), kind !== CELL_TOKEN);
    this.problem(line, plan, `${plan.name}: ${shown} ${what}`);
  }

  private problem(line: number, plan: ColumnPlan, message: string): void {
    this.rowRejected = true;
    this.addProblem({ line, column: plan.name, message });
  }

}

/** A value as messages show it: quoted like JSON unless it was a bare JSON literal; long values cut. */
function showValue(text: string, quoted: boolean): string {
  const cut = text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text;
  return quoted ? JSON.stringify(cut) : cut;
}

