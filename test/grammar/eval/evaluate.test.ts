/**
 * evaluatePlan on hand-built plans and tables: every aggregation's value and
 * row counts, filters, no-data rules, measure arithmetic, statuses, indices,
 * breakdowns and trends, as docs/language.md specifies them.
 */

import * as assert from 'node:assert/strict';
import type { Table } from '../../../grammar/eval/data/table';
import type { MeasurePlan } from '../../../grammar/eval/plan';
import { evaluatePlan, type EvaluatedMeasure } from '../../../grammar/eval/evaluate';
import { MeasureResultSchema } from '../../../grammar/results/schema';
import {
  agg, and, arith, cmp, col, column, component, constant, index, kpi, marith, not, piecewise, ref, scorecard, threshold,
} from './support/plan';
import { bool, datetime, int, num, table, text } from './support/table';

/**
 * Seven tickets. Row 6 has no channel and no opening time: it is in no
 * segment and no period, but still counts overall.
 */
const tickets = table({
  channel: text('chat', 'chat', 'email', 'email', 'phone', 'phone', null),
  minutes: num(10, null, 30, 50, 5, null, 20),
  csat: int(5, 4, 2, null, null, null, 3),
  resolved: bool(true, true, false, true, null, true, false),
  reopened: bool(false, true, false, false, false, null, false),
  nps: int(10, 9, 6, null, 0, 8, 3),
  priority: int(3, 1, 10, null, 1, 3, 10),
  opened: datetime(
    '2025-01-10T08:00:00', '2025-01-20T09:00:00', '2025-03-05T10:00:00', '2025-03-31T23:59:59',
    '2025-04-01T00:00:00', '2025-04-15T12:00:00', null,
  ),
});

const channel = col('t', 'channel', 'text');
const minutes = col('t', 'minutes');
const csat = col('t', 'csat', 'int');
const resolved = col('t', 'resolved', 'bool');
const reopened = col('t', 'reopened', 'bool');

function run(tables: Record<string, Table>, ...measures: MeasurePlan[]): Map<string, EvaluatedMeasure> {
  const results = evaluatePlan(scorecard(...measures), new Map(Object.entries(tables)));
  assert.deepEqual(results.map((r) => r.name), measures.map((m) => m.name), 'one result per measure, in plan order');
  return new Map(results.map((r) => [r.name, r]));
}

/** The one measure's result over the tickets. */
function one(measure: MeasurePlan, tables: Record<string, Table> = { t: tickets }): EvaluatedMeasure {
  return run(tables, measure).get(measure.name) as EvaluatedMeasure;
}

function close(actual: number | null, expected: number, what = 'value'): void {
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: expected ${expected}, got ${actual}`);
}

/** The score of a mean response time mapped 120 -> 0, 15 -> 100. */
const minutesScore = (m: number) => Math.min(100, Math.max(0, ((120 - m) / 105) * 100));

/** value, rowsUsed, rowsSkipped of a result or segment or period. */
const summary = (r: { value: number | null; rowsUsed: number; rowsSkipped: number }) => [r.value, r.rowsUsed, r.rowsSkipped];

describe('evaluatePlan', () => {
  describe('aggregations', () => {
    it('counts rows, and rows where a column is present', () => {
      assert.deepEqual(summary(one(kpi('rows', agg('count', 't', null)))), [7, 7, 0]);
      assert.deepEqual(summary(one(kpi('answered', agg('count', 't', minutes)))), [5, 5, 2]);
      assert.deepEqual(summary(one(kpi('with_channel', agg('count', 't', channel)))), [6, 6, 1]);
    });

    it('skips missing values in sum, mean, min and max, and counts them', () => {
      assert.deepEqual(summary(one(kpi('sum', agg('sum', 't', minutes)))), [115, 5, 2]);
      assert.deepEqual(summary(one(kpi('mean', agg('mean', 't', minutes)))), [23, 5, 2]);
      assert.deepEqual(summary(one(kpi('min', agg('min', 't', minutes)))), [5, 5, 2]);
      assert.deepEqual(summary(one(kpi('max', agg('max', 't', minutes)))), [50, 5, 2]);
    });

    it('interpolates percentiles over present values', () => {
      // Present: 5, 10, 20, 30, 50. p90: h = 4 * 0.9 = 3.6 -> 30 + 0.6 * 20 = 42.
      assert.deepEqual(summary(one(kpi('median', agg('percentile', 't', minutes, { quantile: 0.5 })))), [20, 5, 2]);
      const p90 = one(kpi('p90', agg('percentile', 't', minutes, { quantile: 0.9 })));
      close(p90.value, 42);
      assert.deepEqual([p90.rowsUsed, p90.rowsSkipped], [5, 2]);
    });

    it('keeps only rows where the filter is true, and counts neither the others', () => {
      const email = cmp('=', channel, 'email');
      assert.deepEqual(summary(one(kpi('email', agg('mean', 't', minutes, { filter: email })))), [40, 2, 0]);
      // channel != "email" is unknown for the row without a channel: it is filtered out, not skipped.
      const notEmail = cmp('!=', channel, 'email');
      assert.deepEqual(summary(one(kpi('others', agg('mean', 't', minutes, { filter: notEmail })))), [7.5, 2, 2]);
      assert.deepEqual(summary(one(kpi('n', agg('count', 't', null, { filter: notEmail })))), [4, 4, 0]);
    });

    it('shares over rows where the condition can be decided', () => {
      // resolved: 4 true, 2 false, 1 unknown
      const rate = one(kpi('resolution_rate', agg('share', 't', resolved), { unit: 'percent' }));
      close(rate.value, 4 / 6);
      assert.deepEqual([rate.rowsUsed, rate.rowsSkipped], [6, 1]);
      // resolved and not reopened: T, F, F, T, unknown (null and T), unknown (T and null), F
      const fcr = one(kpi('fcr', agg('share', 't', and(resolved, not(reopened)))));
      assert.deepEqual(summary(fcr), [2 / 5, 5, 2]);
      assert.deepEqual(summary(one(kpi('csat', agg('share', 't', cmp('>=', csat, 4))))), [0.5, 4, 3]);
    });

    it('accepts share(ds where c) with the condition as the filter', () => {
      const viaFilter = one(kpi('fcr', agg('share', 't', null, { filter: and(resolved, not(reopened)) })));
      assert.deepEqual(summary(viaFilter), [2 / 5, 5, 2]);
    });

    it('computes NPS from promoters and detractors among answers', () => {
      // 10, 9 promote; 6, 0, 3 detract; 8 is passive; one blank.
      const nps = one(kpi('nps', agg('nps', 't', col('t', 'nps', 'int')), { unit: 'points' }));
      close(nps.value, (100 * (2 - 3)) / 6);
      assert.deepEqual([nps.rowsUsed, nps.rowsSkipped], [6, 1]);
    });

    it('counts distinct present values', () => {
      assert.deepEqual(summary(one(kpi('channels', agg('distinct', 't', channel)))), [3, 6, 1]);
      assert.deepEqual(summary(one(kpi('priorities', agg('distinct', 't', col('t', 'priority', 'int'))))), [3, 6, 1]);
      assert.deepEqual(summary(one(kpi('states', agg('distinct', 't', resolved)))), [2, 6, 1]);
    });

    it('aggregates a row expression', () => {
      // mean((csat - 1) / 4 * 100) over 5, 4, 2, 3 -> 100, 75, 25, 50
      const scaled = arith('*', arith('/', arith('-', csat, 1), 4), 100);
      assert.deepEqual(summary(one(kpi('score', agg('mean', 't', scaled)))), [62.5, 4, 3]);
    });

    it('gives no data over zero rows, except a count, which is 0', () => {
      const none = cmp('=', channel, 'fax');
      const count = one(kpi('count', agg('count', 't', null, { filter: none }), { thresholds: [threshold('target', '>=', 1)] }));
      assert.deepEqual([count.value, count.status], [0, 'breach']);
      for (const fn of ['sum', 'mean', 'min', 'max', 'percentile', 'nps', 'distinct'] as const) {
        const result = one(kpi(fn, agg(fn, 't', minutes, { filter: none, quantile: 0.5 }), { thresholds: [threshold('target', '>=', 1)] }));
        assert.deepEqual([result.value, result.status, result.rowsUsed], [null, 'no_data', 0], fn);
      }
      const share = one(kpi('share', agg('share', 't', cmp('>', minutes, 1), { filter: none })));
      assert.equal(share.value, null);
    });

    it('gives no data (never 0 or NaN) over an empty table', () => {
      const empty = table({ minutes: num(), channel: text() });
      const results = run(
        { t: empty },
        kpi('count', agg('count', 't', null)),
        kpi('mean', agg('mean', 't', minutes)),
        kpi('p90', agg('percentile', 't', minutes, { quantile: 0.9 })),
        kpi('share', agg('share', 't', cmp('<=', minutes, 30))),
        kpi('nps', agg('nps', 't', minutes)),
      );
      assert.deepEqual([...results.values()].map((r) => r.value), [0, null, null, null, null]);
    });

    it('gives no data for every aggregation over a dataset that could not be loaded', () => {
      const results = run(
        {},
        kpi('count', agg('count', 't', null), { breakdown: [column('t', 'channel')], trend: { column: column('t', 'opened'), period: 'month' } }),
        kpi('mean', agg('mean', 't', minutes)),
      );
      const count = results.get('count') as EvaluatedMeasure;
      assert.deepEqual([count.value, count.status, count.rowsUsed], [null, 'no_data', 0]);
      assert.deepEqual(count.breakdowns, [{ dataset: 't', column: 'channel', segments: [] }]);
      assert.deepEqual(count.trend, { dataset: 't', column: 'opened', period: 'month', periods: [] });
      assert.equal(results.get('mean')?.value, null);
    });

    it('treats a column missing from the file as missing in every row', () => {
      assert.deepEqual(summary(one(kpi('mean', agg('mean', 't', col('t', 'absent'))))), [null, 0, 7]);
    });
  });

  describe('arithmetic over measures', () => {
    it('reads earlier measures and reports the largest row counts', () => {
      const results = run(
        { t: tickets },
        kpi('fcr', agg('share', 't', and(resolved, not(reopened)))),
        kpi('resolution_rate', agg('share', 't', resolved)),
        kpi('ratio', marith('/', ref('fcr'), ref('resolution_rate'))),
        kpi('resolved_share', marith('/', agg('count', 't', null, { filter: resolved }), agg('count', 't', null))),
        kpi('average', marith('/', marith('+', ref('fcr'), ref('resolution_rate')), constant(2))),
      );
      const ratio = results.get('ratio') as EvaluatedMeasure;
      close(ratio.value, (2 / 5) / (4 / 6));
      assert.deepEqual([ratio.rowsUsed, ratio.rowsSkipped], [6, 2], 'max of (5, 2) and (6, 1)');
      assert.deepEqual(summary(results.get('resolved_share') as EvaluatedMeasure), [4 / 7, 7, 0]);
      close(results.get('average')?.value ?? null, (2 / 5 + 4 / 6) / 2);
    });

    it('gives no data on division by zero and when an operand has no data', () => {
      const results = run(
        { t: tickets },
        kpi('per_fax', marith('/', agg('count', 't', null), agg('count', 't', null, { filter: cmp('=', channel, 'fax') }))),
        kpi('nothing', agg('mean', 't', minutes, { filter: cmp('=', channel, 'fax') })),
        kpi('plus_one', marith('+', ref('nothing'), constant(1))),
        kpi('negated', { kind: 'neg', operand: ref('nothing') }),
        kpi('over_zero', marith('/', constant(1), constant(0))),
      );
      for (const name of ['per_fax', 'plus_one', 'negated', 'over_zero']) {
        const result = results.get(name) as EvaluatedMeasure;
        assert.deepEqual([result.value, result.status], [null, 'no_data'], name);
      }
    });
  });

  describe('statuses and thresholds', () => {
    it('reports the general thresholds and the status of the overall value', () => {
      const result = one(
        kpi('mean_minutes', agg('mean', 't', minutes), {
          thresholds: [threshold('target', '<=', 20), threshold('warn', '<=', 25), threshold('target', '<=', 8, { column: column('t', 'channel'), value: 'chat' })],
        }),
      );
      assert.equal(result.status, 'warning');
      assert.deepEqual(result.thresholds, [{ level: 'target', op: '<=', value: 20 }, { level: 'warn', op: '<=', value: 25 }]);
    });

    it('is no_target without a target', () => {
      assert.equal(one(kpi('count', agg('count', 't', null))).status, 'no_target');
    });
  });

  describe('breakdowns', () => {
    const byChannel = [column('t', 'channel')];

    it('gives one segment per distinct present value, sorted, restricted to its rows', () => {
      const result = one(
        kpi('mean_minutes', agg('mean', 't', minutes), {
          breakdown: byChannel,
          thresholds: [threshold('target', '<=', 30), threshold('warn', '<=', 45), threshold('target', '<=', 8, { column: column('t', 'channel'), value: 'chat' })],
        }),
      );
      assert.deepEqual(result.breakdowns, [
        {
          dataset: 't',
          column: 'channel',
          segments: [
            { segment: 'chat', value: 10, status: 'warning', rowsUsed: 1, rowsSkipped: 1 },
            { segment: 'email', value: 40, status: 'warning', rowsUsed: 2, rowsSkipped: 0 },
            { segment: 'phone', value: 5, status: 'on_target', rowsUsed: 1, rowsSkipped: 1 },
          ],
        },
      ]);
      assert.equal(result.status, 'on_target', 'overall 23 meets the general target');
    });

    it('gives a segment without values no data', () => {
      const result = one(kpi('csat', agg('share', 't', cmp('>=', csat, 4)), { breakdown: byChannel, thresholds: [threshold('target', '>=', 0.8)] }));
      assert.deepEqual(result.breakdowns[0].segments, [
        { segment: 'chat', value: 1, status: 'on_target', rowsUsed: 2, rowsSkipped: 0 },
        { segment: 'email', value: 0, status: 'breach', rowsUsed: 1, rowsSkipped: 1 },
        { segment: 'phone', value: null, status: 'no_data', rowsUsed: 0, rowsSkipped: 2 },
      ]);
    });

    it('breaks down by several columns at once, with number and bool keys', () => {
      const result = one(
        kpi('count', agg('count', 't', null), { breakdown: [column('t', 'priority'), column('t', 'resolved'), column('t', 'channel')] }),
      );
      const segments = result.breakdowns.map((b) => b.segments.map((s) => [s.segment, s.value]));
      assert.deepEqual(segments, [
        [['1', 2], ['3', 2], ['10', 2]],
        [['false', 2], ['true', 4]],
        [['chat', 2], ['email', 2], ['phone', 2]],
      ]);
    });

    it('sorts text segments by code units', () => {
      const regions = table({ region: text('North, East', 'Île-de-France', '"Greater" London', 'North', 'east') });
      const result = one(kpi('count', agg('count', 'r', null), { breakdown: [column('r', 'region')] }), { r: regions });
      assert.deepEqual(result.breakdowns[0].segments.map((s) => s.segment), ['"Greater" London', 'North', 'North, East', 'east', 'Île-de-France']);
    });

    it('does not restrict aggregations over other datasets', () => {
      const surveys = table({ score: num(1, 2, 3, 6) });
      const result = one(
        kpi('tickets_per_answer', marith('/', agg('count', 't', null), agg('count', 's', col('s', 'score'))), { breakdown: byChannel }),
        { t: tickets, s: surveys },
      );
      assert.deepEqual(result.breakdowns[0].segments.map((s) => s.value), [2 / 4, 2 / 4, 2 / 4]);
      assert.equal(result.value, 7 / 4);
    });

    it('shares one aggregation between KPIs with different breakdowns', () => {
      const results = run(
        { t: tickets },
        kpi('plain', agg('mean', 't', minutes)),
        kpi('split', agg('mean', 't', minutes), { breakdown: byChannel }),
        kpi('sum', agg('sum', 't', minutes), { breakdown: [column('t', 'priority')] }),
      );
      assert.equal(results.get('plain')?.value, 23);
      assert.deepEqual(results.get('plain')?.breakdowns, []);
      assert.deepEqual(results.get('split')?.breakdowns[0].segments.map((s) => s.value), [10, 40, 5]);
      assert.deepEqual(results.get('sum')?.breakdowns[0].segments.map((s) => s.value), [5, 10, 50]);
    });
  });

  describe('indices', () => {
    const components = [
      kpi('csat', agg('share', 't', cmp('>=', csat, 4)), { unit: 'percent' }),
      kpi('mean_minutes', agg('mean', 't', minutes), { unit: 'minutes' }),
      kpi('no_survey', agg('mean', 't', col('t', 'absent')), { unit: 'percent' }),
    ];

    it('weights component scores', () => {
      const results = run(
        { t: tickets },
        ...components,
        index('satisfaction', [component('csat', 0.6), component('mean_minutes', 0.4, piecewise([120, 0], [15, 100]))], {
          thresholds: [threshold('target', '>=', 80), threshold('warn', '>=', 60)],
        }),
      );
      const result = results.get('satisfaction') as EvaluatedMeasure;
      const expected = 0.6 * 50 + 0.4 * minutesScore(23);
      close(result.value, expected);
      assert.equal(result.status, 'warning');
      assert.equal(result.partial, false);
      assert.deepEqual([result.rowsUsed, result.rowsSkipped], [5, 3], 'max of csat (4, 3) and minutes (5, 2)');
      const [csatPart, minutesPart] = result.components ?? [];
      assert.deepEqual(csatPart, { name: 'csat', weight: 0.6, effectiveWeight: 0.6, value: 0.5, score: 50, contribution: 30 });
      close(minutesPart.score, minutesScore(23), 'minutes score');
      close(minutesPart.contribution, 0.4 * minutesScore(23), 'minutes contribution');
    });

    it('leaves out components without data and renormalises the others', () => {
      const results = run(
        { t: tickets },
        ...components,
        index('satisfaction', [component('csat', 0.5), component('no_survey', 0.3), component('mean_minutes', 0.2, piecewise([15, 100], [120, 0]))]),
      );
      const result = results.get('satisfaction') as EvaluatedMeasure;
      close(result.value, (0.5 * 50 + 0.2 * minutesScore(23)) / 0.7);
      assert.equal(result.partial, true);
      const parts = result.components ?? [];
      assert.deepEqual(parts.map((c) => c.name), ['csat', 'no_survey', 'mean_minutes']);
      close(parts[0].effectiveWeight, 0.5 / 0.7, 'csat effective weight');
      assert.deepEqual([parts[1].effectiveWeight, parts[1].value, parts[1].score, parts[1].contribution], [0, null, null, null]);
      close(parts[2].effectiveWeight, 0.2 / 0.7, 'minutes effective weight');
      close(parts.reduce((sum, c) => sum + (c.contribution ?? 0), 0), result.value ?? NaN, 'contributions add up to the value');
    });

    it('has no data when no component has data', () => {
      const results = run({ t: tickets }, ...components, index('empty', [component('no_survey', 1)], { thresholds: [threshold('target', '>=', 50)] }));
      const result = results.get('empty') as EvaluatedMeasure;
      assert.deepEqual([result.value, result.status, result.partial], [null, 'no_data', false]);
      assert.deepEqual(result.components?.map((c) => c.effectiveWeight), [0]);
    });

    it('nests indices: an inner index scores as itself', () => {
      const results = run(
        { t: tickets },
        ...components,
        index('service', [component('mean_minutes', 1, piecewise([120, 0], [15, 100]))]),
        index('overall', [component('service', 0.5), component('csat', 0.5)]),
      );
      const service = results.get('service')?.value ?? NaN;
      close(service, minutesScore(23));
      close(results.get('overall')?.value ?? null, 0.5 * service + 0.5 * 50);
      assert.equal(results.get('overall')?.components?.[0].score, service);
    });

    it('breaks an index down from its components segment values', () => {
      const results = run(
        { t: tickets },
        ...components,
        index('satisfaction', [component('csat', 0.6), component('mean_minutes', 0.4, piecewise([120, 0], [15, 100]))], {
          breakdown: [column('t', 'channel')],
        }),
      );
      const result = results.get('satisfaction') as EvaluatedMeasure;
      const segments = result.breakdowns[0].segments;
      assert.deepEqual(segments.map((s) => s.segment), ['chat', 'email', 'phone']);
      close(segments[0].value, 100, 'chat');
      close(segments[1].value, 0.4 * minutesScore(40), 'email');
      close(segments[2].value, 100, 'phone: csat has no data, minutes scores 100');
      assert.deepEqual(segments.map((s) => s.partial), [undefined, undefined, true]);
      // The components themselves have no breakdown of their own.
      assert.deepEqual(results.get('csat')?.breakdowns, []);
    });
  });

  it('produces results that conform to the result schema', () => {
    const split = { breakdown: [column('t', 'channel'), column('t', 'priority')], trend: { column: column('t', 'opened'), period: 'week' as const } };
    const results = run(
      { t: tickets },
      kpi('csat', agg('share', 't', cmp('>=', csat, 4)), { ...split, unit: 'percent', thresholds: [threshold('target', '>=', 0.8)] }),
      kpi('mean_minutes', agg('mean', 't', minutes), { ...split, unit: 'minutes' }),
      kpi('over_zero', marith('/', ref('csat'), constant(0)), split),
      index('satisfaction', [component('csat', 0.5), component('mean_minutes', 0.5, piecewise([120, 0], [15, 100]))], split),
    );
    for (const result of results.values()) {
      const parsed = MeasureResultSchema.safeParse({ ...result, file: 'scorecard.kpi', line: 1 });
      assert.ok(parsed.success, `${result.name}: ${parsed.success ? '' : parsed.error.message}`);
    }
    assert.equal(results.get('satisfaction')?.components?.length, 2);
    assert.equal(results.get('csat')?.components, undefined, 'components are for indices only');
  });

  describe('trends', () => {
    const monthly = { column: column('t', 'opened'), period: 'month' as const };

    it('lists every period from the first to the last, empty ones with no data', () => {
      const result = one(kpi('mean_minutes', agg('mean', 't', minutes), { trend: monthly, thresholds: [threshold('target', '<=', 30)] }));
      assert.deepEqual(result.trend, {
        dataset: 't',
        column: 'opened',
        period: 'month',
        periods: [
          { period: '2025-01', value: 10, status: 'on_target', change: null, rowsUsed: 1, rowsSkipped: 1 },
          { period: '2025-02', value: null, status: 'no_data', change: null, rowsUsed: 0, rowsSkipped: 0 },
          { period: '2025-03', value: 40, status: 'breach', change: null, rowsUsed: 2, rowsSkipped: 0 },
          { period: '2025-04', value: 5, status: 'on_target', change: -35, rowsUsed: 1, rowsSkipped: 1 },
        ],
      });
    });

    it('counts 0 in an empty period (a count is always defined)', () => {
      const result = one(kpi('count', agg('count', 't', null), { trend: monthly }));
      assert.deepEqual(result.trend?.periods.map((p) => [p.period, p.value, p.change]), [
        ['2025-01', 2, null], ['2025-02', 0, -2], ['2025-03', 2, 2], ['2025-04', 2, 0],
      ]);
    });

    it('numbers ISO weeks across a year boundary, and quarters', () => {
      const days = table({ at: datetime('2024-12-28T10:00:00', '2025-01-02T10:00:00', '2025-01-14T10:00:00', '2025-01-15T10:00:00') });
      const weekly = one(kpi('count', agg('count', 'd', null), { trend: { column: column('d', 'at'), period: 'week' } }), { d: days });
      assert.deepEqual(weekly.trend?.periods.map((p) => [p.period, p.value]), [
        ['2024-W52', 1], ['2025-W01', 1], ['2025-W02', 0], ['2025-W03', 2],
      ]);
      const quarterly = one(kpi('count', agg('count', 'd', null), { trend: { column: column('d', 'at'), period: 'quarter' } }), { d: days });
      assert.deepEqual(quarterly.trend?.periods.map((p) => [p.period, p.value]), [['2024-Q4', 1], ['2025-Q1', 3]]);
      const daily = one(kpi('count', agg('count', 'd', null), { trend: { column: column('d', 'at'), period: 'day' } }), { d: days });
      assert.equal(daily.trend?.periods.length, 19);
      assert.deepEqual(daily.trend?.periods[0], { period: '2024-12-28', value: 1, status: 'no_target', change: null, rowsUsed: 1, rowsSkipped: 0 });
    });

    it('restricts only the trend dataset, and computes measure arithmetic per period', () => {
      const surveys = table({ score: num(1, 2, 3, 6) });
      const results = run(
        { t: tickets, s: surveys },
        kpi('answers', agg('count', 's', col('s', 'score'))),
        kpi('fcr', agg('share', 't', and(resolved, not(reopened)))),
        kpi('per_answer', marith('/', agg('count', 't', null), ref('answers')), { trend: monthly }),
        kpi('fcr_pct', marith('*', ref('fcr'), constant(100)), { trend: monthly }),
      );
      assert.deepEqual(results.get('per_answer')?.trend?.periods.map((p) => p.value), [0.5, 0, 0.5, 0.5]);
      // fcr per month: Jan T, F -> 50; Feb none; Mar F, T -> 50; Apr unknown, unknown -> none
      assert.deepEqual(results.get('fcr_pct')?.trend?.periods.map((p) => p.value), [50, null, 50, null]);
    });

    it('trends an index from its components per period, marking partial periods', () => {
      const results = run(
        { t: tickets },
        kpi('csat', agg('share', 't', cmp('>=', csat, 4)), { unit: 'percent' }),
        kpi('mean_minutes', agg('mean', 't', minutes), { unit: 'minutes' }),
        index('satisfaction', [component('csat', 0.5), component('mean_minutes', 0.5, piecewise([120, 0], [15, 100]))], { trend: monthly }),
      );
      const periods = results.get('satisfaction')?.trend?.periods ?? [];
      assert.deepEqual(periods.map((p) => [p.period, p.value, p.partial]), [
        ['2025-01', 100, undefined],
        ['2025-02', null, undefined],
        ['2025-03', 0.5 * 0 + 0.5 * minutesScore(40), undefined],
        ['2025-04', 100, true],
      ]);
      assert.equal(periods[2].change, null, 'the period before has no data');
      close(periods[3].change, 100 - (0.5 * 0 + 0.5 * minutesScore(40)), 'change');
    });
  });
});
