/**
 * Hand-made inputs for the CI format renderers: a ScorecardResult with one
 * KPI or index per status (breach, critical, warning, on target, no target,
 * no data), segments whose free text holds every character the formats must
 * escape, and diagnostics of each severity.
 */

import type { DiagnosticResult, MeasureResult, ScorecardResult, Status } from '../../grammar/results/schema';

/** Segment and title text with characters every format must escape: markup, quotes, separators, a newline, a control character. */
export const NASTY = 'North | "East" <b>&amp;</b> @team 100%: a,b\nnext\u0001end';

export const FILE = 'cards/after sales.kpi';

function measure(name: string, status: Status, line: number, extra: Partial<MeasureResult> = {}): MeasureResult {
  return {
    kind: 'kpi', name, title: `Title of ${name}`, file: FILE, line, unit: 'percent', direction: 'higher',
    value: status === 'no_data' ? null : 0.5, status,
    thresholds: status === 'no_target' ? [] : [{ level: 'target', op: '>=', value: 0.9 }, { level: 'warn', op: '>=', value: 0.7 }],
    rowsUsed: 10, rowsSkipped: 2, partial: false, breakdowns: [], trend: null,
    ...extra,
  };
}

export function fixtureScorecard(): ScorecardResult {
  return {
    version: 1,
    file: FILE,
    datasets: [{ name: 'tickets', source: 'cards/data/tickets.csv', rowsRead: 12, rowsRejected: 1 }],
    measures: [
      measure('fcr', 'breach', 4, {
        title: NASTY,
        breakdowns: [{
          dataset: 'tickets', column: 'region', segments: [
            { segment: NASTY, value: 0.2, status: 'breach', rowsUsed: 4, rowsSkipped: 0 },
            { segment: 'South', value: 0.95, status: 'on_target', rowsUsed: 6, rowsSkipped: 2 },
          ],
        }],
        trend: {
          dataset: 'tickets', column: 'opened_at', period: 'month', periods: [
            { period: '2025-01', value: 0.45, status: 'breach', change: null, rowsUsed: 5, rowsSkipped: 1 },
            { period: '2025-02', value: 0.55, status: 'breach', change: 0.1, rowsUsed: 5, rowsSkipped: 1 },
          ],
        },
      }),
      measure('escalations', 'critical', 10),
      measure('resolution_rate', 'warning', 16),
      measure('csat', 'on_target', 22),
      measure('tickets', 'no_target', 28, { unit: 'count', value: 12, direction: null }),
      measure('nps', 'no_data', 32, { unit: 'points' }),
      measure('satisfaction', 'breach', 38, {
        kind: 'index', unit: 'score', value: 41.5, partial: true,
        thresholds: [{ level: 'target', op: '>=', value: 80 }],
        components: [
          { name: 'csat', weight: 0.6, effectiveWeight: 1, value: 0.5, score: 50, contribution: 41.5 },
          { name: 'nps', weight: 0.4, effectiveWeight: 0, value: null, score: null, contribution: null },
        ],
      }),
    ],
    diagnostics: fixtureDiagnostics(),
  };
}

export function fixtureDiagnostics(): DiagnosticResult[] {
  return [
    { code: 'KPI001', severity: 'error', message: 'Expected a number after `>=`', file: FILE, line: 6, column: 10, endLine: 6, endColumn: 11 },
    { code: 'KPI084', severity: 'warning', message: `1 row of cards/data/tickets.csv breaks the schema (line 3: ${NASTY})`, file: FILE, line: 2, column: 22, endLine: 3, endColumn: 5 },
    { code: 'KPI085', severity: 'info', message: 'cards/data/tickets.csv has a column `agent` that `tickets` does not declare', file: 'cards/datasets.kpi', line: 1, column: 9, endLine: 1, endColumn: 16 },
  ];
}
