/**
 * How result values read to people: one place for every surface (CLI table,
 * editor inlay hints and hovers, reports), so a KPI shows the same text
 * everywhere. Pure string functions; no locale lookups, so the output is the
 * same on every machine (`,` groups thousands, `.` is the decimal point).
 *
 * Conventions:
 * - `null` is "no data".
 * - Percent values are fractions (0.874) and read as `87.4%`; a change of a
 *   percent KPI is in percentage points: `+2.1 pts`.
 * - Rounding: 1 decimal from 10 up, 2 decimals from 1 to 10, 3 below 1;
 *   trailing zeros dropped (`3 d`, `12.5 h`). Integer digits are never lost.
 *   Counts are whole numbers, currency always has 2 decimals (`1,234.50`).
 *   Changes keep 1 decimal (2 below 0.1): `-3.0 min`, `-0.04 pts`.
 * - `points` (NPS, survey points), `score` and unit-less values have no
 *   suffix and no forced sign: `34.5`, `-12`. Only changes carry a sign.
 */

import type { Status, Unit } from './schema';

const UNIT_SUFFIX: Partial<Record<Unit, string>> = {
  seconds: ' s',
  minutes: ' min',
  hours: ' h',
  days: ' d',
  percent: '%',
};

export const NO_DATA = 'no data';

/** `value` in `unit`, e.g. `97.4 min`, `87.4%`, `5,000`, `1,234.50`, `no data`. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return NO_DATA;
  const shown = unit === 'percent' ? value * 100 : value;
  return formatMagnitude(shown, unit, 'value') + (UNIT_SUFFIX[unit] ?? '');
}

/** A threshold as written by an analyst: `<= 30 min`, `>= 85%`. */
export function formatThreshold(threshold: { op: string; value: number }, unit: Unit): string {
  return `${threshold.op} ${formatValue(threshold.value, unit)}`;
}

/**
 * The change from the previous period, always signed, with one decimal (two
 * below 0.1, so small moves stay visible): `+2.1 pts` (percentage points for
 * percent KPIs), `-3.0 min`, `+0.05 h`, `+12` (counts), `no data`.
 */
export function formatChange(change: number | null, unit: Unit): string {
  if (change === null) return NO_DATA;
  const shown = unit === 'percent' ? change * 100 : change;
  const text = formatMagnitude(Math.abs(shown), unit, 'change');
  const sign = isZeroText(text) ? '' : shown < 0 ? '-' : '+';
  const suffix = unit === 'percent' ? ' pts' : UNIT_SUFFIX[unit] ?? '';
  return sign + text + suffix;
}

/** A whole number with thousands separators: `5,000`. For row counts. */
export function formatCount(count: number): string {
  return formatFixed(Math.round(count), 0);
}

/** A count of rows, the noun agreeing: `1 row`, `5,000 rows`. */
export function formatRows(count: number): string {
  return `${formatCount(count)} ${Math.round(count) === 1 ? 'row' : 'rows'}`;
}

/** A weight (fraction 0..1) as a percent: `25%`, `33.3%`. */
export function formatWeight(weight: number): string {
  return formatValue(weight, 'percent');
}

/** A 0..100 score or contribution: `78.2`. */
export function formatScore(score: number | null): string {
  return formatValue(score, 'score');
}

const STATUS_LABEL: Record<Status, string> = {
  on_target: 'on target',
  warning: 'warning',
  breach: 'breach',
  critical: 'critical',
  no_data: 'no data',
  no_target: 'no target',
};

export function statusLabel(status: Status): string {
  return STATUS_LABEL[status];
}

/** Decimal places for a number of this size in this unit (before trimming zeros). */
function decimalsFor(magnitude: number, unit: Unit, kind: 'value' | 'change'): number {
  if (unit === 'currency') return 2;
  if (unit === 'count' && Number.isInteger(magnitude)) return 0;
  if (kind === 'change') return magnitude >= 0.1 || magnitude === 0 ? 1 : 2;
  if (magnitude >= 10) return 1;
  if (magnitude >= 1) return 2;
  return 3;
}

/** Values drop trailing zeros (`3 d`); changes keep their decimals (`-3.0 min`). */
function formatMagnitude(value: number, unit: Unit, kind: 'value' | 'change'): string {
  if (!Number.isFinite(value)) return String(value);
  const decimals = decimalsFor(Math.abs(value), unit, kind);
  let text = formatFixed(value, decimals);
  if (unit !== 'currency' && kind === 'value') text = trimZeros(text);
  return isZeroText(text) ? text.replace('-', '') : text;
}

/** `value` rounded to `decimals` places, with `,` between groups of three integer digits. */
function formatFixed(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  // toFixed switches to exponent notation from 1e21; such values are shown as they come.
  if (fixed.includes('e')) return String(value);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return (value < 0 ? '-' : '') + grouped + (fraction === undefined ? '' : `.${fraction}`);
}

/** Drops trailing fraction zeros, and the point when nothing is left after it. */
function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function isZeroText(text: string): boolean {
  return !/[1-9]/.test(text);
}
