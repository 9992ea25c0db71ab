/**
 * The Markdown report behind "KPI: Show breakdown" (client/src/breakdown-report.ts):
 * values formatted like every other surface, one table per breakdown and for
 * the trend, and segment names that cannot break the tables.
 */
import * as assert from 'node:assert/strict';
import { breakdownReport } from '../../client/src/breakdown-report';
import type { MeasureResult } from '../../grammar/results/schema';

function kpi(overrides: Partial<MeasureResult> = {}): MeasureResult {
  return {
    kind: 'kpi',
    name: 'fcr',
    title: 'First-contact resolution',
    file: 'after-sales/after-sales.kpi',
    line: 12,
    unit: 'percent',
    direction: 'higher',
    value: 0.874,
    status: 'on_target',
    thresholds: [{ level: 'target', op: '>=', value: 0.85 }, { level: 'warn', op: '>=', value: 0.75 }],
    rowsUsed: 5000,
    rowsSkipped: 120,
    partial: false,
    breakdowns: [],
    trend: null,
    ...overrides,
  };
}

/** The table row whose first cell is `first`. */
function rowOf(report: string, first: string): string {
  const row = report.split('\n').find((line) => line.startsWith(`| ${first} |`));
  assert.ok(row, `no row for ${first} in:\n${report}`);
  return row;
}

describe('breakdown report', () => {
  it('heads with the title, formatted value, status, thresholds and rows', () => {
    const report = breakdownReport(kpi());
    assert.match(report, /^# First-contact resolution\n/);
    assert.ok(report.includes('**87.4%** · on target'), report);
    assert.ok(report.includes('target >= 85% · warn >= 75%'), report);
    assert.ok(report.includes('5,000 rows used · 120 skipped'), report);
  });

  it('has one row per segment with value, status and counts', () => {
    const report = breakdownReport(kpi({
      breakdowns: [{
        dataset: 'tickets',
        column: 'channel',
        segments: [
          { segment: 'chat', value: 0.912, status: 'on_target', rowsUsed: 1200, rowsSkipped: 3 },
          { segment: 'email', value: null, status: 'no_data', rowsUsed: 0, rowsSkipped: 0 },
        ],
      }],
    }));
    assert.ok(report.includes('## By channel'), report);
    assert.equal(rowOf(report, 'chat'), '| chat | 91.2% | on target | 1,200 | 3 |');
    assert.equal(rowOf(report, 'email'), '| email | no data | no data | 0 | 0 |');
  });

  it('shows the trend with signed changes in percentage points', () => {
    const report = breakdownReport(kpi({
      trend: {
        dataset: 'tickets',
        column: 'opened_at',
        period: 'month',
        periods: [
          { period: '2025-01', value: 0.85, status: 'on_target', change: null, rowsUsed: 400, rowsSkipped: 0 },
          { period: '2025-02', value: 0.871, status: 'on_target', change: 0.021, rowsUsed: 410, rowsSkipped: 0 },
        ],
      },
    }));
    assert.ok(report.includes('## By month of opened\\_at'), report);
    assert.equal(rowOf(report, '2025-01'), '| 2025-01 | 85% | no data | on target | 400 |');
    assert.equal(rowOf(report, '2025-02'), '| 2025-02 | 87.1% | +2.1 pts | on target | 410 |');
  });

  it('lists an index\'s components with weights, scores and contributions', () => {
    const report = breakdownReport(kpi({
      kind: 'index',
      name: 'satisfaction',
      unit: 'score',
      value: 78.2,
      status: 'warning',
      partial: true,
      components: [
        { name: 'fcr', weight: 0.35, effectiveWeight: 0.5, value: 0.874, score: 87.4, contribution: 43.7 },
        { name: 'nps', weight: 0.35, effectiveWeight: 0, value: null, score: null, contribution: null },
      ],
    }));
    assert.ok(report.includes('**78.2** · warning, partial: some components had no data'), report);
    assert.equal(rowOf(report, 'fcr'), '| fcr | 50% | 0.874 | 87.4 | 43.7 |');
    assert.equal(rowOf(report, 'nps'), '| nps | 0% | no data | no data | no data |');
  });

  it('escapes segment names that would break the table', () => {
    const report = breakdownReport(kpi({
      breakdowns: [{
        dataset: 'tickets',
        column: 'region',
        segments: [{ segment: 'North | East', value: 0.9, status: 'on_target', rowsUsed: 1, rowsSkipped: 0 }],
      }],
    }));
    const row = rowOf(report, 'North \\| East');
    assert.equal(row.replace(/\\\|/g, '').split('|').length - 1, 6, row);
  });
});
