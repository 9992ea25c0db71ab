/**
 * Reading one cell's value straight from UTF-8 bytes, without creating strings.
 *
 * Every function takes a byte range `[start, end)` that is already trimmed of
 * surrounding spaces and non-empty (blank cells are "missing" and never get
 * here). An invalid value gives NaN (numbers, dates) or -1 (bools); a valid
 * value is never NaN, so NaN is free to mean "not valid" here and "missing" in
 * the stored columns.
 */

const ZERO = 0x30;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const COLON = 0x3a;
const SPACE = 0x20;
const TAB = 0x09;

/** Exact powers of ten: a mantissa below 2^53 times/divided by one of these rounds once, correctly. */
const EXACT_POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** True for a byte that surrounding whitespace may contain (space, tab). */
export function isBlankByte(byte: number): boolean {
  return byte === SPACE || byte === TAB;
}

/**
 * A decimal number: optional sign, digits with an optional fraction (`12`,
 * `12.5`, `.5`), optional exponent (`1e3`). Anything else (`12abc`, `1,5`,
 * `NaN`, `0x10`) is NaN, and so is a value too large for a double (`1e400`).
 */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let p = start;
  const first = bytes[p];
  const negative = first === MINUS;
  if (negative || first === PLUS) p++;
  let mantissa = 0;
  let digit = 0;
  const integerStart = p;
  while (p < end && (digit = bytes[p] - ZERO) >= 0 && digit <= 9) {
    mantissa = mantissa * 10 + digit;
    p++;
  }
  let digits = p - integerStart;
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
  if (digits === 0) return NaN;
  if (p === end && digits <= 15) {
    // The common case, no exponent: one exact division at most.
    const value = fractionDigits === 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[fractionDigits];
    return negative ? -value : value;
  }
  let exponent = 0;
  if (p < end && (bytes[p] | 0x20) === 0x65 /* e or E */) {
    p++;
    const exponentNegative = bytes[p] === MINUS;
    if (exponentNegative || bytes[p] === PLUS) p++;
    const exponentStart = p;
    while (p < end && (digit = bytes[p] - ZERO) >= 0 && digit <= 9) {
      if (exponent < 100000) exponent = exponent * 10 + digit;
      p++;
    }
    if (p === exponentStart) return NaN;
    if (exponentNegative) exponent = -exponent;
  }
  if (p !== end) return NaN;
  const scale = exponent - fractionDigits;
  if (digits <= 15 && scale >= -22 && scale <= 22) {
    const value = scale >= 0 ? mantissa * EXACT_POWERS_OF_TEN[scale] : mantissa / EXACT_POWERS_OF_TEN[-scale];
    return negative ? -value : value;
  }
  // Too many digits for the exact fast path: let the engine round it.
  const value = Number(asciiText(bytes, start, end));
  return Number.isFinite(value) ? value : NaN;
}

/** `true`/`false`, `yes`/`no`, `1`/`0`, any case: 1, 0, or -1 when it is none of them. */
export function parseBool(bytes: Uint8Array, start: number, end: number): number {
  const b0 = bytes[start] | 0x20;
  switch (end - start) {
    case 1:
      return bytes[start] === 0x31 ? 1 : bytes[start] === 0x30 ? 0 : -1;
    case 2:
      return b0 === 0x6e && (bytes[start + 1] | 0x20) === 0x6f ? 0 : -1; // no
    case 3:
      return b0 === 0x79 && (bytes[start + 1] | 0x20) === 0x65 && (bytes[start + 2] | 0x20) === 0x73 ? 1 : -1; // yes
    case 4:
      return b0 === 0x74 && (bytes[start + 1] | 0x20) === 0x72 && (bytes[start + 2] | 0x20) === 0x75 &&
        (bytes[start + 3] | 0x20) === 0x65 ? 1 : -1; // true
    case 5:
      return b0 === 0x66 && (bytes[start + 1] | 0x20) === 0x61 && (bytes[start + 2] | 0x20) === 0x6c &&
        (bytes[start + 3] | 0x20) === 0x73 && (bytes[start + 4] | 0x20) === 0x65 ? 0 : -1; // false
    default:
      return -1;
  }
}

/** The two-digit number at `p`, or -1 if either byte is not a digit (callers check the bounds). */
function twoDigits(bytes: Uint8Array, p: number): number {
  const tens = bytes[p] - ZERO;
  const ones = bytes[p + 1] - ZERO;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1..12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` at `p` as epoch days, or NaN (also for impossible dates like 2025-02-30). */
function dateAt(bytes: Uint8Array, p: number, end: number): number {
  if (p + 10 > end || bytes[p + 4] !== MINUS || bytes[p + 7] !== MINUS) return NaN;
  const century = twoDigits(bytes, p);
  const yearOfCentury = twoDigits(bytes, p + 2);
  const month = twoDigits(bytes, p + 5);
  const day = twoDigits(bytes, p + 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return NaN;
  const year = century * 100 + yearOfCentury;
  if (day > 28 && day > daysInMonth(year, month)) return NaN;
  return daysFromCivil(year, month, day);
}

/** `YYYY-MM-DD` as epoch milliseconds (UTC midnight), or NaN. */
export function parseDate(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10) return NaN;
  return dateAt(bytes, start, end) * MS_PER_DAY;
}

/**
 * `YYYY-MM-DDTHH:MM[:SS[.fff]]` (`T`, `t` or a space between date and time),
 * then optional `Z` or `±HH:MM` (`±HHMM`, `±HH` too), as epoch milliseconds UTC.
 * No zone means UTC. A bare date is midnight. Fractions keep milliseconds.
 */
export function parseDateTime(bytes: Uint8Array, start: number, end: number): number {
  const days = dateAt(bytes, start, end);
  if (days !== days) return NaN;
  let p = start + 10;
  if (p === end) return days * MS_PER_DAY;
  const separator = bytes[p];
  if (separator !== 0x54 && separator !== 0x74 && separator !== SPACE) return NaN;
  p++;
  if (p + 5 > end || bytes[p + 2] !== COLON) return NaN;
  const hours = twoDigits(bytes, p);
  const minutes = twoDigits(bytes, p + 3);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return NaN;
  p += 5;
  let seconds = 0;
  let millis = 0;
  if (p < end && bytes[p] === COLON) {
    if (p + 3 > end) return NaN;
    seconds = twoDigits(bytes, p + 1);
    if (seconds < 0 || seconds > 59) return NaN;
    p += 3;
    if (p < end && bytes[p] === DOT) {
      p++;
      const fractionStart = p;
      let scale = 100;
      while (p < end) {
        const digit = bytes[p] - ZERO;
        if (digit < 0 || digit > 9) break;
        millis += digit * scale;
        scale /= 10;
        p++;
      }
      if (p === fractionStart) return NaN;
      millis = Math.floor(millis);
    }
  }
  let offsetMinutes = 0;
  if (p < end) {
    const zone = bytes[p];
    if ((zone === 0x5a || zone === 0x7a) && p + 1 === end) {
      p++;
    } else if (zone === PLUS || zone === MINUS) {
      if (p + 3 > end) return NaN;
      const offsetHours = twoDigits(bytes, p + 1);
      if (offsetHours < 0 || offsetHours > 23) return NaN;
      p += 3;
      let offsetMins = 0;
      if (p < end) {
        if (bytes[p] === COLON) p++;
        if (p + 2 > end) return NaN;
        offsetMins = twoDigits(bytes, p);
        if (offsetMins < 0 || offsetMins > 59) return NaN;
        p += 2;
      }
      offsetMinutes = (offsetHours * 60 + offsetMins) * (zone === MINUS ? -1 : 1);
    }
    if (p !== end) return NaN;
  }
  return days * MS_PER_DAY + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

/** Bytes known to be ASCII as a string (numbers on the slow path). */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return text;
}
