/**
 * The evaluator's one-pass, all-groups aggregation against a naive reference
 * that filters the rows of each segment and period separately and computes
 * each aggregation directly from its definition (docs/language.md). Random
 * small tables cover blanks, unknown filters, empty groups, ties, rows without
 * a segment or period, and the shortcuts (shared passes, group sizes as
 * counts, a grouping whose buffer serves the overall percentile).
 */

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { MeasureExpr } from '../../../grammar/eval/plan';
import { evaluatePlan } from '../../../grammar/eval/evaluate';
import { periodKey } from '../../../grammar/eval/periods';
import { agg, cmp, col, column, kpi, scorecard } from './support/plan';
import { datetime, num, table, text } from './support/table';

interface Row {
  channel: string | null;
  x: number | null;
  y: number | null;
  opened: string | null;
}

const MONTH_STARTS = ['2024-11', '2024-12', '2025-01', '2025-03'];

const rowArbitrary = (channelAlwaysPresent: boolean): fc.Arbitrary<Row> =>
  fc.record({
    channel: channelAlwaysPresent ? fc.constantFrom('a', 'b', 'c') : fc.constantFrom('a', 'b', 'c', null),
    x: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 4 }),
    y: fc.option(fc.double({ min: -50, max: 50, noNaN: true }), { nil: null, freq: 4 }),
    opened: fc.option(
      fc.tuple(fc.constantFrom(...MONTH_STARTS), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${m}-${String(d).padStart(2, '0')}T12:00:00`),
      { nil: null, freq: 6 },
    ),
  });

/** Every KPI the reference checks: [name, aggregation, reference over the rows in scope]. */
type Reference = (rows: Row[]) => number | null;

const present = (values: Array<number | null>) => values.filter((v): v is number => v !== null);
const quantile = (values: number[], q: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo === h ? sorted[lo] : sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
};
const orNull = (values: number[], f: (v: number[]) => number) => (values.length === 0 ? null : f(values));
/** The filter `y > 0` in SQL logic: null (unknown) when y is missing. */
const yPositive = (r: Row) => (r.y === null ? null : r.y > 0);

const xCol = col('t', 'x');
const yCol = col('t', 'y');
const filter = cmp('>', yCol, 0);

/** [rowsUsed, rowsSkipped]: rows in scope (kept by `keep`) with and without a value. */
type Counts = (rows: Row[]) => [number, number];
const counting = (value: (r: Row) => unknown, keep: (r: Row) => boolean = () => true): Counts => (rows) => {
  const inScope = rows.filter(keep);
  const used = inScope.filter((r) => value(r) !== null).length;
  return [used, inScope.length - used];
};
const xCounts = counting((r) => r.x);
const yCounts = counting((r) => r.y);

const CASES: Array<[string, MeasureExpr, Reference, Counts]> = [
  ['rows', agg('count', 't', null), (rows) => rows.length, (rows) => [rows.length, 0]],
  ['rows_filtered', agg('count', 't', null, { filter }), (rows) => rows.filter((r) => yPositive(r) === true).length,
    (rows) => [rows.filter((r) => yPositive(r) === true).length, 0]],
  ['x_count', agg('count', 't', xCol), (rows) => present(rows.map((r) => r.x)).length, xCounts],
  ['x_sum', agg('sum', 't', xCol), (rows) => orNull(present(rows.map((r) => r.x)), (v) => v.reduce((a, b) => a + b, 0)), xCounts],
  ['y_mean', agg('mean', 't', yCol), (rows) => orNull(present(rows.map((r) => r.y)), (v) => v.reduce((a, b) => a + b, 0) / v.length), yCounts],
  ['x_min', agg('min', 't', xCol), (rows) => orNull(present(rows.map((r) => r.x)), (v) => Math.min(...v)), xCounts],
  ['y_max', agg('max', 't', yCol), (rows) => orNull(present(rows.map((r) => r.y)), (v) => Math.max(...v)), yCounts],
  ['x_median', agg('percentile', 't', xCol, { quantile: 0.5 }), (rows) => quantile(present(rows.map((r) => r.x)), 0.5), xCounts],
  ['x_p90', agg('percentile', 't', xCol, { quantile: 0.9 }), (rows) => quantile(present(rows.map((r) => r.x)), 0.9), xCounts],
  ['y_p25_filtered', agg('percentile', 't', yCol, { quantile: 0.25, filter: cmp('<', xCol, 6) }),
    (rows) => quantile(present(rows.filter((r) => r.x !== null && r.x < 6).map((r) => r.y)), 0.25),
    counting((r) => r.y, (r) => r.x !== null && r.x < 6)],
  ['x_share', agg('share', 't', cmp('>=', xCol, 6)), (rows) => {
    const decided = present(rows.map((r) => r.x));
    return orNull(decided, (v) => v.filter((x) => x >= 6).length / v.length);
  }, xCounts],
  ['x_nps', agg('nps', 't', xCol), (rows) => orNull(present(rows.map((r) => r.x)), (v) =>
    (100 * (v.filter((x) => x >= 9 && x <= 10).length - v.filter((x) => x >= 0 && x <= 6).length)) / v.length), xCounts],
  ['x_distinct', agg('distinct', 't', xCol), (rows) => orNull(present(rows.map((r) => r.x)), (v) => new Set(v).size), xCounts],
];

function check(rows: Row[]): void {
  const t = table({
    channel: text(...rows.map((r) => r.channel)),
    x: num(...rows.map((r) => r.x)),
    y: num(...rows.map((r) => r.y)),
    opened: datetime(...rows.map((r) => r.opened)),
  });
  const split = { breakdown: [column('t', 'channel')], trend: { column: column('t', 'opened'), period: 'month' as const } };
  const results = evaluatePlan(scorecard(...CASES.map(([name, value]) => kpi(name, value, split))), new Map([['t', t]]));

  const channels = [...new Set(rows.map((r) => r.channel).filter((c): c is string => c !== null))].sort();
  const months = rows.filter((r) => r.opened !== null).map((r) => periodKey(Date.parse(`${r.opened}Z`), 'month')).sort();
  const allMonths: string[] = [];
  if (months.length > 0) {
    for (let m = months[0]; m <= months[months.length - 1]; m = nextMonth(m)) allMonths.push(m);
  }
  const inMonth = (r: Row, m: string) => r.opened !== null && periodKey(Date.parse(`${r.opened}Z`), 'month') === m;

  CASES.forEach(([name, , reference, counts], i) => {
    const result = results[i];
    const agrees = (actual: { value: number | null; rowsUsed: number; rowsSkipped: number }, scope: Row[], where: string) => {
      close(actual.value, reference(scope), `${name} ${where}`);
      assert.deepEqual([actual.rowsUsed, actual.rowsSkipped], counts(scope), `${name} ${where}: rowsUsed, rowsSkipped`);
    };
    agrees(result, rows, 'overall');
    const segments = result.breakdowns[0].segments;
    assert.deepEqual(segments.map((s) => s.segment), channels, `${name} segments`);
    for (const s of segments) agrees(s, rows.filter((r) => r.channel === s.segment), `[${s.segment}]`);
    const periods = result.trend?.periods ?? [];
    assert.deepEqual(periods.map((p) => p.period), allMonths, `${name} periods`);
    for (const p of periods) agrees(p, rows.filter((r) => inMonth(r, p.period)), `[${p.period}]`);
  });
}

function nextMonth(key: string): string {
  const [year, month] = key.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

function close(actual: number | null, expected: number | null, what: string): void {
  if (actual === null || expected === null) {
    assert.equal(actual, expected, what);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: expected ${expected}, got ${actual}`);
}

describe('evaluatePlan against a naive per-group reference', function () {
  // Hundreds of random scorecards: give a busy machine room.
  this.timeout(30_000);

  it('agrees on random tables with rows outside every segment and period', () => {
    fc.assert(fc.property(fc.array(rowArbitrary(false), { maxLength: 60 }), check), { numRuns: 100 });
  });

  it('agrees when every row has a segment (the overall percentile reuses the segment buffer)', () => {
    fc.assert(fc.property(fc.array(rowArbitrary(true), { minLength: 1, maxLength: 60 }), check), { numRuns: 100 });
  });

  it('agrees on a table larger than the selection sample threshold', () => {
    const random = fc.sample(rowArbitrary(true), { numRuns: 3000, seed: 42 });
    check(random);
  });
});
