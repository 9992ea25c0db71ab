/**
 * Dimensions: the breakdowns and trends results are split by, and which
 * measures need which.
 *
 * A dimension is a segment column (`tickets.channel`) or a trend
 * (`month(tickets.opened_at)`); its key identifies it everywhere (aggregate
 * slots, measure cells). A measure needs its own breakdowns and trend, plus
 * every dimension of every measure that reads it: an index broken down by
 * region needs its components' values per region, and `value fcr /
 * resolution_rate` per month needs both KPIs per month. The plan lists
 * measures in dependency order, so one walk from the last measure to the
 * first propagates every need.
 */

import type { ColumnRef, MeasureExpr, MeasurePlan, Period, ScorecardPlan, TrendPlan } from './plan';
import type { Table } from './data/table';
import { periodGrouping, segmentGrouping, type Grouping } from './groups';

export interface Dimension {
  readonly key: string;
  readonly dataset: string;
  readonly column: string;
  /** null for a breakdown by segment. */
  readonly period: Period | null;
}

export function segmentDimension(ref: ColumnRef): Dimension {
  return { key: `segment:${ref.dataset}.${ref.column}`, dataset: ref.dataset, column: ref.column, period: null };
}

export function trendDimension(trend: TrendPlan): Dimension {
  const { dataset, column } = trend.column;
  return { key: `${trend.period}:${dataset}.${column}`, dataset, column, period: trend.period };
}

export function groupingOf(dimension: Dimension, table: Table): Grouping {
  return dimension.period === null
    ? segmentGrouping(table, dimension.column)
    : periodGrouping(table, dimension.column, dimension.period);
}

/** The group keys of a dimension; none when its dataset could not be loaded. */
export function keysOf(dimension: Dimension, tables: ReadonlyMap<string, Table>): readonly string[] {
  const table = tables.get(dimension.dataset);
  return table === undefined ? [] : groupingOf(dimension, table).keys;
}

/** The measures a measure reads directly (KPI arithmetic, index components). */
export function measuresReadBy(measure: MeasurePlan): string[] {
  if (measure.kind === 'index') return measure.components.map((c) => c.name);
  const names: string[] = [];
  const walk = (expr: MeasureExpr): void => {
    switch (expr.kind) {
      case 'measure':
        names.push(expr.name);
        return;
      case 'arith':
        walk(expr.left);
        walk(expr.right);
        return;
      case 'neg':
        walk(expr.operand);
        return;
      case 'aggregate':
      case 'constant':
        return;
    }
  };
  walk(measure.value);
  return names;
}

/** The dimensions each measure must be evaluated in, by measure name (its own first). */
export function dimensionsNeeded(plan: ScorecardPlan): Map<string, Dimension[]> {
  const needed = new Map<string, Map<string, Dimension>>();
  const of = (name: string) => {
    let dims = needed.get(name);
    if (dims === undefined) {
      dims = new Map();
      needed.set(name, dims);
    }
    return dims;
  };
  for (const measure of plan.measures) {
    const own = of(measure.name);
    for (const ref of measure.breakdown) {
      const dim = segmentDimension(ref);
      own.set(dim.key, dim);
    }
    if (measure.trend !== null) {
      const dim = trendDimension(measure.trend);
      own.set(dim.key, dim);
    }
  }
  for (let i = plan.measures.length - 1; i >= 0; i--) {
    const measure = plan.measures[i];
    const dims = of(measure.name);
    for (const name of measuresReadBy(measure)) {
      const target = of(name);
      for (const [key, dim] of dims) if (!target.has(key)) target.set(key, dim);
    }
  }
  return new Map([...needed].map(([name, dims]) => [name, [...dims.values()]]));
}
