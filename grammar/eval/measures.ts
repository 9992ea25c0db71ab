/**
 * Measure values (KPIs and indices) per context, from the aggregations'
 * results: overall, and per group (segment or period) of every dimension the
 * measure needs (dimensions.ts).
 *
 * A KPI's value is its expression over aggregations, constants and other
 * measures, read in the same context; no data propagates, and division by
 * zero (or any non-finite result) is no data. An index combines its
 * components' values in the same context (score.ts), leaving out components
 * without data and renormalising the other weights.
 *
 * Row counts: a KPI's rowsUsed / rowsSkipped are the largest among the
 * aggregations it evaluates, directly or through the measures it reads (a
 * ratio of two counts reports the rows of the larger one, never a sum that
 * would count a row twice); an index's are the largest among its components.
 */

import type { ComponentResult } from '../results/schema';
import type { IndexPlan, MeasureExpr, MeasurePlan, ScorecardPlan, Unit } from './plan';
import type { Table } from './data/table';
import { aggregateKey, type AggregateCells } from './aggregates';
import { keysOf, type Dimension } from './dimensions';
import { scoreOf } from './score';

export interface Cell {
  value: number | null;
  rowsUsed: number;
  rowsSkipped: number;
  /** Index only: some components had no data. */
  partial: boolean;
  /** Index only: the component breakdown. */
  components: ComponentResult[] | null;
}

export interface MeasureCells {
  overall: Cell;
  /** By dimension key: one cell per group, in the order of the dimension's keys. */
  byDimension: Map<string, Cell[]>;
}

/** Where a value is read: overall (dimension null) or one group of a dimension. */
interface Context {
  dimension: string | null;
  group: number;
}

const OVERALL: Context = { dimension: null, group: 0 };

const NO_DATA: Cell = { value: null, rowsUsed: 0, rowsSkipped: 0, partial: false, components: null };

export function evaluateMeasures(
  plan: ScorecardPlan,
  aggregates: ReadonlyMap<string, AggregateCells>,
  dimensionsOf: ReadonlyMap<string, readonly Dimension[]>,
  tables: ReadonlyMap<string, Table>,
): Map<string, MeasureCells> {
  const results = new Map<string, MeasureCells>();
  const plans = new Map<string, MeasurePlan>(plan.measures.map((m) => [m.name, m]));

  const cellIn = (name: string, context: Context): Cell => {
    const cells = results.get(name);
    if (cells === undefined) return NO_DATA;
    if (context.dimension === null) return cells.overall;
    return cells.byDimension.get(context.dimension)?.[context.group] ?? NO_DATA;
  };

  const aggregateCell = (node: Extract<MeasureExpr, { kind: 'aggregate' }>, context: Context): Cell => {
    const cells = aggregates.get(aggregateKey(node));
    if (cells === undefined) return NO_DATA;
    const first = context.dimension === null ? undefined : cells.slotOf.get(context.dimension);
    const slot = first === undefined ? 0 : first + context.group;
    return cell(finite(cells.value[slot]), cells.used[slot], cells.skipped[slot]);
  };

  const exprCell = (expr: MeasureExpr, context: Context): Cell => {
    switch (expr.kind) {
      case 'aggregate':
        return aggregateCell(expr, context);
      case 'constant':
        return cell(finite(expr.value), 0, 0);
      case 'measure': {
        const read = cellIn(expr.name, context);
        return cell(read.value, read.rowsUsed, read.rowsSkipped);
      }
      case 'neg': {
        const operand = exprCell(expr.operand, context);
        return cell(operand.value === null ? null : -operand.value, operand.rowsUsed, operand.rowsSkipped);
      }
      case 'arith': {
        const left = exprCell(expr.left, context);
        const right = exprCell(expr.right, context);
        return cell(
          arithmetic(expr.op, left.value, right.value),
          Math.max(left.rowsUsed, right.rowsUsed),
          Math.max(left.rowsSkipped, right.rowsSkipped),
        );
      }
    }
  };

  const indexCell = (index: IndexPlan, context: Context): Cell => {
    const parts = index.components.map((component) => {
      const read = cellIn(component.name, context);
      const score = scoreOf(read.value, component.score, scoringUnit(plans.get(component.name)));
      return { component, read, score };
    });
    const weightWithData = parts.reduce((sum, p) => (p.score === null ? sum : sum + p.component.weight), 0);
    const hasData = weightWithData > 0;
    const components: ComponentResult[] = parts.map(({ component, read, score }) => {
      const effectiveWeight = hasData && score !== null ? component.weight / weightWithData : 0;
      return {
        name: component.name,
        weight: component.weight,
        effectiveWeight,
        value: read.value,
        score,
        contribution: hasData && score !== null ? effectiveWeight * score : null,
      };
    });
    const value = hasData ? components.reduce((sum, c) => sum + (c.contribution ?? 0), 0) : null;
    return {
      value: finite(value),
      rowsUsed: Math.max(0, ...parts.map((p) => p.read.rowsUsed)),
      rowsSkipped: Math.max(0, ...parts.map((p) => p.read.rowsSkipped)),
      partial: value !== null && parts.some((p) => p.score === null),
      components,
    };
  };

  const measureCell = (measure: MeasurePlan, context: Context): Cell =>
    measure.kind === 'index' ? indexCell(measure, context) : exprCell(measure.value, context);

  for (const measure of plan.measures) {
    const byDimension = new Map<string, Cell[]>();
    for (const dimension of dimensionsOf.get(measure.name) ?? []) {
      const keys = keysOf(dimension, tables);
      byDimension.set(dimension.key, keys.map((_, group) => measureCell(measure, { dimension: dimension.key, group })));
    }
    results.set(measure.name, { overall: measureCell(measure, OVERALL), byDimension });
  }
  return results;
}

function cell(value: number | null, rowsUsed: number, rowsSkipped: number): Cell {
  return { value, rowsUsed, rowsSkipped, partial: false, components: null };
}

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function arithmetic(op: '+' | '-' | '*' | '/', a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  switch (op) {
    case '+':
      return finite(a + b);
    case '-':
      return finite(a - b);
    case '*':
      return finite(a * b);
    case '/':
      return b === 0 ? null : finite(a / b);
  }
}

/** The unit a component is scored in: an index is a score whatever its declared unit. */
function scoringUnit(measure: MeasurePlan | undefined): Unit {
  if (measure === undefined) return 'none';
  return measure.kind === 'index' ? 'score' : measure.unit;
}
