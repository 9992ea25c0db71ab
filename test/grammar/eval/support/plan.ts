/**
 * Short builders for evaluation plans, so a test reads like the `.kpi` it
 * stands for: `kpi('csat', share(cmp('>=', col('t', 'csat', 'int'), 4)))`.
 * Measures default to no thresholds, no breakdown, no trend, unit `none`.
 */

import type {
  AggregateFn, ColumnRef, ComponentPlan, IndexPlan, KpiPlan, Literal, MeasureExpr, MeasurePlan,
  Period, RowExpr, ScorecardPlan, ThresholdPlan, ScoreMapping,
} from '../../../../grammar/eval/plan';
import type { ColumnType } from '../../../../grammar/eval/data/table';

export const col = (dataset: string, column: string, type: ColumnType = 'number'): RowExpr =>
  ({ kind: 'column', dataset, column, type });
export const lit = (value: Literal): RowExpr => ({ kind: 'literal', value });
const operand = (e: RowExpr | Literal): RowExpr => (typeof e === 'object' ? e : lit(e));

export const cmp = (op: '=' | '!=' | '<' | '<=' | '>' | '>=', left: RowExpr | Literal, right: RowExpr | Literal): RowExpr =>
  ({ kind: 'compare', op, left: operand(left), right: operand(right) });
export const and = (left: RowExpr, right: RowExpr): RowExpr => ({ kind: 'logic', op: 'and', left, right });
export const or = (left: RowExpr, right: RowExpr): RowExpr => ({ kind: 'logic', op: 'or', left, right });
export const not = (operand: RowExpr): RowExpr => ({ kind: 'not', operand });
export const isMissing = (e: RowExpr, negated = false): RowExpr => ({ kind: 'missing', operand: e, negated });
export const inList = (e: RowExpr, values: Literal[], negated = false): RowExpr => ({ kind: 'in', operand: e, values, negated });
export const arith = (op: '+' | '-' | '*' | '/', left: RowExpr | Literal, right: RowExpr | Literal): RowExpr =>
  ({ kind: 'arith', op, left: operand(left), right: operand(right) });

export interface AggregateOptions {
  filter?: RowExpr;
  quantile?: number;
}

export function agg(fn: AggregateFn, dataset: string, arg: RowExpr | null, options: AggregateOptions = {}): MeasureExpr {
  return {
    kind: 'aggregate',
    fn,
    dataset,
    arg,
    filter: options.filter ?? null,
    ...(options.quantile === undefined ? {} : { quantile: options.quantile }),
  };
}

export const ref = (name: string): MeasureExpr => ({ kind: 'measure', name });
export const constant = (value: number): MeasureExpr => ({ kind: 'constant', value });
export const marith = (op: '+' | '-' | '*' | '/', left: MeasureExpr, right: MeasureExpr): MeasureExpr =>
  ({ kind: 'arith', op, left, right });

export const column = (dataset: string, name: string): ColumnRef => ({ dataset, column: name });

export function threshold(
  level: ThresholdPlan['level'],
  op: ThresholdPlan['op'],
  value: number,
  segment?: { column: ColumnRef; value: Literal },
): ThresholdPlan {
  return segment === undefined ? { level, op, value } : { level, op, value, segment };
}

interface MeasureOptions {
  unit?: KpiPlan['unit'];
  direction?: KpiPlan['direction'];
  thresholds?: ThresholdPlan[];
  breakdown?: ColumnRef[];
  trend?: { column: ColumnRef; period: Period };
}

export function kpi(name: string, value: MeasureExpr, options: MeasureOptions = {}): KpiPlan {
  return {
    kind: 'kpi',
    name,
    title: null,
    doc: null,
    unit: options.unit ?? 'none',
    direction: options.direction ?? null,
    thresholds: options.thresholds ?? [],
    breakdown: options.breakdown ?? [],
    trend: options.trend ?? null,
    value,
  };
}

export function component(name: string, weight: number, score: ScoreMapping = { kind: 'identity' }): ComponentPlan {
  return { name, weight, score };
}

export const piecewise = (...points: Array<[number, number]>): ScoreMapping => ({ kind: 'piecewise', points });

export function index(name: string, components: ComponentPlan[], options: MeasureOptions = {}): IndexPlan {
  return {
    kind: 'index',
    name,
    title: null,
    doc: null,
    unit: options.unit ?? 'score',
    direction: options.direction ?? null,
    thresholds: options.thresholds ?? [],
    breakdown: options.breakdown ?? [],
    trend: options.trend ?? null,
    components,
  };
}

/** A plan of these measures (the evaluator reads datasets from its tables, so none are listed). */
export function scorecard(...measures: MeasurePlan[]): ScorecardPlan {
  return { datasets: [], measures };
}
