/**
 * Calendar periods of a trend: which period a timestamp falls in, and the key
 * a period is shown with.
 *
 * A period is numbered so that consecutive periods have consecutive numbers:
 * - day: days since 1970-01-01;
 * - week: ISO weeks (Monday to Sunday) since the week of 1970-01-01;
 * - month: year * 12 + month - 1;
 * - quarter: year * 4 + quarter - 1.
 * That makes "every period from the first to the last" a plain integer range,
 * and the row-to-period mapping allocation-free. Keys: day `2025-03-14`, week
 * `2025-W11` (ISO-8601 week-numbering year, so 2024-12-30 is in `2025-W01`),
 * month `2025-03`, quarter `2025-Q1`. All in UTC.
 */

import type { Period } from './plan';
import { civilFromDays, dayOfTimestamp, dayText, daysFromCivil, monthNumberOfDay, pad2, yearText } from './calendar';

/** The number of the period holding timestamp `ms`; NaN when `ms` is NaN. */
export function periodNumber(ms: number, period: Period): number {
  const day = dayOfTimestamp(ms);
  switch (period) {
    case 'day':
      return day;
    case 'week':
      // 1970-01-01 is a Thursday: shifting by 3 days starts weeks on Monday.
      return Math.floor((day + 3) / 7);
    case 'month':
      return monthNumberOfDay(day);
    case 'quarter':
      return Math.floor(monthNumberOfDay(day) / 3);
  }
}

/** The key of period number `n`. */
export function periodKeyOfNumber(n: number, period: Period): string {
  switch (period) {
    case 'day':
      return dayText(n);
    case 'week':
      return isoWeekKey(n * 7 - 3);
    case 'month':
      return `${yearText(Math.floor(n / 12))}-${pad2((n % 12 + 12) % 12 + 1)}`;
    case 'quarter':
      return `${yearText(Math.floor(n / 4))}-Q${(n % 4 + 4) % 4 + 1}`;
  }
}

/** The key of the period holding timestamp `ms` (epoch milliseconds, UTC). */
export function periodKey(ms: number, period: Period): string {
  return periodKeyOfNumber(periodNumber(ms, period), period);
}

/** ISO-8601: a week belongs to the year of its Thursday, and week 1 holds that year's first Thursday. */
function isoWeekKey(monday: number): string {
  const thursday = monday + 3;
  const weekYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  return `${yearText(weekYear)}-W${pad2(week)}`;
}
