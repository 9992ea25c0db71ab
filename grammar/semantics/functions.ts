/**
 * The catalogue of functions a `.kpi` file can call: aggregations (in KPI
 * values) and periods (in `trend by`). One place for their names, argument
 * shapes and documentation, read by the checker, completion, signature help
 * and hover alike.
 */

import type { Period } from '../eval/plan';

export type AggregationName =
  | 'count' | 'sum' | 'mean' | 'min' | 'max' | 'median' | 'percentile' | 'share' | 'distinct' | 'nps';

export interface FunctionDoc {
  name: string;
  signature: string;
  doc: string;
  /** Snippet for completion, in LSP snippet syntax. */
  snippet: string;
}

export const AGGREGATIONS: ReadonlyMap<AggregationName, FunctionDoc> = new Map<AggregationName, FunctionDoc>([
  ['count', { name: 'count', signature: 'count(dataset [where condition]) | count(dataset.column)', doc: 'Number of rows (that meet the condition), or of rows where the column is present. Unit: count.', snippet: 'count(${1:dataset})' }],
  ['sum', { name: 'sum', signature: 'sum(dataset.column [where condition])', doc: "Sum of the present values. No data when none is present. Unit: the column's.", snippet: 'sum(${1:dataset.column})' }],
  ['mean', { name: 'mean', signature: 'mean(dataset.column [where condition])', doc: "Arithmetic mean of the present values. Unit: the column's.", snippet: 'mean(${1:dataset.column})' }],
  ['min', { name: 'min', signature: 'min(dataset.column [where condition])', doc: "Smallest present value. Unit: the column's.", snippet: 'min(${1:dataset.column})' }],
  ['max', { name: 'max', signature: 'max(dataset.column [where condition])', doc: "Largest present value. Unit: the column's.", snippet: 'max(${1:dataset.column})' }],
  ['median', { name: 'median', signature: 'median(dataset.column [where condition])', doc: "50th percentile, linear interpolation (DuckDB quantile_cont). Unit: the column's.", snippet: 'median(${1:dataset.column})' }],
  ['percentile', { name: 'percentile', signature: 'percentile(dataset.column, p [where condition])', doc: "The p-th percentile (p from 0 to 100), linear interpolation between closest ranks, as DuckDB quantile_cont and Excel PERCENTILE.INC. `p90(x)` is `percentile(x, 90)`. Unit: the column's.", snippet: 'percentile(${1:dataset.column}, ${2:95})' }],
  ['share', { name: 'share', signature: 'share(dataset where condition) | share(condition)', doc: 'Share of rows where the condition is true, among rows where it can be decided (missing values are skipped). Unit: percent.', snippet: 'share(${1:dataset} where ${2:condition})' }],
  ['distinct', { name: 'distinct', signature: 'distinct(dataset.column [where condition])', doc: 'Number of distinct present values. Unit: count.', snippet: 'distinct(${1:dataset.column})' }],
  ['nps', { name: 'nps', signature: 'nps(dataset.column [where condition])', doc: 'Net Promoter Score of 0-10 answers: 100 x (share of 9-10 minus share of 0-6) over present answers, -100..100. Unit: points.', snippet: 'nps(${1:dataset.column})' }],
]);

export const PERIODS: ReadonlyMap<Period, string> = new Map<Period, string>([
  ['day', 'One result per calendar day: 2025-03-14.'],
  ['week', 'One result per ISO week: 2025-W11.'],
  ['month', 'One result per calendar month: 2025-03.'],
  ['quarter', 'One result per calendar quarter: 2025-Q1.'],
]);

const PERCENTILE_SHORTHAND = /^p([1-9][0-9]?)$/;

/** `p90` -> 0.9; undefined when the name is not a percentile shorthand. */
export function percentileShorthand(name: string): number | undefined {
  const match = PERCENTILE_SHORTHAND.exec(name);
  return match ? Number(match[1]) / 100 : undefined;
}

/** The catalogue entry for a called name, including `p1`..`p99`. */
export function aggregationNamed(name: string): { fn: AggregationName; quantile?: number } | undefined {
  const q = percentileShorthand(name);
  if (q !== undefined) return { fn: 'percentile', quantile: q };
  return AGGREGATIONS.has(name as AggregationName) ? { fn: name as AggregationName } : undefined;
}

export function functionDoc(name: string): FunctionDoc | undefined {
  const q = percentileShorthand(name);
  if (q !== undefined) {
    const pct = Math.round(q * 100);
    return { name, signature: `${name}(dataset.column [where condition])`, doc: `The ${pct}th percentile, linear interpolation between closest ranks (DuckDB quantile_cont). Unit: the column's.`, snippet: `${name}(\${1:dataset.column})` };
  }
  return AGGREGATIONS.get(name as AggregationName);
}
