/**
 * A hand-made ScorecardResult for rendering tests: two KPIs with a breakdown
 * and a trend, a KPI with no data, and a partial index. Values are chosen so
 * every formatting path shows (minutes, percent, points, no data, partial).
 */

import type { ScorecardResult } from '../../grammar/results/schema';

export function sampleResult(): ScorecardResult {
  return {
    version: 1,
    file: 'after-sales/scorecard.kpi',
    datasets: [
      { name: 'tickets', source: 'after-sales/data/tickets.csv', rowsRead: 5000, rowsRejected: 0 },
      { name: 'surveys', source: 'after-sales/data/surveys.jsonl', rowsRead: 1200, rowsRejected: 3 },
    ],
    measures: [
      {
        kind: 'kpi', name: 'first_response_p90', title: 'First response time (P90)', file: 'after-sales/scorecard.kpi',
        line: 4, unit: 'minutes', direction: 'lower', value: 97.4333, status: 'breach',
        thresholds: [{ level: 'target', op: '<=', value: 30 }, { level: 'warn', op: '<=', value: 60 }],
        rowsUsed: 4210, rowsSkipped: 790, partial: false,
        breakdowns: [{
          dataset: 'tickets', column: 'channel', segments: [
            { segment: 'chat', value: 0.8, status: 'on_target', rowsUsed: 1020, rowsSkipped: 12 },
            { segment: 'email', value: 140, status: 'breach', rowsUsed: 3190, rowsSkipped: 778 },
          ],
        }],
        trend: {
          dataset: 'tickets', column: 'opened_at', period: 'month', periods: [
            { period: '2025-01', value: 100.5, status: 'breach', change: null, rowsUsed: 2000, rowsSkipped: 300 },
            { period: '2025-02', value: null, status: 'no_data', change: null, rowsUsed: 0, rowsSkipped: 0 },
            { period: '2025-03', value: 97.5, status: 'breach', change: null, rowsUsed: 2210, rowsSkipped: 490 },
          ],
        },
      },
      {
        kind: 'kpi', name: 'csat', title: 'Customer satisfaction (share of 4-5 answers)', file: 'after-sales/scorecard.kpi',
        line: 12, unit: 'percent', direction: 'higher', value: 0.874, status: 'on_target',
        thresholds: [{ level: 'target', op: '>=', value: 0.85 }],
        rowsUsed: 1197, rowsSkipped: 0, partial: false, breakdowns: [],
        trend: {
          dataset: 'surveys', column: 'answered_at', period: 'quarter', periods: [
            { period: '2025-Q1', value: 0.853, status: 'on_target', change: null, rowsUsed: 600, rowsSkipped: 0 },
            { period: '2025-Q2', value: 0.874, status: 'on_target', change: 0.021, rowsUsed: 597, rowsSkipped: 0 },
          ],
        },
      },
      {
        kind: 'kpi', name: 'nps', title: null, file: 'after-sales/scorecard.kpi', line: 18, unit: 'points',
        direction: null, value: null, status: 'no_data', thresholds: [],
        rowsUsed: 0, rowsSkipped: 1197, partial: false, breakdowns: [], trend: null,
      },
      {
        kind: 'index', name: 'satisfaction', title: 'After-sales satisfaction index', file: 'after-sales/scorecard.kpi',
        line: 22, unit: 'score', direction: 'higher', value: 58.3, status: 'breach',
        thresholds: [{ level: 'target', op: '>=', value: 80 }, { level: 'warn', op: '>=', value: 70 }],
        rowsUsed: 5407, rowsSkipped: 790, partial: true,
        components: [
          { name: 'first_response_p90', weight: 0.25, effectiveWeight: 0.3125, value: 97.4333, score: 18.2, contribution: 5.7 },
          { name: 'csat', weight: 0.55, effectiveWeight: 0.6875, value: 0.874, score: 87.4, contribution: 60.1 },
          { name: 'nps', weight: 0.2, effectiveWeight: 0, value: null, score: null, contribution: null },
        ],
        breakdowns: [], trend: null,
      },
    ],
    diagnostics: [],
  };
}
