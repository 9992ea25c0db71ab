import * as assert from 'node:assert/strict';
import { renderScorecard } from '../../server/cli/render-table';
import { createPalette } from '../../server/cli/color';
import { sampleResult } from './sample-result';

const plain = createPalette(false);

describe('the scorecard table', () => {
  it('lays out measures, components, breakdown and trend matrices, and data in 100 columns', () => {
    assert.equal(renderScorecard(sampleResult(), { palette: plain }), [
      'after-sales/scorecard.kpi',
      '',
      '  KPI / INDEX                                      VALUE  TARGET     STATUS            ROWS  SKIPPED',
      '  first_response_p90  First response time (P9…  97.4 min  <= 30 min  breach           4,210      790',
      '  csat                Customer satisfaction (…     87.4%  >= 85%     on target        1,197        0',
      '  nps                                            no data  -          no data              0    1,197',
      '  satisfaction        After-sales satisfactio…      58.3  >= 80      breach, partial  5,407      790',
      '      COMPONENT           WEIGHT  EFFECTIVE     VALUE  SCORE  CONTRIBUTION',
      '      first_response_p90     25%      31.3%  97.4 min   18.2           5.7',
      '      csat                   55%      68.8%     87.4%   87.4          60.1',
      '      nps                    20%         0%   no data      -             -',
      '',
      'By channel',
      '  KPI                      chat      email',
      '  first_response_p90  0.8 min ✓  140 min ✗',
      '',
      'By month (opened_at)',
      '  KPI                     2025-01  2025-02     2025-03  LAST CHANGE',
      '  first_response_p90  100.5 min ✗  no data  97.5 min ✗',
      '',
      'By quarter (answered_at)',
      '  KPI   2025-Q1  2025-Q2  LAST CHANGE',
      '  csat  85.3% ✓  87.4% ✓     +2.1 pts',
      '',
      '  ✓ on target   ! warning   ✗ breach',
      '',
      'Data',
      '  tickets: after-sales/data/tickets.csv, 5,000 rows, 0 rejected',
      '  surveys: after-sales/data/surveys.jsonl, 1,200 rows, 3 rejected',
      '',
    ].join('\n'));
  });

  it('fits the width by shortening titles, then leaving them out', () => {
    for (const width of [100, 90, 80]) {
      const lines = renderScorecard(sampleResult(), { palette: plain, width }).split('\n');
      for (const line of lines) assert.ok(line.length <= width, `${line.length} > ${width}: ${line}`);
    }
    const narrow = renderScorecard(sampleResult(), { palette: plain, width: 80 });
    assert.match(narrow, /^ {2}first_response_p90 {2}97\.4 min {2}<= 30 min/m);
    assert.doesNotMatch(narrow, /First response/);
  });

  it('shows only the selected measures, with component units still known', () => {
    const text = renderScorecard(sampleResult(), { palette: plain, only: new Set(['satisfaction']) });
    const rows = text.split('\n').filter((line) => /^ {2}\S/.test(line) && !line.includes(':'));
    assert.deepEqual(rows.map((line) => line.trim().split(/\s+/)[0]), ['KPI', 'satisfaction']);
    assert.match(text, /first_response_p90 {5}25% {6}31\.3% {2}97\.4 min/);
    assert.doesNotMatch(text, /By channel|By month/);
  });

  it('colors statuses by severity, and nothing without colors', () => {
    const colored = renderScorecard(sampleResult(), { palette: createPalette(true) });
    assert.ok(colored.includes('\u001b[31mbreach, partial\u001b[39m'), 'breach is red');
    assert.ok(colored.includes('\u001b[32mon target\u001b[39m'), 'on target is green');
    assert.ok(colored.includes('\u001b[2mno data\u001b[22m'), 'no data is dim');
    assert.ok(!renderScorecard(sampleResult(), { palette: plain }).includes('\u001b'));
  });

  it('wraps segment columns that do not fit the width into blocks', () => {
    const result = sampleResult();
    const p90 = result.measures[0];
    const segment = p90.breakdowns[0].segments[0];
    p90.breakdowns[0].segments = Array.from({ length: 12 }, (_, i) => ({ ...segment, segment: `region-${String(i).padStart(2, '0')}` }));
    const lines = renderScorecard(result, { palette: plain, width: 80 }).split('\n');
    for (const line of lines) assert.ok(line.length <= 80, line);
    const headers = lines.filter((line) => line.startsWith('  KPI ') && line.includes('region-'));
    assert.ok(headers.length >= 2, 'the segments wrap into several blocks');
    const shown = headers.flatMap((line) => line.trim().split(/\s+/).slice(1));
    assert.deepEqual(shown, Array.from({ length: 12 }, (_, i) => `region-${String(i).padStart(2, '0')}`));
  });

  it('shows the most recent periods that fit and says how many there are', () => {
    const result = sampleResult();
    const trend = result.measures[0].trend!;
    const period = trend.periods[0];
    trend.periods = Array.from({ length: 20 }, (_, i) => ({ ...period, period: `2025-W${String(i + 1).padStart(2, '0')}` }));
    const text = renderScorecard(result, { palette: plain });
    assert.match(text, /the last 8 of 20 periods; all are in --format json/);
    assert.match(text, /2025-W20/);
    assert.doesNotMatch(text, /2025-W12\b/);
  });

  it('says so when there is nothing to show', () => {
    const result = { ...sampleResult(), measures: [], datasets: [] };
    assert.equal(renderScorecard(result, { palette: plain }), 'after-sales/scorecard.kpi\n\n  No KPIs or indices to show.\n');
  });
});
