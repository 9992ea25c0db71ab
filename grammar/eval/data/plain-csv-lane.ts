/**
 * The CSV reader's fast lane: a record in the plainest form (no quoted field,
 * no space around a value, every value valid in its simplest spelling, as
 * many fields as the header) is checked and written straight into the column
 * store in one walk over its bytes, without being split into cells first.
 * This module holds the lane's contract (CsvLane, planLane) and its
 * JavaScript form: the walk is a function written for the file's fields
 * (plain-lane-code.ts), and a quoted field on one line is read by
 * `quotedField` here. Files whose key is not checked are read by the same
 * lane run as WebAssembly (wasm-csv-lane.ts), held to the same contract.
 *
 * The general way (CsvReader.scanRecord, then TableBuilder.addRow) is the
 * definition of what a record means. The lane either gives exactly what the
 * general way would give for the record, or declines before the row counts;
 * the reader then reads the record the general way, which also writes every
 * stored column of that row again (or rejects it, and the half-written row
 * is overwritten by the next). It declines at anything unusual: a quote at
 * the start of a field, a blank at either end of a value, a value the schema
 * rejects, a missing required value, a field count unlike the header's, or
 * the end of the bytes (the record may go on in the next chunk). So every
 * problem message comes from the general way, and the lane needs none.
 *
 * A key column (`kpi check`) is checked last, once every other field of the
 * record is known to be good: a new key is registered and the row kept; a
 * key seen before registers nothing, and the record is declined, so the
 * general way reports the duplicate. Registering earlier could register a
 * key for a record the general way then reads again, which would call the
 * key a duplicate of itself; for the same reason a file with two key
 * columns, or a key written with `""` escapes, is left to the general way.
 *
 * test/grammar/data/plain-lane.test.ts compares the two ways on generated
 * files.
 */

import {
  EXACT_POWERS_OF_TEN, isBlankByte, parseBool, parseDate, parseDateTime, parseDecimal,
} from './cell-values';
import type { BoolSlot, NumericSlot, TextSlot } from './column-store';
import {
  TYPE_BOOL, TYPE_DATE, TYPE_DATETIME, TYPE_INT, TYPE_NUMBER, TYPE_TEXT,
  type ColumnPlan, type TableBuilder,
} from './table-builder';
import type { KeyIndex } from './key-index';
import { unescapeCsv } from './row-cells';
import { BOOL_MISSING, TEXT_MISSING } from './table';
import {
  FIELD_BOOL, FIELD_DATE, FIELD_DATETIME, FIELD_IGNORED, FIELD_NUMBER, FIELD_TEXT, recordReader, type RecordReader,
} from './plain-lane-code';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** `quotedField`'s answer when the record is left to the general way. */
const DECLINED = -1;

const FIELD_OF_TYPE: Record<number, number> = {
  [TYPE_TEXT]: FIELD_TEXT,
  [TYPE_NUMBER]: FIELD_NUMBER,
  [TYPE_INT]: FIELD_NUMBER,
  [TYPE_BOOL]: FIELD_BOOL,
  [TYPE_DATE]: FIELD_DATE,
  [TYPE_DATETIME]: FIELD_DATETIME,
};

/** One field of the file, and where its value goes. One shape for all, so `quotedField` stays monomorphic. */
export interface FieldRule {
  readonly kind: number;
  readonly plan: ColumnPlan | null;
  readonly required: boolean;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** Text: the value needs its dictionary code (the column is stored or has allowed values). */
  readonly coded: boolean;
  readonly numbers: NumericSlot | null;
  readonly flags: BoolSlot | null;
  readonly codes: TextSlot | null;
  /** The key column's uniqueness index, when this field is the file's key. */
  readonly key: KeyIndex | null;
}

/**
 * A fast lane as the CSV reader uses it: `read` takes the plain records from
 * `start` on (the first on physical line `line`), up to the first it
 * declines, a blank line or the end of the bytes, and returns where it
 * stopped, with how many records it took in `taken`. `newChunk` says the
 * reader's bytes are a new chunk (the caller may reuse its buffer).
 */
export interface CsvLane {
  read(bytes: Uint8Array, start: number, end: number, line: number): number;
  readonly taken: number;
  newChunk(): void;
}

/** What a lane knows of a file: a rule per field, the stored columns the file lacks, the checked key's field. */
export interface LanePlan {
  readonly fields: readonly FieldRule[];
  readonly absentNumbers: readonly NumericSlot[];
  readonly absentFlags: readonly BoolSlot[];
  readonly absentCodes: readonly TextSlot[];
  readonly keyRule: FieldRule | null;
}

/**
 * The plan for a file whose fields hold the declared columns `columnOfField`
 * (-1: no declared column), or null when no record could take a lane: two
 * key columns are checked, or a required column is absent (every row is
 * rejected).
 */
export function planLane(builder: TableBuilder, columnOfField: Int32Array): LanePlan | null {
  const plans = builder.columnPlans;
  const present = new Uint8Array(plans.length);
  for (const column of columnOfField) if (column >= 0) present[column] = 1;
  const absentNumbers: NumericSlot[] = [];
  const absentFlags: BoolSlot[] = [];
  const absentCodes: TextSlot[] = [];
  for (const plan of plans) {
    if (present[plan.index] === 1) continue;
    if (plan.required) return null;
    const slot = builder.slotOf(plan.index);
    if (slot === undefined) continue;
    if (plan.type === TYPE_TEXT) absentCodes.push(slot as TextSlot);
    else if (plan.type === TYPE_BOOL) absentFlags.push(slot as BoolSlot);
    else absentNumbers.push(slot as NumericSlot);
  }
  const fields = Array.from(columnOfField, (column) => fieldRule(builder, column < 0 ? null : plans[column]));
  const keyFields = fields.filter((rule) => rule.key !== null);
  if (keyFields.length > 1) return null;
  return { fields, absentNumbers, absentFlags, absentCodes, keyRule: keyFields[0] ?? null };
}

export class PlainCsvLane implements CsvLane {
  /** Unescaped quoted fields (`""` made `"`), reused; `unescapedLength` bytes of it are the last one. */
  private scratch = new Uint8Array(256);
  private unescapedLength = 0;
  /** The current record's key, once read: present or not, and its value (bytes in `read`'s chunk, or a number). */
  private keyPresent = false;
  private keyStart = 0;
  private keyEnd = 0;
  private keyValue = 0;

  /**
   * Reads the plain records from `start` on, the first starting on physical
   * line `line`, up to the first record it declines, a blank line or the end
   * of the bytes: returns where it stopped, with the number of records read
   * in `taken` (0: the record at `start` is left to the general way).
   * Written for the file's fields by plain-lane-code.ts.
   */
  readonly read: RecordReader;
  /** How many records the last `read` took. */
  taken = 0;
  /** The field of the key column, when keys are checked. */
  private readonly keyRule: FieldRule | null;

  constructor(private readonly builder: TableBuilder, plan: LanePlan) {
    const keyRule = plan.keyRule;
    this.keyRule = keyRule;
    const fields = plan.fields;
    this.read = recordReader(fields.map((rule) => ({
      kind: rule.kind,
      required: rule.required,
      integer: rule.integer,
      min: rule.min,
      max: rule.max,
      coded: rule.coded,
      stored: rule.numbers !== null || rule.flags !== null || rule.codes !== null,
      key: rule.key !== null && rule === keyRule,
    })), {
      lane: this,
      builder,
      rules: fields,
      plans: fields.map((rule) => rule.plan),
      slots: fields.map((rule) => rule.numbers ?? rule.flags ?? rule.codes),
      absentNumbers: plan.absentNumbers,
      absentFlags: plan.absentFlags,
      absentCodes: plan.absentCodes,
      parseBool,
      parseDate,
      parseDateTime,
      powersOfTen: EXACT_POWERS_OF_TEN,
      boolMissing: BOOL_MISSING,
      textMissing: TEXT_MISSING,
    });
  }

  /** The lane for `builder`'s file with fields `columnOfField`, or null when no record could take it (see planLane). */
  static create(builder: TableBuilder, columnOfField: Int32Array): PlainCsvLane | null {
    const plan = planLane(builder, columnOfField);
    return plan === null ? null : new PlainCsvLane(builder, plan);
  }

  /** Nothing to do: the written reader reads each chunk where it is. */
  newChunk(): void {}

  /** The record reader starts a record: no key read yet. */
  forgetKey(): void {
    this.keyPresent = false;
  }

  /** The record's key is the bytes `[start, end)` of the chunk being read. */
  textKey(start: number, end: number): void {
    this.keyPresent = true;
    this.keyStart = start;
    this.keyEnd = end;
  }

  /** The record's key is the number (or flag, or date) `value`. */
  numberKey(value: number): void {
    this.keyPresent = true;
    this.keyValue = value;
  }

  /**
   * Once every field of the record is good: registers its key, if it has
   * one, and tells whether that key was seen before (the record is then
   * declined, and the general way reports the duplicate).
   */
  keySeenBefore(bytes: Uint8Array, line: number): boolean {
    const keyRule = this.keyRule;
    if (keyRule === null || !this.keyPresent) return false;
    const keys = keyRule.key!;
    const earlier = keyRule.kind === FIELD_TEXT
      ? keys.check(bytes, this.keyStart, this.keyEnd, line)
      : keys.checkNumber(this.keyValue, line);
    return earlier !== 0;
  }

  /**
   * Reads the quoted field at `start` (on one line) and stores its value at
   * `row`: returns where the field ends (at its separator, which the caller
   * checks), or DECLINED.
   */
  quotedField(rule: FieldRule, bytes: Uint8Array, start: number, end: number, row: number): number {
    // Its content, `""` kept for `store` to unescape.
    let p = start;
    const valueStart = ++p;
    let escaped = false;
    for (;;) {
      if (p + 1 >= end) return DECLINED; // the closing quote and what follows it are not here yet
      const byte = bytes[p];
      if (byte === QUOTE) {
        if (bytes[p + 1] !== QUOTE) break;
        escaped = true;
        p += 2;
      } else if (byte === LF || byte === CR) {
        return DECLINED; // a line break inside: line numbers need the general way
      } else {
        p++;
      }
    }
    const valueEnd = p++;
    if (rule.kind !== FIELD_IGNORED && !this.store(rule, bytes, valueStart, valueEnd, escaped, row)) return DECLINED;
    return p;
  }

  /**
   * Checks the value `[start, end)` of a field (`escaped`: a quoted field
   * with `""` in it) and writes it at `row`; false to decline.
   */
  private store(rule: FieldRule, cell: Uint8Array, cellStart: number, cellEnd: number, escaped: boolean, row: number): boolean {
    let bytes = cell;
    let start = cellStart;
    let end = cellEnd;
    if (escaped) {
      if (rule.kind !== FIELD_TEXT || rule.key !== null) return false;
      bytes = this.unescaped(cell, cellStart, cellEnd);
      start = 0;
      end = this.unescapedLength;
    }
    if (start === end) {
      if (rule.required) return false;
      if (rule.numbers !== null) rule.numbers.values[row] = NaN;
      else if (rule.flags !== null) rule.flags.values[row] = BOOL_MISSING;
      else if (rule.codes !== null) rule.codes.values[row] = TEXT_MISSING;
      return true;
    }
    if (isBlankByte(bytes[start]) || isBlankByte(bytes[end - 1])) return false;
    switch (rule.kind) {
      case FIELD_TEXT: {
        if (rule.key !== null) this.textKey(start, end);
        if (!rule.coded) return true;
        const code = this.builder.textCode(rule.plan!, bytes, start, end);
        if (code < 0) return false;
        if (rule.codes !== null) rule.codes.values[row] = code;
        return true;
      }
      case FIELD_BOOL: {
        const flag = parseBool(bytes, start, end);
        if (flag < 0) return false;
        if (rule.flags !== null) rule.flags.values[row] = flag;
        if (rule.key !== null) this.numberKey(flag);
        return true;
      }
      case FIELD_IGNORED:
        return true;
      default: {
        let value: number;
        if (rule.kind === FIELD_NUMBER) {
          value = parseDecimal(bytes, start, end);
          if (rule.integer && value !== Math.floor(value)) return false;
        } else {
          value = rule.kind === FIELD_DATETIME ? parseDateTime(bytes, start, end) : parseDate(bytes, start, end);
        }
        // A value that is not valid (NaN) fails too.
        if (!(value >= rule.min && value <= rule.max)) return false;
        if (rule.numbers !== null) rule.numbers.values[row] = value;
        if (rule.key !== null) this.numberKey(value);
        return true;
      }
    }
  }

  /** The content of a quoted field with `""` made `"`, in a reused buffer (length in `unescapedLength`). */
  private unescaped(bytes: Uint8Array, start: number, end: number): Uint8Array {
    if (this.scratch.length < end - start) this.scratch = new Uint8Array(2 * (end - start));
    this.unescapedLength = unescapeCsv(bytes, start, end, this.scratch);
    return this.scratch;
  }
}

function fieldRule(builder: TableBuilder, plan: ColumnPlan | null): FieldRule {
  if (plan === null) {
    return {
      kind: FIELD_IGNORED, plan, required: false, integer: false, min: -Infinity, max: Infinity,
      coded: false, numbers: null, flags: null, codes: null, key: null,
    };
  }
  const slot = builder.slotOf(plan.index);
  const type = plan.type;
  return {
    kind: FIELD_OF_TYPE[type],
    plan,
    required: plan.required,
    integer: type === TYPE_INT,
    min: plan.min,
    max: plan.max,
    coded: plan.dictionary !== null,
    numbers: slot !== undefined && type !== TYPE_TEXT && type !== TYPE_BOOL ? slot as NumericSlot : null,
    flags: slot !== undefined && type === TYPE_BOOL ? slot as BoolSlot : null,
    codes: slot !== undefined && type === TYPE_TEXT ? slot as TextSlot : null,
    key: plan.keys,
  };
}
