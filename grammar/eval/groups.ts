/**
 * Groupings of a table's rows: by segment (the distinct present values of a
 * column) and by period (the calendar periods of a date column).
 *
 * A grouping is computed once per table and column (and period) and cached on
 * the table object, which is immutable: breakdowns, trends and every KPI that
 * shares them reuse the same array of group numbers, so aggregation never
 * rescans a table per segment or per period. The array is the narrowest that
 * holds every group number (Int8Array up to 127 groups): a million rows by
 * channel then take 1 MB, not 4, to fill once and to read in every pass.
 *
 * Invariants: `ids[row]` is the row's group (an index into `keys`) or -1 when
 * the row belongs to no group (its value is missing). Segment keys are sorted
 * (numbers numerically, text by UTF-16 code units, false before true) and are
 * strings: text as is, numbers as JavaScript prints them, bools
 * `true`/`false`, dates `2025-03-14`, datetimes ISO-8601 in UTC. Period keys
 * run from the first to the last period present, with no gaps.
 */

import type { Period } from './plan';
import { BOOL_MISSING, type Column, type Table } from './data/table';
import { dayText, dayOfTimestamp, MS_PER_DAY } from './calendar';
import { periodKeyOfNumber, periodNumber } from './periods';
import { TableMemo } from './table-memo';

/** Group numbers per row; -1 = none. */
export type GroupIds = Int8Array | Int16Array | Int32Array;

export interface Grouping {
  /** One key per group, in group order. */
  readonly keys: readonly string[];
  /** The group of each row, -1 = none. */
  readonly ids: GroupIds;
  /** Rows per group. */
  readonly sizes: Int32Array;
  /** A trend's periods from its first to its last date, before the cut to MAX_TREND_PERIODS; absent for segments. */
  readonly span?: TrendSpan;
}

const groupings = new TableMemo<Grouping>();

function empty(rowCount: number): Grouping {
  return { keys: [], ids: new Int8Array(rowCount).fill(-1), sizes: new Int32Array(0) };
}

/** The narrowest array that holds the numbers of `groups` groups and -1. */
function groupIds(groups: number, rowCount: number): GroupIds {
  if (groups <= 127) return new Int8Array(rowCount);
  if (groups <= 32767) return new Int16Array(rowCount);
  return new Int32Array(rowCount);
}

/**
 * Fills `ids` with the group of each row, read from `groupOfCode` by the
 * row's code (`codes[row] + 1`, so code -1 reads entry 0, which must be -1),
 * and counts the rows of each group, in one pass. Segments of text and bool
 * columns and periods all come down to this: a small table from codes to
 * groups, decided once per distinct value instead of once per row.
 */
function assignCodes(
  keys: readonly string[],
  rowCount: number,
  codes: Int32Array | Uint8Array,
  groupOfCode: Int32Array,
): Grouping {
  const ids = groupIds(keys.length, rowCount);
  const sizes = new Int32Array(keys.length);
  for (let row = 0; row < rowCount; row++) {
    const group = groupOfCode[codes[row] + 1];
    ids[row] = group;
    if (group >= 0) sizes[group]++;
  }
  return { keys, ids, sizes };
}

/** Rows grouped by the distinct present values of `column`. */
export function segmentGrouping(table: Table, column: string): Grouping {
  return groupings.get(table, `segment\u0000${column}`, () => {
    const stored = table.columns.get(column);
    if (stored === undefined) return empty(table.rowCount);
    return groupBySegment(stored, table.rowCount);
  });
}

/** Rows grouped by the calendar period of `column` (epoch milliseconds). */
export function periodGrouping(table: Table, column: string, period: Period): Grouping {
  return groupings.get(table, `period\u0000${column}\u0000${period}`, () => {
    const stored = table.columns.get(column);
    if (stored === undefined || stored.kind !== 'numeric') return empty(table.rowCount);
    return groupByPeriod(stored.values, table.rowCount, period);
  });
}

function groupBySegment(column: Column, rowCount: number): Grouping {
  switch (column.kind) {
    case 'text':
      return groupTexts(column.codes, column.dictionary, rowCount);
    case 'bool':
      return groupBools(column.values, rowCount);
    case 'numeric':
      return groupNumbers(column.values, rowCount, numberKey(column.type));
  }
}

/**
 * One pass in the usual case: every text of the dictionary gets a group and
 * the rows are assigned; only when some text is in no row (the loader saw
 * it in a rejected row) are the groups renumbered without it, in a second pass.
 */
function groupTexts(codes: Int32Array, dictionary: readonly string[], rowCount: number): Grouping {
  // Default sort compares UTF-16 code units: the order the spec asks for.
  const texts = [...new Set(dictionary)].sort();
  const groupOfText = new Map(texts.map((key, group) => [key, group]));
  // Entry code + 1: entry 0 is code -1 (missing), in no group.
  const groupOfCode = new Int32Array(dictionary.length + 1);
  groupOfCode[0] = -1;
  dictionary.forEach((text, code) => {
    groupOfCode[code + 1] = groupOfText.get(text) ?? -1;
  });
  const grouping = assignCodes(texts, rowCount, codes, groupOfCode);
  if (grouping.sizes.every((size) => size > 0)) return grouping;
  const renumbered = new Int32Array(texts.length).fill(-1);
  const keys: string[] = [];
  grouping.sizes.forEach((size, group) => {
    if (size > 0) renumbered[group] = keys.push(texts[group]) - 1;
  });
  return assignCodes(keys, rowCount, codes, groupOfCode.map((group) => (group < 0 ? -1 : renumbered[group])));
}

function groupBools(values: Uint8Array, rowCount: number): Grouping {
  const seen = new Uint8Array(BOOL_MISSING + 1);
  for (let row = 0; row < rowCount; row++) seen[values[row]] = 1;
  const keys: string[] = [];
  // Entry value + 1 (see assignCodes): 0 false, 1 true, 2 missing (BOOL_MISSING) -> no group.
  const groupOfCode = new Int32Array([-1, -1, -1, -1]);
  if (seen[0] === 1) groupOfCode[1] = keys.push('false') - 1;
  if (seen[1] === 1) groupOfCode[2] = keys.push('true') - 1;
  return assignCodes(keys, rowCount, values, groupOfCode);
}

function groupNumbers(values: Float64Array, rowCount: number, keyOf: (value: number) => string): Grouping {
  const distinct = new Set<number>();
  for (let row = 0; row < rowCount; row++) {
    const value = values[row];
    if (value === value) distinct.add(value);
  }
  const sorted = Float64Array.from(distinct).sort();
  const groupOf = new Map<number, number>();
  sorted.forEach((value, group) => groupOf.set(value, group));
  const keys = Array.from(sorted, keyOf);
  const ids = groupIds(keys.length, rowCount);
  const sizes = new Int32Array(keys.length);
  for (let row = 0; row < rowCount; row++) {
    const value = values[row];
    const group = value === value ? (groupOf.get(value) ?? -1) : -1;
    ids[row] = group;
    if (group >= 0) sizes[group]++;
  }
  return { keys, ids, sizes };
}

function numberKey(type: 'number' | 'int' | 'date' | 'datetime'): (value: number) => string {
  switch (type) {
    case 'date':
      return (ms) => dayText(dayOfTimestamp(ms));
    case 'datetime':
      return (ms) => {
        const day = dayOfTimestamp(ms);
        const rest = ms - day * MS_PER_DAY;
        return `${dayText(day)}T${new Date(rest).toISOString().slice(11)}`;
      };
    default:
      return (value) => String(value);
  }
}

/**
 * The most periods a trend holds: the latest ones. A mistyped year (2205 for
 * 2025) would otherwise make a day trend of tens of thousands of empty
 * periods, or millions; rows before the first kept period stay in every
 * other result. checkData reports when this cuts a trend (KPI087).
 */
export const MAX_TREND_PERIODS = 5_000;

/** The periods a trend spans, before the cut to MAX_TREND_PERIODS. */
export interface TrendSpan {
  /** Keys of the first and last periods with data. */
  first: string;
  last: string;
  /** Periods from the first to the last, both included. */
  periods: number;
}

/** The first and last epoch days among `values`; undefined when none is a date. */
function dayRange(values: Float64Array, rowCount: number): { first: number; last: number } | undefined {
  // Days grow with timestamps: the days of the smallest and largest values
  // are the range, unless one of those has no day (infinite, or beyond the
  // day range), which takes a closer look.
  let low = Infinity;
  let high = -Infinity;
  for (let row = 0; row < rowCount; row++) {
    const value = values[row];
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low > high) return undefined;
  const first = dayOf(low);
  const last = dayOf(high);
  return first !== NO_DAY && last !== NO_DAY ? { first, last } : validDayRange(values, rowCount);
}

/** dayRange over the values that have a day, one at a time. */
function validDayRange(values: Float64Array, rowCount: number): { first: number; last: number } | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (let row = 0; row < rowCount; row++) {
    const day = dayOf(values[row]);
    if (day === NO_DAY) continue;
    if (day < first) first = day;
    if (day > last) last = day;
  }
  return first > last ? undefined : { first, last };
}

/**
 * Two light passes instead of calendar arithmetic per row: the range of day
 * numbers first, then each day of the range is mapped to its group once
 * (periods are monotonic in days, so the first and last days give the
 * period range) and each row's day is looked up. Only the last
 * MAX_TREND_PERIODS periods are kept: days before them map to no period.
 */
function groupByPeriod(values: Float64Array, rowCount: number, period: Period): Grouping {
  const days = dayRange(values, rowCount);
  if (days === undefined) return empty(rowCount);
  const lastDay = days.last;
  const last = periodNumber(lastDay * MS_PER_DAY, period);
  const spanFirst = periodNumber(days.first * MS_PER_DAY, period);
  const span: TrendSpan = { first: periodKeyOfNumber(spanFirst, period), last: periodKeyOfNumber(last, period), periods: last - spanFirst + 1 };
  const first = Math.max(spanFirst, last - MAX_TREND_PERIODS + 1);
  const firstDay = firstDayOf(first, period, days.first, lastDay);
  const dayCount = lastDay - firstDay + 1;
  const groupOfDay = new Int32Array(dayCount);
  for (let day = firstDay; day <= lastDay; day++) groupOfDay[day - firstDay] = periodNumber(day * MS_PER_DAY, period) - first;
  const keys: string[] = [];
  for (let n = first; n <= last; n++) keys.push(periodKeyOfNumber(n, period));
  const ids = groupIds(keys.length, rowCount);
  const sizes = new Int32Array(keys.length);
  for (let row = 0; row < rowCount; row++) {
    // NaN (missing), days before the first kept period and days without a
    // day number (outside [firstDay, lastDay] too) fail the bounds: no group.
    const day = Math.floor(values[row] / MS_PER_DAY) - firstDay;
    const group = day >= 0 && day < dayCount ? groupOfDay[day] : -1;
    ids[row] = group;
    if (group >= 0) sizes[group]++;
  }
  return { keys, ids, sizes, span };
}

/** The first day in [low, high] whose period is `target` or later (periods grow with days). */
function firstDayOf(target: number, period: Period, low: number, high: number): number {
  while (low < high) {
    const middle = low + Math.floor((high - low) / 2);
    if (periodNumber(middle * MS_PER_DAY, period) >= target) high = middle;
    else low = middle + 1;
  }
  return low;
}

const NO_DAY = -2_147_483_648;
const MAX_DAY = 2_147_483_647;

/** The epoch day of a timestamp; NO_DAY when missing, or beyond ±2^31 days (years beyond ±5 million). */
function dayOf(value: number): number {
  if (!Number.isFinite(value)) return NO_DAY;
  const day = Math.floor(value / MS_PER_DAY);
  return day <= NO_DAY || day > MAX_DAY ? NO_DAY : day;
}
