/**
 * The CSV reader's fast lane: a record in the plainest form (no quoted field,
 * no space around a value, every value valid in its simplest spelling, as
 * many fields as the header) is checked and written straight into the column
 * store in one walk over its bytes, without being split into cells first.
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

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

/** `read`'s answer when the record is left to the general way. */
export const DECLINED = -1;

/** What a field of the file holds. */
const FIELD_IGNORED = 0; // no declared column: not read
const FIELD_TEXT = 1;
const FIELD_NUMBER = 2; // number and int
const FIELD_BOOL = 3;
const FIELD_DATE = 4;
const FIELD_DATETIME = 5;

const FIELD_OF_TYPE: Record<number, number> = {
  [TYPE_TEXT]: FIELD_TEXT,
  [TYPE_NUMBER]: FIELD_NUMBER,
  [TYPE_INT]: FIELD_NUMBER,
  [TYPE_BOOL]: FIELD_BOOL,
  [TYPE_DATE]: FIELD_DATE,
  [TYPE_DATETIME]: FIELD_DATETIME,
};

/** One field of the file, and where its value goes. One shape for all, so the loop stays monomorphic. */
interface FieldRule {
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

export class PlainCsvLane {
  /** Unescaped quoted fields (`""` made `"`), reused; `unescapedLength` bytes of it are the last one. */
  private scratch = new Uint8Array(256);
  private unescapedLength = 0;
  /** The current record's key, once read: present or not, and its value (bytes in `read`'s chunk, or a number). */
  private keyPresent = false;
  private keyStart = 0;
  private keyEnd = 0;
  private keyValue = 0;

  private constructor(
    private readonly builder: TableBuilder,
    private readonly fields: readonly FieldRule[],
    /** Stored optional columns the file does not have: missing in every row. */
    private readonly absentNumbers: readonly NumericSlot[],
    private readonly absentFlags: readonly BoolSlot[],
    private readonly absentCodes: readonly TextSlot[],
    /** The field of the key column, when keys are checked. */
    private readonly keyRule: FieldRule | null,
  ) {}

  /**
   * The lane for a file whose fields hold the declared columns
   * `columnOfField` (-1: no declared column), or null when no record could
   * take it: two key columns are checked, or a required column is absent
   * (every row is rejected).
   */
  static create(builder: TableBuilder, columnOfField: Int32Array): PlainCsvLane | null {
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
    return new PlainCsvLane(builder, fields, absentNumbers, absentFlags, absentCodes, keyFields[0] ?? null);
  }

  /**
   * Reads the record at `start` (not a blank line), which starts on physical
   * line `line`, if it is plain: returns where the next record starts, or DECLINED.
   */
  read(bytes: Uint8Array, start: number, end: number, line: number): number {
    const row = this.builder.openRow();
    this.keyPresent = false;
    const fields = this.fields;
    const last = fields.length - 1;
    let p = start;
    for (let field = 0; field <= last; field++) {
      const rule = fields[field];
      if (rule.kind === FIELD_NUMBER && p < end && bytes[p] !== QUOTE) {
        // A number is checked as it is scanned: one pass over its bytes.
        p = this.readNumber(rule, bytes, p, end, row);
      } else {
        p = this.readField(rule, bytes, p, end, row);
      }
      if (p === DECLINED) return DECLINED;
      // At the separator: a comma between fields, a line break after the last (else the count is wrong).
      const byte = bytes[p];
      if (field < last) {
        if (byte !== COMMA) return DECLINED;
        p++;
      } else if (byte === LF) {
        p++;
      } else if (byte === CR) {
        if (p + 1 >= end) return DECLINED; // is it CRLF? the next chunk tells
        p += bytes[p + 1] === LF ? 2 : 1;
      } else {
        return DECLINED;
      }
    }
    const keyRule = this.keyRule;
    if (keyRule !== null && this.keyPresent) {
      const keys = keyRule.key!;
      const earlier = keyRule.kind === FIELD_TEXT
        ? keys.check(bytes, this.keyStart, this.keyEnd, line)
        : keys.checkNumber(this.keyValue, line);
      if (earlier !== 0) return DECLINED; // a duplicate: the general way reports it
    }
    for (const slot of this.absentNumbers) slot.values[row] = NaN;
    for (const slot of this.absentFlags) slot.values[row] = BOOL_MISSING;
    for (const slot of this.absentCodes) slot.values[row] = TEXT_MISSING;
    this.builder.acceptRow();
    return p;
  }

  /**
   * Reads the field at `start`, quoted or not, and stores its value at
   * `row`: returns where the field ends (at its separator, which the caller
   * checks), or DECLINED.
   */
  private readField(rule: FieldRule, bytes: Uint8Array, start: number, end: number, row: number): number {
    let p = start;
    let valueStart = start;
    let valueEnd: number;
    let escaped = false;
    let byte = 0;
    if (p < end && bytes[p] === QUOTE) {
      // A quoted field on one line: its content, `""` kept for `store` to unescape.
      valueStart = ++p;
      for (;;) {
        if (p + 1 >= end) return DECLINED; // the closing quote and what follows it are not here yet
        byte = bytes[p];
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
      valueEnd = p++;
    } else {
      // Every byte above ',' is plain content; below it only the separators end a field.
      while (p < end && bytes[p] > COMMA) p++;
      while (p < end) {
        byte = bytes[p];
        if (byte === COMMA || byte === LF || byte === CR) break;
        p++;
      }
      if (p >= end) return DECLINED;
      valueEnd = p;
    }
    if (rule.kind !== FIELD_IGNORED && !this.store(rule, bytes, valueStart, valueEnd, escaped, row)) return DECLINED;
    return p;
  }

  /**
   * Reads an unquoted number field at `start` into `row`: returns where the
   * field ends (at its separator, which the caller checks), or DECLINED. The
   * value is parseDecimal's for the spellings taken here (an optional `-`, up
   * to 15 digits with an optional fraction); an exponent, a `+`, spaces or
   * anything else end the digits early and are declined.
   */
  private readNumber(rule: FieldRule, bytes: Uint8Array, start: number, end: number, row: number): number {
    let p = start;
    const negative = bytes[p] === MINUS;
    if (negative) p++;
    let mantissa = 0;
    let digit = 0;
    const digitsStart = p;
    while (p < end && (digit = bytes[p] - ZERO) >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      p++;
    }
    let digits = p - digitsStart;
    let fractionDigits = 0;
    if (p < end && bytes[p] === DOT) {
      const fractionStart = ++p;
      while (p < end && (digit = bytes[p] - ZERO) >= 0 && digit <= 9) {
        mantissa = mantissa * 10 + digit;
        p++;
      }
      fractionDigits = p - fractionStart;
      digits += fractionDigits;
    }
    if (p >= end) return DECLINED;
    const byte = bytes[p];
    if (byte !== COMMA && byte !== LF && byte !== CR) return DECLINED;
    if (p === start) {
      if (rule.required) return DECLINED;
      if (rule.numbers !== null) rule.numbers.values[row] = NaN;
      return p;
    }
    if (digits === 0 || digits > 15) return DECLINED;
    let value = fractionDigits === 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[fractionDigits];
    if (negative) value = -value;
    if (rule.integer && value !== Math.floor(value)) return DECLINED;
    if (!(value >= rule.min && value <= rule.max)) return DECLINED;
    if (rule.numbers !== null) rule.numbers.values[row] = value;
    if (rule.key !== null) this.numberKey(value);
    return p;
  }

  private numberKey(value: number): void {
    this.keyPresent = true;
    this.keyValue = value;
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
        if (rule.key !== null) {
          this.keyPresent = true;
          this.keyStart = start;
          this.keyEnd = end;
        }
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
