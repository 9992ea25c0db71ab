/**
 * The evaluation plan: what the checker lowers a checked scorecard to and the
 * evaluator runs. It carries resolved names, converted units and fractions
 * only; no syntax, no offsets. Measures (KPIs and indices) are listed in
 * dependency order, so each one only refers to measures before it.
 */

import type { ColumnType } from './data/table';

export type Unit =
  | 'seconds' | 'minutes' | 'hours' | 'days'
  | 'percent' | 'score' | 'points' | 'count' | 'currency'
  | 'none';

export type Direction = 'higher' | 'lower';
export type Comparator = '>=' | '>' | '<=' | '<';
export type ThresholdLevel = 'target' | 'warn' | 'critical';
export type Period = 'day' | 'week' | 'month' | 'quarter';
export type Literal = number | string | boolean;

export interface ColumnRef {
  dataset: string;
  column: string;
}

export type RowExpr =
  | { kind: 'column'; dataset: string; column: string; type: ColumnType }
  | { kind: 'literal'; value: Literal }
  | { kind: 'arith'; op: '+' | '-' | '*' | '/'; left: RowExpr; right: RowExpr }
  | { kind: 'neg'; operand: RowExpr }
  | { kind: 'compare'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; left: RowExpr; right: RowExpr }
  | { kind: 'logic'; op: 'and' | 'or'; left: RowExpr; right: RowExpr }
  | { kind: 'not'; operand: RowExpr }
  | { kind: 'in'; operand: RowExpr; values: Literal[]; negated: boolean }
  | { kind: 'missing'; operand: RowExpr; negated: boolean };

export type AggregateFn =
  | 'count' | 'sum' | 'mean' | 'min' | 'max' | 'percentile' | 'share' | 'distinct' | 'nps';

export type MeasureExpr =
  | {
      kind: 'aggregate';
      fn: AggregateFn;
      dataset: string;
      /**
       * count: null = rows, else rows where arg is present.
       * share: the condition. Others: the value expression.
       */
      arg: RowExpr | null;
      filter: RowExpr | null;
      /** percentile only: fraction 0..1 (median = 0.5). */
      quantile?: number;
    }
  | { kind: 'measure'; name: string }
  | { kind: 'constant'; value: number }
  | { kind: 'arith'; op: '+' | '-' | '*' | '/'; left: MeasureExpr; right: MeasureExpr }
  | { kind: 'neg'; operand: MeasureExpr };

export interface ThresholdPlan {
  level: ThresholdLevel;
  op: Comparator;
  /** In the measure's unit (converted; percents as fractions). */
  value: number;
  /** Applies to one segment only. */
  segment?: { column: ColumnRef; value: Literal };
}

export interface TrendPlan {
  column: ColumnRef;
  period: Period;
}

interface MeasureCommon {
  name: string;
  title: string | null;
  doc: string | null;
  unit: Unit;
  direction: Direction | null;
  thresholds: ThresholdPlan[];
  breakdown: ColumnRef[];
  trend: TrendPlan | null;
}

export interface KpiPlan extends MeasureCommon {
  kind: 'kpi';
  value: MeasureExpr;
}

export type ScoreMapping =
  /** percent -> x100, score/index -> itself */
  | { kind: 'identity' }
  /** anchors sorted by x ascending; piecewise linear, clamped 0..100 */
  | { kind: 'piecewise'; points: Array<[number, number]> };

export interface ComponentPlan {
  name: string;
  /** Fraction 0..1; weights of an index sum to 1. */
  weight: number;
  score: ScoreMapping;
}

export interface IndexPlan extends MeasureCommon {
  kind: 'index';
  components: ComponentPlan[];
}

export type MeasurePlan = KpiPlan | IndexPlan;

export interface DatasetPlan {
  name: string;
  /** As written in the `.kpi` file. */
  source: string;
}

export interface ScorecardPlan {
  datasets: DatasetPlan[];
  /** Dependency order. */
  measures: MeasurePlan[];
}
