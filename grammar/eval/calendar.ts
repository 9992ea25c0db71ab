/**
 * Calendar arithmetic on UTC days, with no Date objects in the hot paths.
 *
 * A "day number" counts days since 1970-01-01 (negative before it); a
 * timestamp is epoch milliseconds, as the table contract stores dates and
 * datetimes. The conversions follow the proleptic Gregorian calendar
 * (Howard Hinnant's days-from-civil algorithms), so they allocate nothing and
 * can run once per row. Literal parsing is here too, so a condition such as
 * `opened_at >= "2025-03-01"` reads its date the same way the loader does (UTC).
 */

export const MS_PER_DAY = 86_400_000;

export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** The day number of a calendar date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * `year * 12 + (month - 1)` of a day number: the same computation as
 * civilFromDays, without building an object (it runs once per row).
 */
export function monthNumberOfDay(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

export function dayOfTimestamp(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  return daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - daysFromCivil(year, month, 1);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Epoch milliseconds of `2025-03-14`, `2025-03-14T09:23:11`, with an optional
 * fraction and `Z` or offset (`+02:00`); without an offset the time is UTC.
 * NaN when the text is not such a date or names an impossible one.
 */
export function parseTimestamp(text: string): number {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return NaN;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  const hours = match[4] === undefined ? 0 : Number(match[4]);
  const minutes = match[5] === undefined ? 0 : Number(match[5]);
  const seconds = match[6] === undefined ? 0 : Number(match[6]);
  if (hours > 23 || minutes > 59 || seconds > 59) return NaN;
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`);
  let offsetMinutes = 0;
  const zone = match[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const zoneMinutes = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
    offsetMinutes = zone[0] === '-' ? -zoneMinutes : zoneMinutes;
  }
  return (
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 +
    Math.round(fraction * 1000)
  );
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Four-digit year (sign kept for years before 0). */
export function yearText(year: number): string {
  const digits = String(Math.abs(year)).padStart(4, '0');
  return year < 0 ? `-${digits}` : digits;
}

/** `2025-03-14` for a day number. */
export function dayText(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${yearText(year)}-${pad2(month)}-${pad2(day)}`;
}
