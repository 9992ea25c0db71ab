/**
 * The CSV reader's fast lane, its contract and its plan: a record in the
 * plainest form (no quoted field spanning lines, no space around a value,
 * every value valid in its simplest spelling, as many fields as the header)
 * is checked and written straight into the columns in one walk over its
 * bytes, without being split into cells first. The walk runs as WebAssembly
 * (wasm-csv-lane.ts); this module says what it must do and plans it for a
 * file's fields.
 *
 * The general way (CsvReader.scanRecord, then TableBuilder.addRow) is the
 * definition of what a record means. The lane either gives exactly what the
 * general way would give for the record, or declines before the row counts;
 * the reader then reads the record the general way. It declines at anything
 * unusual: a quote at the start of a field that does not close on the same
 * line, a blank at either end of a value, a value the schema rejects, a
 * missing required value, a field count unlike the header's, or the end of
 * the bytes (the record may go on in the next chunk). So every problem
 * message comes from the general way, and the lane needs none.
 *
 * A key column (`kpi check`) is checked once every field of the record is
 * known to be good, in file order: a new key is registered and the row kept;
 * a key seen before registers nothing, and the record is declined, so the
 * general way reports the duplicate. Registering earlier could register a
 * key for a record the general way then reads again, which would call the
 * key a duplicate of itself; for the same reason a file with two key
 * columns, or a key written with `""` escapes, is left to the general way.
 *
 * test/grammar/data/plain-lane.test.ts compares the lane with the general
 * way on generated files.
 */

import type { BoolSlot, NumericSlot, TextSlot } from './column-store';
import type { KeyIndex } from './key-index';
import {
  TYPE_BOOL, TYPE_DATE, TYPE_DATETIME, TYPE_INT, TYPE_NUMBER, TYPE_TEXT,
  type ColumnPlan, type TableBuilder,
} from './table-builder';

/** What a field of the file holds (the lane's kinds, the same numbers in grammar/wasm/csv-lane.ts). */
export const FIELD_IGNORED = 0; // no declared column: not read
export const FIELD_TEXT = 1;
export const FIELD_NUMBER = 2; // number and int
export const FIELD_BOOL = 3;
export const FIELD_DATE = 4;
export const FIELD_DATETIME = 5;

const FIELD_OF_TYPE: Record<number, number> = {
  [TYPE_TEXT]: FIELD_TEXT,
  [TYPE_NUMBER]: FIELD_NUMBER,
  [TYPE_INT]: FIELD_NUMBER,
  [TYPE_BOOL]: FIELD_BOOL,
  [TYPE_DATE]: FIELD_DATE,
  [TYPE_DATETIME]: FIELD_DATETIME,
};

/**
 * A fast lane as the CSV reader uses it: `read` takes the plain records from
 * `start` on (the first on physical line `line`, one line each), up to the
 * first it declines, a blank line or the end of the bytes, and returns where
 * it stopped, with how many records it took in `taken` (0: the record at
 * `start` is left to the general way). `newChunk` says the reader's bytes
 * are a new chunk (the caller may reuse its buffer).
 */
export interface CsvLane {
  read(bytes: Uint8Array, start: number, end: number, line: number): number;
  readonly taken: number;
  newChunk(): void;
}

/** One field of the file, and where its value goes. */
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
  /** The key column's uniqueness index, when this field is the file's checked key. */
  readonly key: KeyIndex | null;
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
