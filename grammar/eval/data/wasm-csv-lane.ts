/**
 * The CSV fast lane (plain-csv-lane.ts holds its contract), run as
 * WebAssembly (grammar/wasm/csv-lane.ts, compiled into csv-lane-wasm.ts by
 * the build): at machine speed from the first record. V8 runs JavaScript in
 * its interpreter until a loop is hot and its optimised code arrives from a
 * background compile; for a file of 100,000 rows most of the file was read
 * before that. WebAssembly is compiled before its first call.
 *
 * This module is the lane's host. It describes the file's fields to the
 * WebAssembly instance, copies each chunk into the instance's memory once,
 * calls `read`, and copies the rows it took from the instance's batch
 * columns into the table's columns (typed-array copies). Text codes stay the
 * table builder's: a text new to the instance stops its `read`, the builder
 * gives the code (or refuses the value, and the record is declined), the
 * instance remembers it, and reading resumes at that record.
 *
 * A checked key is registered here, in file order, before the rows are
 * kept: the instance writes each row's key (its bytes' range, or its value)
 * and where each record starts, and a key seen before ends the batch at its
 * record, which is declined for the general way to report.
 *
 * Where WebAssembly is missing, or the engine cannot compile its SIMD,
 * `create` gives null and every record takes the general way.
 */

import { CSV_LANE_WASM } from './csv-lane-wasm';
import type { BoolSlot, NumericSlot, TextSlot } from './column-store';
import { FIELD_BOOL, FIELD_TEXT, type CsvLane, type FieldRule, type LanePlan } from './plain-csv-lane';
import { BOOL_MISSING, TEXT_MISSING } from './table';
import type { TableBuilder } from './table-builder';

/** The instance's exports (grammar/wasm/csv-lane.ts). */
interface LaneExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  readonly taken: { readonly value: number };
  readonly stopReason: { readonly value: number };
  readonly newTextField: { readonly value: number };
  readonly newTextStart: { readonly value: number };
  readonly newTextEnd: { readonly value: number };
  readonly STOP_FULL: { readonly value: number };
  readonly STOP_NEW_TEXT: { readonly value: number };
  describeFields(count: number): number;
  prepare(rows: number): void;
  inputArea(size: number): number;
  columnOf(field: number): number;
  rowColumn(which: number): number;
  read(start: number, end: number): number;
  remember(field: number, start: number, end: number, code: number): void;
}

/** The part of the WebAssembly API the lane uses (the core's TypeScript setup has no DOM or node types). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** Rows per batch: the instance's batch columns hold this many rows between copies. */
const BATCH_ROWS = 8192;

// Field description layout and flags: AT_* and the flags of grammar/wasm/csv-lane.ts.
const FIELD_SIZE = 56;
const AT_KIND = 0;
const AT_FLAGS = 4;
const AT_MISSING = 8;
const AT_MIN = 16;
const AT_MAX = 24;
const REQUIRED = 1;
const INTEGER = 2;
const CODED = 4;
const STORED = 8;
const KEY = 16;
// rowColumn's columns.
const RECORD_STARTS = 0;
const KEY_STARTS = 1;
const KEY_ENDS = 2;
const KEY_VALUES = 3;

/** A stored field: its batch column in the instance, and the table column it is copied into. */
interface StoredField {
  readonly address: number;
  readonly numbers: NumericSlot | null;
  readonly flags: BoolSlot | null;
  readonly codes: TextSlot | null;
}

export class WasmCsvLane implements CsvLane {
  taken = 0;
  /** The chunk whose bytes `[copiedStart, copiedEnd)` are in the instance's input area, at `copiedStart + offset`. */
  private chunk: Uint8Array | null = null;
  private copiedStart = 0;
  private copiedEnd = 0;
  private offset = 0;
  private readonly stored: StoredField[] = [];
  private readonly stopFull: number;
  private readonly stopNewText: number;

  private constructor(
    private readonly builder: TableBuilder,
    private readonly plan: LanePlan,
    private readonly lane: LaneExports,
  ) {
    this.stopFull = lane.STOP_FULL.value;
    this.stopNewText = lane.STOP_NEW_TEXT.value;
    const fields = plan.fields;
    const at = lane.describeFields(fields.length);
    const view = new DataView(lane.memory.buffer);
    fields.forEach((rule, i) => {
      const field = at + i * FIELD_SIZE;
      view.setUint32(field + AT_KIND, rule.kind, true);
      view.setUint32(field + AT_FLAGS, flagsOf(rule, rule === plan.keyRule), true);
      view.setInt32(field + AT_MISSING, rule.kind === FIELD_BOOL ? BOOL_MISSING : TEXT_MISSING, true);
      view.setFloat64(field + AT_MIN, rule.min, true);
      view.setFloat64(field + AT_MAX, rule.max, true);
    });
    lane.prepare(BATCH_ROWS);
    fields.forEach((rule, i) => {
      if (isStored(rule)) {
        this.stored.push({ address: lane.columnOf(i), numbers: rule.numbers, flags: rule.flags, codes: rule.codes });
      }
    });
  }

  /**
   * The lane for a file planned as `plan`, or null when this JavaScript
   * engine has no WebAssembly (looked up here, not when the module loads:
   * node builds a startup snapshot without it, and the snapshot's code then
   * runs where it exists) or cannot compile the lane.
   */
  static create(builder: TableBuilder, plan: LanePlan): WasmCsvLane | null {
    const webAssembly = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (webAssembly === undefined) return null;
    let module: object;
    try {
      module = new webAssembly.Module(CSV_LANE_WASM);
    } catch {
      return null; // an engine without WebAssembly SIMD: every record takes the general way
    }
    const instance = new webAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error('the CSV lane ran out of memory');
        },
      },
    });
    return new WasmCsvLane(builder, plan, instance.exports as LaneExports);
  }

  newChunk(): void {
    this.chunk = null;
  }

  read(bytes: Uint8Array, start: number, end: number, line: number): number {
    if (bytes !== this.chunk || start < this.copiedStart || end > this.copiedEnd) this.copy(bytes, start, end);
    const lane = this.lane;
    const offset = this.offset;
    let at = start;
    let taken = 0;
    // The last new text asked for: its record, field and place (the same ask twice would loop).
    let askedRecord = -1;
    let askedField = -1;
    let askedStart = -1;
    for (;;) {
      const stop = lane.read(at + offset, end + offset) - offset;
      const read = lane.taken.value;
      // Rows up to the first duplicate key; that record goes to the general way.
      const rows = this.plan.keyRule === null || read === 0 ? read : this.registerKeys(read, line + taken);
      if (rows > 0) this.keep(rows);
      taken += rows;
      if (rows < read) {
        at = new Int32Array(lane.memory.buffer, lane.rowColumn(RECORD_STARTS), read)[rows] - offset;
        break;
      }
      at = stop;
      const reason = lane.stopReason.value;
      if (reason === this.stopFull) continue;
      if (reason === this.stopNewText) {
        // The same text asked for twice means the instance did not take its code: never loop on it.
        const field = lane.newTextField.value;
        const asked = lane.newTextStart.value;
        const again = at === askedRecord && field === askedField && asked === askedStart;
        if (!again && this.learnText()) {
          askedRecord = at;
          askedField = field;
          askedStart = asked;
          continue;
        }
      }
      break;
    }
    this.taken = taken;
    return at;
  }

  /**
   * Registers the keys of the `rows` rows the instance read, the first on
   * line `firstLine`: returns how many come before the first key seen
   * earlier (all of them when none was).
   */
  private registerKeys(rows: number, firstLine: number): number {
    const lane = this.lane;
    const keyRule = this.plan.keyRule!;
    const keys = keyRule.key!;
    const buffer = lane.memory.buffer;
    if (keyRule.kind === FIELD_TEXT) {
      const bytes = new Uint8Array(buffer);
      const starts = new Int32Array(buffer, lane.rowColumn(KEY_STARTS), rows);
      const ends = new Int32Array(buffer, lane.rowColumn(KEY_ENDS), rows);
      for (let row = 0; row < rows; row++) if (keys.check(bytes, starts[row], ends[row], firstLine + row) !== 0) return row;
    } else {
      const values = new Float64Array(buffer, lane.rowColumn(KEY_VALUES), rows);
      for (let row = 0; row < rows; row++) if (keys.checkNumber(values[row], firstLine + row) !== 0) return row;
    }
    return rows;
  }

  /** Copies `bytes[start, end)` into the instance's input area. */
  private copy(bytes: Uint8Array, start: number, end: number): void {
    const area = this.lane.inputArea(end - start);
    new Uint8Array(this.lane.memory.buffer, area, end - start).set(bytes.subarray(start, end));
    this.chunk = bytes;
    this.copiedStart = start;
    this.copiedEnd = end;
    this.offset = area - start;
  }

  /**
   * The builder's code for the text the last `read` stopped at, given to the
   * instance; false when the column does not allow that value (the record
   * goes to the general way, which reports it).
   */
  private learnText(): boolean {
    const lane = this.lane;
    const field = lane.newTextField.value;
    const start = lane.newTextStart.value;
    const end = lane.newTextEnd.value;
    const code = this.builder.textCode(this.plan.fields[field].plan!, new Uint8Array(lane.memory.buffer), start, end);
    if (code < 0) return false;
    lane.remember(field, start, end, code);
    return true;
  }

  /** Appends the `rows` rows in the batch columns to the table. */
  private keep(rows: number): void {
    const builder = this.builder;
    const first = builder.openRows(rows);
    const buffer = this.lane.memory.buffer;
    for (const field of this.stored) {
      if (field.codes !== null) field.codes.values.set(new Int32Array(buffer, field.address, rows), first);
      else if (field.flags !== null) field.flags.values.set(new Uint8Array(buffer, field.address, rows), first);
      else if (field.numbers !== null) field.numbers.values.set(new Float64Array(buffer, field.address, rows), first);
    }
    const plan = this.plan;
    for (const slot of plan.absentNumbers) slot.values.fill(NaN, first, first + rows);
    for (const slot of plan.absentFlags) slot.values.fill(BOOL_MISSING, first, first + rows);
    for (const slot of plan.absentCodes) slot.values.fill(TEXT_MISSING, first, first + rows);
    builder.acceptRows(rows);
  }
}

function isStored(rule: FieldRule): boolean {
  return rule.numbers !== null || rule.flags !== null || rule.codes !== null;
}

function flagsOf(rule: FieldRule, isKey: boolean): number {
  return (rule.required ? REQUIRED : 0) | (rule.integer ? INTEGER : 0) |
    (rule.kind === FIELD_TEXT && rule.coded ? CODED : 0) | (isStored(rule) ? STORED : 0) | (isKey ? KEY : 0);
}
