/**
 * Evaluates a scorecard plan against loaded tables: one result per measure,
 * in plan order, with its status, breakdowns and trend.
 *
 * Steps: work out which dimensions (breakdowns, trends) each measure needs
 * (dimensions.ts); run every aggregation once, over all its groups in one
 * pass per aggregation (aggregates.ts); combine them into measure values per
 * context (measures.ts); attach statuses (status.ts) and period changes.
 *
 * A dataset absent from `tables` could not be loaded: every aggregation over
 * it is no data, and breakdowns and trends over it have no segments or
 * periods. The evaluator is pure: no IO, no clock; the same plan and tables
 * give the same result.
 */

import type { MeasureResult, PeriodValue, SegmentValue, Trend, Breakdown } from '../results/schema';
import type { MeasurePlan, ScorecardPlan } from './plan';
import type { Table } from './data/table';
import { dimensionsNeeded, keysOf, segmentDimension, trendDimension } from './dimensions';
import { aggregateSteps } from './aggregates';
import { evaluateMeasures, type Cell, type MeasureCells } from './measures';
import { statusOf } from './status';

/** A measure result before the host adds where it is declared. */
export type EvaluatedMeasure = Omit<MeasureResult, 'file' | 'line'>;

export function evaluatePlan(plan: ScorecardPlan, tables: ReadonlyMap<string, Table>): EvaluatedMeasure[] {
  return runToEnd(evaluationSteps(plan, tables));
}

/**
 * Evaluation in steps (one pass over a table each), for hosts that pause or
 * cancel between them; `evaluatePlan` runs the same steps to the end.
 */
export function* evaluationSteps(plan: ScorecardPlan, tables: ReadonlyMap<string, Table>): Generator<void, EvaluatedMeasure[], void> {
  const dimensionsOf = dimensionsNeeded(plan);
  const aggregates = yield* aggregateSteps(plan, tables, dimensionsOf);
  const cells = evaluateMeasures(plan, aggregates, dimensionsOf, tables);
  return plan.measures.map((measure) => {
    const measureCells = cells.get(measure.name);
    if (measureCells === undefined) throw new Error(`internal: measure ${measure.name} was not evaluated`);
    return measureResult(measure, measureCells, tables);
  });
}

export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function measureResult(measure: MeasurePlan, cells: MeasureCells, tables: ReadonlyMap<string, Table>): EvaluatedMeasure {
  const { overall } = cells;
  const result: EvaluatedMeasure = {
    kind: measure.kind,
    name: measure.name,
    title: measure.title,
    unit: measure.unit,
    direction: measure.direction,
    value: overall.value,
    status: statusOf(overall.value, measure.thresholds),
    thresholds: measure.thresholds
      .filter((t) => t.segment === undefined)
      .map((t) => ({ level: t.level, op: t.op, value: t.value })),
    rowsUsed: overall.rowsUsed,
    rowsSkipped: overall.rowsSkipped,
    partial: measure.kind === 'index' && overall.partial,
    ...(measure.kind === 'index' ? { components: overall.components ?? [] } : {}),
    breakdowns: measure.breakdown.map((ref): Breakdown => {
      const dimension = segmentDimension(ref);
      const groups = cells.byDimension.get(dimension.key) ?? [];
      const segments = keysOf(dimension, tables).map((key, group): SegmentValue => {
        const cell = groups[group];
        return {
          segment: key,
          value: cell.value,
          status: statusOf(cell.value, measure.thresholds, { column: ref, key }),
          ...counts(cell),
        };
      });
      return { dataset: ref.dataset, column: ref.column, segments };
    }),
    trend: null,
  };
  if (measure.trend !== null) {
    const { trend } = measure;
    const dimension = trendDimension(trend);
    const groups = cells.byDimension.get(dimension.key) ?? [];
    let previous: number | null = null;
    const periods = keysOf(dimension, tables).map((key, group): PeriodValue => {
      const cell = groups[group];
      const change = cell.value === null || previous === null ? null : cell.value - previous;
      previous = cell.value;
      return {
        period: key,
        value: cell.value,
        status: statusOf(cell.value, measure.thresholds),
        change,
        ...counts(cell),
      };
    });
    const trendResult: Trend = { dataset: trend.column.dataset, column: trend.column.column, period: trend.period, periods };
    result.trend = trendResult;
  }
  return result;
}

/** Row counts, and `partial` only when set (an index left components out). */
function counts(cell: Cell): { rowsUsed: number; rowsSkipped: number; partial?: boolean } {
  return cell.partial
    ? { rowsUsed: cell.rowsUsed, rowsSkipped: cell.rowsSkipped, partial: true }
    : { rowsUsed: cell.rowsUsed, rowsSkipped: cell.rowsSkipped };
}
