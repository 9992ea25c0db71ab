/**
 * A hand-written evaluation plan equivalent to samples/after-sales/after-sales.kpi
 * (what the checker should lower it to), and the tickets schema, so the
 * evaluator can be checked against DuckDB without the parser, the checker or
 * the data loader.
 */

import type {
  ColumnRef, ComponentPlan, IndexPlan, KpiPlan, MeasureExpr, RowExpr, ScorecardPlan, ThresholdPlan, Unit,
} from '../../../grammar/eval/plan';
import type { CsvColumn } from './csv-table';

export const TICKETS_SCHEMA: CsvColumn[] = [
  { name: 'ticket_id', type: 'text' },
  { name: 'opened_at', type: 'datetime' },
  { name: 'channel', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'first_response_min', type: 'number' },
  { name: 'resolution_hours', type: 'number' },
  { name: 'resolved', type: 'bool' },
  { name: 'reopened', type: 'bool' },
  { name: 'csat', type: 'int' },
  { name: 'nps', type: 'int' },
  { name: 'refund_amount', type: 'number' },
];

const typeOf = (name: string) => TICKETS_SCHEMA.find((c) => c.name === name)?.type ?? 'number';
const column = (name: string): RowExpr => ({ kind: 'column', dataset: 'tickets', column: name, type: typeOf(name) });
const literal = (value: number): RowExpr => ({ kind: 'literal', value });
const ref = (name: string): ColumnRef => ({ dataset: 'tickets', column: name });

function aggregate(fn: Extract<MeasureExpr, { kind: 'aggregate' }>['fn'], arg: RowExpr | null, quantile?: number): MeasureExpr {
  return { kind: 'aggregate', fn, dataset: 'tickets', arg, filter: null, ...(quantile === undefined ? {} : { quantile }) };
}

const target = (op: ThresholdPlan['op'], value: number, segment?: ThresholdPlan['segment']): ThresholdPlan =>
  ({ level: 'target', op, value, ...(segment ? { segment } : {}) });
const warn = (op: ThresholdPlan['op'], value: number, segment?: ThresholdPlan['segment']): ThresholdPlan =>
  ({ level: 'warn', op, value, ...(segment ? { segment } : {}) });

const split = {
  breakdown: [ref('channel'), ref('region')],
  trend: { column: ref('opened_at'), period: 'month' as const },
};

function kpi(name: string, value: MeasureExpr, unit: Unit, thresholds: ThresholdPlan[]): KpiPlan {
  const direction = thresholds.length === 0 ? null : thresholds[0].op.startsWith('>') ? 'higher' : 'lower';
  return { kind: 'kpi', name, title: name, doc: null, unit, direction, thresholds, value, ...split };
}

const chat = { column: ref('channel'), value: 'chat' };

const satisfactionComponents: ComponentPlan[] = [
  { name: 'first_response_p90', weight: 0.25, score: { kind: 'piecewise', points: [[15, 100], [120, 0]] } },
  { name: 'csat', weight: 0.35, score: { kind: 'identity' } },
  { name: 'fcr', weight: 0.25, score: { kind: 'identity' } },
  { name: 'nps', weight: 0.15, score: { kind: 'piecewise', points: [[-100, 0], [100, 100]] } },
];

const satisfaction: IndexPlan = {
  kind: 'index',
  name: 'satisfaction',
  title: 'After-sales satisfaction index',
  doc: null,
  unit: 'score',
  direction: 'higher',
  thresholds: [target('>=', 80), warn('>=', 70)],
  components: satisfactionComponents,
  ...split,
};

export const AFTER_SALES_PLAN: ScorecardPlan = {
  datasets: [{ name: 'tickets', source: 'data/tickets.csv' }],
  measures: [
    kpi('tickets', aggregate('count', null), 'count', []),
    kpi('first_response_median', aggregate('percentile', column('first_response_min'), 0.5), 'minutes', []),
    kpi('first_response_p90', aggregate('percentile', column('first_response_min'), 0.9), 'minutes', [
      target('<=', 30), warn('<=', 60), target('<=', 5, chat), warn('<=', 15, chat),
    ]),
    kpi('first_response_within_30', aggregate('share', { kind: 'compare', op: '<=', left: column('first_response_min'), right: literal(30) }), 'percent', [
      target('>=', 0.8), warn('>=', 0.6),
    ]),
    kpi('resolution_rate', aggregate('share', column('resolved')), 'percent', [target('>=', 0.9), warn('>=', 0.85)]),
    kpi('fcr', aggregate('share', { kind: 'logic', op: 'and', left: column('resolved'), right: { kind: 'not', operand: column('reopened') } }), 'percent', [
      target('>=', 0.85), warn('>=', 0.75),
    ]),
    kpi('mean_resolution_hours', aggregate('mean', column('resolution_hours')), 'hours', [target('<=', 24), warn('<=', 36)]),
    kpi('csat', aggregate('share', { kind: 'compare', op: '>=', left: column('csat'), right: literal(4) }), 'percent', [
      target('>=', 0.9), warn('>=', 0.8),
    ]),
    kpi('nps', aggregate('nps', column('nps')), 'points', [target('>=', 40), warn('>=', 20)]),
    satisfaction,
  ],
};
