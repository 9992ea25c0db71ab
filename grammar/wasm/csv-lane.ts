/**
 * The CSV fast lane as WebAssembly (AssemblyScript source; scripts/build-wasm.mjs
 * compiles it into grammar/eval/data/csv-lane-wasm.ts at build time).
 *
 * It reads the plain records of the CSV reader's fast lane (the contract is
 * in grammar/eval/data/plain-csv-lane.ts): a record is taken only when every
 * field is in its simplest valid spelling, and anything else is declined
 * for the general way. Its value parsers are those of
 * grammar/eval/data/cell-values.ts, spelling for spelling (the lane's
 * property tests hold the two to the same tables). Why WebAssembly: V8 runs
 * JavaScript in its interpreter until a loop has been hot long enough to be
 * optimised beside the main thread; WebAssembly is compiled to machine code
 * before its first call. A 100,000-row file was mostly read before
 * optimised JavaScript arrived; here it is read at machine speed from the
 * first byte.
 *
 * The lane owns no JavaScript object. The host (wasm-csv-lane.ts) describes
 * the file's fields in `fields`, copies each chunk into `inputArea`, and
 * calls `read`. Values go to per-field batch columns (f64 for numbers, dates
 * and datetimes, u8 for bools, i32 dictionary codes for text), which the
 * host copies into the table's columns after each call. Dictionary codes
 * belong to the host: a text the lane has not seen stops `read` with
 * STOP_NEW_TEXT, the host finds its code, tells it with `remember`, and
 * reads again from the record that stopped.
 *
 * A checked key is not checked here: the lane writes each row's key (its
 * bytes' range, or its value) and where each record starts, and the host
 * registers the keys in file order, keeping the rows before the first
 * duplicate.
 */

// Field kinds: the numbers of plain-csv-lane.ts.
const FIELD_IGNORED: u32 = 0;
const FIELD_TEXT: u32 = 1;
const FIELD_NUMBER: u32 = 2;
const FIELD_BOOL: u32 = 3;
const FIELD_DATE: u32 = 4;
const FIELD_DATETIME: u32 = 5;

// Field flags.
const REQUIRED: u32 = 1;
const INTEGER: u32 = 2;
const CODED: u32 = 4;
const STORED: u32 = 8;
const KEY: u32 = 16; // the checked key: its value per row goes to the key columns

/** A field's description, FIELD_SIZE bytes at `fields + i * FIELD_SIZE`; the host writes the first five. */
const AT_KIND = 0; // u32
const AT_FLAGS = 4; // u32
const AT_MISSING = 8; // i32: the stored marker of a missing bool or text
const AT_MIN = 16; // f64
const AT_MAX = 24; // f64
const AT_COLUMN = 32; // u32: the batch column
const AT_TABLE = 36; // u32: text codes, open addressing: (hash, bytes, length, code) per entry
const AT_MASK = 40; // u32
const AT_COUNT = 44; // u32
const AT_ONCE_START = 48; // i32: where the value starts that AT_ONCE_CODE is for, in record `onceRecord` (see `remember`)
const AT_ONCE_CODE = 52; // i32
const FIELD_SIZE = 56;
const ENTRY_SIZE = 16;
const FIRST_TABLE_SIZE = 64;
/** Texts kept per field: segments and allowed values fit many times over; identifiers do not. */
const REMEMBERED_PER_FIELD: u32 = 65536;

/** Why `read` stopped. */
export const STOP_DECLINED = 0; // a record for the general way, a blank line, or the end of the bytes
export const STOP_FULL = 1; // the batch columns are full
export const STOP_NEW_TEXT = 2; // a text with no code yet: newTextField, newTextStart, newTextEnd

/** Sixteen commas, to find the first byte at or below ',' in a block. */
const COMMAS = i8x16.splat(0x2c);
/** Bytes readable past the end of the input: a sixteen-byte block starting before the end stays inside. */
const INPUT_SLACK = 16;

const QUOTE: u32 = 0x22;
const COMMA: u32 = 0x2c;
const LF: u32 = 0x0a;
const CR: u32 = 0x0d;
const SPACE: u32 = 0x20;
const TAB: u32 = 0x09;
const PLUS: u32 = 0x2b;
const MINUS: u32 = 0x2d;
const DOT: u32 = 0x2e;
const COLON: u32 = 0x3a;
const ZERO: u32 = 0x30;

const DECLINE: i32 = -1;
const NEW_TEXT: i32 = -2;
const MS_PER_DAY: f64 = 86400000;

/** 10^0 .. 10^15, each exact as a double. */
const POWERS_OF_TEN = memory.data<f64>([1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]);

let fields: usize = 0;
let fieldCount: i32 = 0;
let batchRows: i32 = 0;
let input: usize = 0;
let inputSize: i32 = 0;
let recordStarts: usize = 0;
let keyStarts: usize = 0;
let keyEnds: usize = 0;
let keyValues: usize = 0;
/** The record (where it starts) whose fields' AT_ONCE_* codes hold (see `remember`), -1 for none. */
let onceRecord: i32 = -1;
let scratch: usize = 0;
let scratchSize: i32 = 0;

/** What the last `read` did: records taken, why it stopped, and the text it stopped at. */
export let taken: i32 = 0;
export let stopReason: i32 = STOP_DECLINED;
export let newTextField: i32 = 0;
export let newTextStart: i32 = 0;
export let newTextEnd: i32 = 0;

/** Room for `count` field descriptions, zeroed; returns where the host writes them. */
export function describeFields(count: i32): usize {
  fieldCount = count;
  fields = heap.alloc(<usize>(count * FIELD_SIZE));
  memory.fill(fields, 0, <usize>(count * FIELD_SIZE));
  return fields;
}

/** Once the fields are described: batch columns of `rows` rows, and empty code tables. */
export function prepare(rows: i32): void {
  batchRows = rows;
  recordStarts = heap.alloc(<usize>(rows * 4));
  keyStarts = heap.alloc(<usize>(rows * 4));
  keyEnds = heap.alloc(<usize>(rows * 4));
  keyValues = heap.alloc(<usize>(rows * 8));
  for (let i = 0; i < fieldCount; i++) {
    const field = fields + <usize>(i * FIELD_SIZE);
    const kind = load<u32>(field, AT_KIND);
    const flags = load<u32>(field, AT_FLAGS);
    if (flags & STORED) {
      const width = kind == FIELD_BOOL ? 1 : kind == FIELD_TEXT ? 4 : 8;
      store<u32>(field, <u32>heap.alloc(<usize>(rows * width)), AT_COLUMN);
    }
    if (flags & CODED) newTable(field, FIRST_TABLE_SIZE);
  }
}

/** Where the host copies a chunk of `size` bytes. */
export function inputArea(size: i32): usize {
  if (size > inputSize) {
    input = heap.alloc(<usize>(size + INPUT_SLACK));
    inputSize = size;
  }
  onceRecord = -1; // new bytes: a record may start where the last one did
  return input;
}

/**
 * Where the batch's per-row columns are: 0 record starts (i32 addresses),
 * 1 and 2 a text key's start and end (i32 addresses), 3 any other key's
 * value (f64).
 */
export function rowColumn(which: i32): usize {
  return which == 0 ? recordStarts : which == 1 ? keyStarts : which == 2 ? keyEnds : keyValues;
}

/** The batch column of field `i` (0 when it is not stored). */
export function columnOf(i: i32): usize {
  return load<u32>(fields + <usize>(i * FIELD_SIZE), AT_COLUMN);
}

/**
 * Reads plain records from `start` (an address in the input area) up to
 * `end`: returns where it stopped, with `taken` records in rows 0.. of the
 * batch columns and the reason in `stopReason`.
 */
export function read(start: i32, end: i32): i32 {
  let at = start;
  let row = 0;
  stopReason = STOP_DECLINED;
  while (at < end) {
    const first = <u32>load<u8>(<usize>at);
    if (first == LF || first == CR) break; // a blank line: the CSV reader skips it
    if (row == batchRows) {
      stopReason = STOP_FULL;
      break;
    }
    store<i32>(recordStarts + <usize>(row << 2), at);
    let p = at;
    for (let i = 0; i < fieldCount; i++) {
      p = readField(i, p, end, row);
      if (p < 0) break;
    }
    if (p < 0) {
      if (p == NEW_TEXT) stopReason = STOP_NEW_TEXT;
      break;
    }
    at = p;
    row++;
  }
  taken = row;
  return at;
}

/**
 * The code the host gave to text `[start, end)` of field `i`, where `read`
 * stopped. The first REMEMBERED_PER_FIELD texts of a field are kept (their
 * bytes copied); past that the code serves that one value of that record,
 * when `read` comes back to it (the host calls `read` again from that
 * record), so that a column of a million distinct texts is not held twice.
 */
export function remember(i: i32, start: i32, end: i32, code: i32): void {
  const field = fields + <usize>(i * FIELD_SIZE);
  if (load<u32>(field, AT_COUNT) >= REMEMBERED_PER_FIELD) {
    const record = recordStartOf(taken); // where `read` stopped
    if (onceRecord != record) {
      for (let other = 0; other < fieldCount; other++) store<i32>(fields + <usize>(other * FIELD_SIZE), -1, AT_ONCE_START);
      onceRecord = record;
    }
    store<i32>(field, start, AT_ONCE_START);
    store<i32>(field, code, AT_ONCE_CODE);
    return;
  }
  const length = end - start;
  const copy = heap.alloc(<usize>length);
  memory.copy(copy, <usize>start, <usize>length);
  let mask = load<u32>(field, AT_MASK);
  const count = load<u32>(field, AT_COUNT) + 1;
  if (count * 2 > mask + 1) {
    grow(field);
    mask = load<u32>(field, AT_MASK);
  }
  insert(load<u32>(field, AT_TABLE), mask, hashOf(copy, <usize>length), <u32>copy, <u32>length, code);
  store<u32>(field, count, AT_COUNT);
}

@inline function recordStartOf(row: i32): i32 {
  return load<i32>(recordStarts + <usize>(row << 2));
}

/** Field `i` of a record at `p`, with its separator: where the next field starts, DECLINE or NEW_TEXT. */
@inline function readField(i: i32, p: i32, end: i32, row: i32): i32 {
  if (p >= end) return DECLINE;
  const field = fields + <usize>(i * FIELD_SIZE);
  const kind = load<u32>(field, AT_KIND);
  let start = p;
  let stop = p;
  if (<u32>load<u8>(<usize>p) == QUOTE) {
    // A quoted field on one line; `""` is an escaped quote.
    let q = p + 1;
    let escaped = false;
    for (;;) {
      if (q + 1 >= end) return DECLINE; // the closing quote and what follows it are not here yet
      const byte = <u32>load<u8>(<usize>q);
      if (byte == QUOTE) {
        if (<u32>load<u8>(<usize>(q + 1)) != QUOTE) break;
        escaped = true;
        q += 2;
      } else if (byte == LF || byte == CR) {
        return DECLINE; // a line break inside: line numbers need the general way
      } else {
        q++;
      }
    }
    p = q + 1;
    if (kind == FIELD_IGNORED) return separator(i, p, end);
    start++;
    stop = q;
    if (escaped) {
      // A key written with `""` is left to the general way (JavaScript checks keys by their bytes as written).
      if (kind != FIELD_TEXT || (load<u32>(field, AT_FLAGS) & KEY)) return DECLINE;
      stop = unescape(start, stop);
      start = <i32>scratch;
    }
  } else {
    // Every byte above ',' is plain content; below it only the separators end a field.
    // Sixteen bytes at a time while they are all content (the input area has room past `end`).
    while (p < end) {
      const below = i8x16.bitmask(i8x16.le_u(v128.load(<usize>p), COMMAS));
      if (below != 0) {
        p += <i32>ctz(below);
        break;
      }
      p += 16;
    }
    if (p > end) p = end;
    while (p < end) {
      const byte = <u32>load<u8>(<usize>p);
      if (byte == COMMA || byte == LF || byte == CR) break;
      p++;
    }
    if (p >= end) return DECLINE;
    if (kind == FIELD_IGNORED) return separator(i, p, end);
    stop = p;
  }
  const verdict = storeValue(i, field, kind, start, stop, row);
  return verdict < 0 ? verdict : separator(i, p, end);
}

/** Checks the value `[start, stop)` of field `i` and writes it at `row`: 0, DECLINE or NEW_TEXT. */
@inline function storeValue(i: i32, field: usize, kind: u32, start: i32, stop: i32, row: i32): i32 {
  const flags = load<u32>(field, AT_FLAGS);
  const column = <usize>load<u32>(field, AT_COLUMN);
  if (start == stop) {
    if (flags & REQUIRED) return DECLINE;
    if (flags & STORED) {
      if (kind == FIELD_TEXT) store<i32>(column + <usize>(row << 2), load<i32>(field, AT_MISSING));
      else if (kind == FIELD_BOOL) store<u8>(column + <usize>row, <u8>load<i32>(field, AT_MISSING));
      else store<f64>(column + <usize>(row << 3), NaN);
    }
    return 0;
  }
  if (isBlank(<u32>load<u8>(<usize>start)) || isBlank(<u32>load<u8>(<usize>(stop - 1)))) return DECLINE;
  if (kind == FIELD_TEXT) {
    if (flags & CODED) {
      let code = codeOf(field, start, stop);
      if (code < 0 && recordStartOf(row) == onceRecord && start == load<i32>(field, AT_ONCE_START)) code = load<i32>(field, AT_ONCE_CODE);
      if (code < 0) {
        newTextField = i;
        newTextStart = start;
        newTextEnd = stop;
        return NEW_TEXT;
      }
      if (flags & STORED) store<i32>(column + <usize>(row << 2), code);
    }
    if (flags & KEY) {
      store<i32>(keyStarts + <usize>(row << 2), start);
      store<i32>(keyEnds + <usize>(row << 2), stop);
    }
    return 0;
  }
  if (kind == FIELD_BOOL) {
    const flag = parseBool(start, stop);
    if (flag < 0) return DECLINE;
    if (flags & STORED) store<u8>(column + <usize>row, <u8>flag);
    if (flags & KEY) store<f64>(keyValues + <usize>(row << 3), <f64>flag);
    return 0;
  }
  let value: f64;
  if (kind == FIELD_NUMBER) {
    value = plainNumber(start, stop);
    if ((flags & INTEGER) && value != Math.floor(value)) return DECLINE;
  } else {
    value = kind == FIELD_DATETIME ? parseDateTime(start, stop) : parseDate(start, stop);
  }
  // A value that is not valid (NaN) fails too.
  if (!(value >= load<f64>(field, AT_MIN) && value <= load<f64>(field, AT_MAX))) return DECLINE;
  if (flags & STORED) store<f64>(column + <usize>(row << 3), value);
  if (flags & KEY) store<f64>(keyValues + <usize>(row << 3), value);
  return 0;
}

@inline function isBlank(byte: u32): bool {
  return byte == SPACE || byte == TAB;
}

/** The code remembered for text `[start, stop)` of a field, or -1. */
@inline function codeOf(field: usize, start: i32, stop: i32): i32 {
  const length = <u32>(stop - start);
  const hash = hashOf(<usize>start, <usize>length);
  const table = load<u32>(field, AT_TABLE);
  const mask = load<u32>(field, AT_MASK);
  let slot = hash & mask;
  for (;;) {
    const entry = <usize>(table + slot * ENTRY_SIZE);
    const entryLength = load<u32>(entry, 8);
    if (entryLength == 0) return -1;
    if (entryLength == length && load<u32>(entry, 0) == hash &&
      memory.compare(<usize>load<u32>(entry, 4), <usize>start, <usize>length) == 0) return load<i32>(entry, 12);
    slot = (slot + 1) & mask;
  }
  return -1; // not reached: the table always has a free entry
}

/** A number in the lane's spellings: `-`, digits, `.` and digits, 15 digits at most; NaN otherwise. */
@inline function plainNumber(start: i32, end: i32): f64 {
  let p = start;
  const negative = <u32>load<u8>(<usize>p) == MINUS;
  if (negative) p++;
  // An integer mantissa: exact up to 15 digits, as cell-values.ts's double is, and shorter
  // to compute (past 15 digits it may wrap, and the value is declined).
  let mantissa: i64 = 0;
  const digitsStart = p;
  while (p < end) {
    const digit = <u32>load<u8>(<usize>p) - ZERO;
    if (digit > 9) break;
    mantissa = mantissa * 10 + <i64>digit;
    p++;
  }
  let digits = p - digitsStart;
  let fractionDigits = 0;
  if (p < end && <u32>load<u8>(<usize>p) == DOT) {
    const fractionStart = ++p;
    while (p < end) {
      const digit = <u32>load<u8>(<usize>p) - ZERO;
      if (digit > 9) break;
      mantissa = mantissa * 10 + <i64>digit;
      p++;
    }
    fractionDigits = p - fractionStart;
    digits += fractionDigits;
  }
  if (p != end || digits == 0 || digits > 15) return NaN;
  const whole = <f64>mantissa;
  const value = fractionDigits == 0 ? whole : whole / load<f64>(POWERS_OF_TEN + <usize>(fractionDigits << 3));
  return negative ? -value : value;
}

/** cell-values.ts's parseBool: `true`/`false`, `yes`/`no`, `1`/`0`, any case: 1, 0, or -1. */
@inline function parseBool(start: i32, end: i32): i32 {
  const b0 = lower(start);
  switch (end - start) {
    case 1: {
      const byte = <u32>load<u8>(<usize>start);
      return byte == 0x31 ? 1 : byte == 0x30 ? 0 : -1;
    }
    case 2: return b0 == 0x6e && lower(start + 1) == 0x6f ? 0 : -1; // no
    case 3: return b0 == 0x79 && lower(start + 1) == 0x65 && lower(start + 2) == 0x73 ? 1 : -1; // yes
    case 4: return b0 == 0x74 && lower(start + 1) == 0x72 && lower(start + 2) == 0x75 && lower(start + 3) == 0x65 ? 1 : -1; // true
    case 5: return b0 == 0x66 && lower(start + 1) == 0x61 && lower(start + 2) == 0x6c && lower(start + 3) == 0x73 &&
      lower(start + 4) == 0x65 ? 0 : -1; // false
    default: return -1;
  }
}

@inline function lower(p: i32): u32 {
  return <u32>load<u8>(<usize>p) | 0x20;
}

/** The two-digit number at `p`, or -1 (callers check the bounds). */
function twoDigits(p: i32): i32 {
  const tens = <i32>load<u8>(<usize>p) - <i32>ZERO;
  const ones = <i32>load<u8>(<usize>(p + 1)) - <i32>ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date: cell-values.ts's
 * formula in integers (every term is a whole number there too; `y` is at
 * least -1, and its era is floored).
 */
function daysFromCivil(year: i32, month: i32, day: i32): f64 {
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
  const dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return <f64>(era * 146097 + dayOfEra - 719468);
}

function daysInMonth(year: i32, month: i32): i32 {
  if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

/** `YYYY-MM-DD` at `p` as epoch days, or NaN. */
function dateAt(p: i32, end: i32): f64 {
  if (p + 10 > end || <u32>load<u8>(<usize>(p + 4)) != MINUS || <u32>load<u8>(<usize>(p + 7)) != MINUS) return NaN;
  const century = twoDigits(p);
  const yearOfCentury = twoDigits(p + 2);
  const month = twoDigits(p + 5);
  const day = twoDigits(p + 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return NaN;
  const year = century * 100 + yearOfCentury;
  if (day > 28 && day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

/** cell-values.ts's parseDate: `YYYY-MM-DD` as epoch milliseconds, or NaN. */
function parseDate(start: i32, end: i32): f64 {
  if (end - start != 10) return NaN;
  return dateAt(start, end) * MS_PER_DAY;
}

/** cell-values.ts's parseDateTime, spelling for spelling. */
function parseDateTime(start: i32, end: i32): f64 {
  const days = dateAt(start, end);
  if (isNaN(days)) return NaN;
  let p = start + 10;
  if (p == end) return days * MS_PER_DAY;
  const between = <u32>load<u8>(<usize>p);
  if (between != 0x54 && between != 0x74 && between != SPACE) return NaN;
  p++;
  if (p + 5 > end || <u32>load<u8>(<usize>(p + 2)) != COLON) return NaN;
  const hours = twoDigits(p);
  const minutes = twoDigits(p + 3);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
  p += 5;
  let seconds = 0;
  let millis: f64 = 0;
  if (p < end && <u32>load<u8>(<usize>p) == COLON) {
    if (p + 3 > end) return NaN;
    seconds = twoDigits(p + 1);
    if (seconds < 0 || seconds > 59) return NaN;
    p += 3;
    if (p < end && <u32>load<u8>(<usize>p) == DOT) {
      p++;
      const fractionStart = p;
      let scale: f64 = 100;
      while (p < end) {
        const digit = <i32>load<u8>(<usize>p) - <i32>ZERO;
        if (digit < 0 || digit > 9) break;
        millis += <f64>digit * scale;
        scale /= 10;
        p++;
      }
      if (p == fractionStart) return NaN;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (p < end) {
    const zone = <u32>load<u8>(<usize>p);
    if ((zone == 0x5a || zone == 0x7a) && p + 1 == end) {
      p++;
    } else if (zone == PLUS || zone == MINUS) {
      if (p + 3 > end) return NaN;
      const offsetHours = twoDigits(p + 1);
      if (offsetHours < 0 || offsetHours > 23) return NaN;
      p += 3;
      let offsetMins = 0;
      if (p < end) {
        if (<u32>load<u8>(<usize>p) == COLON) p++;
        if (p + 2 > end) return NaN;
        offsetMins = twoDigits(p);
        if (offsetMins < 0 || offsetMins > 59) return NaN;
        p += 2;
      }
      offsetMinutes = (offsetHours * 60 + offsetMins) * (zone == MINUS ? -1 : 1);
    }
    if (p != end) return NaN;
  }
  return days * MS_PER_DAY + <f64>(((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000) + millis;
}

/** The separator after field `i` at `p`: a comma between fields, a line break after the last. */
@inline function separator(i: i32, p: i32, end: i32): i32 {
  if (p >= end) return DECLINE;
  const byte = <u32>load<u8>(<usize>p);
  if (i < fieldCount - 1) return byte == COMMA ? p + 1 : DECLINE;
  if (byte == LF) return p + 1;
  if (byte != CR) return DECLINE;
  if (p + 1 >= end) return DECLINE; // is it CRLF? the next chunk tells
  return <u32>load<u8>(<usize>(p + 1)) == LF ? p + 2 : p + 1;
}

/** The content `[start, end)` of a quoted field with `""` made `"`, in the scratch area: returns its end. */
function unescape(start: i32, end: i32): i32 {
  if (end - start > scratchSize) {
    scratchSize = 2 * (end - start);
    scratch = heap.alloc(<usize>scratchSize);
  }
  let out = scratch;
  for (let p = start; p < end; p++) {
    const byte = load<u8>(<usize>p);
    store<u8>(out++, byte);
    if (<u32>byte == QUOTE) p++;
  }
  return <i32>out;
}

@inline function hashOf(start: usize, length: usize): u32 {
  let hash: u32 = 0x811c9dc5;
  for (let p = start, end = start + length; p < end; p++) hash = (hash ^ <u32>load<u8>(p)) * 0x01000193;
  return hash;
}

function newTable(field: usize, size: u32): void {
  const table = heap.alloc(<usize>(size * ENTRY_SIZE));
  memory.fill(table, 0, <usize>(size * ENTRY_SIZE));
  store<u32>(field, <u32>table, AT_TABLE);
  store<u32>(field, size - 1, AT_MASK);
}

function insert(table: u32, mask: u32, hash: u32, bytes: u32, length: u32, code: i32): void {
  let slot = hash & mask;
  while (load<u32>(<usize>(table + slot * ENTRY_SIZE), 8) != 0) slot = (slot + 1) & mask;
  const entry = <usize>(table + slot * ENTRY_SIZE);
  store<u32>(entry, hash, 0);
  store<u32>(entry, bytes, 4);
  store<u32>(entry, length, 8);
  store<i32>(entry, code, 12);
}

/** Doubles a field's code table. */
function grow(field: usize): void {
  const old = load<u32>(field, AT_TABLE);
  const oldSize = load<u32>(field, AT_MASK) + 1;
  newTable(field, oldSize * 2);
  const table = load<u32>(field, AT_TABLE);
  const mask = load<u32>(field, AT_MASK);
  for (let slot: u32 = 0; slot < oldSize; slot++) {
    const entry = <usize>(old + slot * ENTRY_SIZE);
    const length = load<u32>(entry, 8);
    if (length != 0) insert(table, mask, load<u32>(entry, 0), load<u32>(entry, 4), length, load<i32>(entry, 12));
  }
}
