import * as assert from 'node:assert/strict';
import { renderMarkdown } from '../../server/formats/markdown';
import { NASTY, fixtureDiagnostics, fixtureScorecard } from './fixture-report';

/** Cells of a Markdown table row: split on `|` not escaped with a backslash. */
function cells(row: string): string[] {
  assert.ok(row.startsWith('| ') && row.endsWith(' |'), row);
  return row.slice(2, -2).split(/(?<!\\) \| /);
}

/** The rows of the first table after the line `after` (header and separator left out). */
function tableAfter(lines: readonly string[], after: string): string[][] {
  const start = lines.findIndex((line, i) => i > lines.indexOf(after) && line.startsWith('| '));
  const rows: string[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].startsWith('| '); i++) rows.push(cells(lines[i]));
  return rows;
}

describe('Markdown output', () => {
  const markdown = renderMarkdown({ scorecard: fixtureScorecard(), diagnostics: fixtureDiagnostics() });
  const lines = markdown.split('\n');

  it('starts with the file and the status counts, worst first', () => {
    assert.deepEqual(lines.slice(0, 3), [
      '## KPI scorecard: `cards/after sales.kpi`',
      '',
      '⛔ 1 critical · 🔴 2 breach · 🟡 1 warning · 🟢 1 on target · ⚪ 1 no data · ➖ 1 no target',
    ]);
  });

  it('has one summary row per KPI and index: status, name and title, value, target, last change', () => {
    const rows = tableAfter(lines, lines[2]);
    assert.deepEqual(rows.map((r) => r.length), [5, 5, 5, 5, 5, 5, 5]);
    assert.deepEqual(rows[2], ['🟡 warning', '`resolution_rate` Title of resolution\\_rate', '50%', '&gt;= 90%', '']);
    assert.deepEqual(rows[0].slice(2), ['50%', '&gt;= 90%', '+10.0 pts (2025-02)']);
    assert.equal(rows[6][0], '🔴 breach, partial');
  });

  it('neutralises markup, pipes, mentions and line breaks in free text', () => {
    const [fcr] = tableAfter(lines, lines[2]);
    assert.equal(fcr[1], '`fcr` North \\| "East" &lt;b&gt;&amp;amp;&lt;/b&gt; &#64;team 100%: a,b next\u0001end');
    assert.ok(!markdown.includes('<b>'), 'no raw HTML from the data');
    assert.ok(!markdown.includes('@team'), 'no mention from the data');
    assert.ok(markdown.includes(`<summary><code>fcr</code> North | &quot;East&quot; &lt;b&gt;&amp;amp;&lt;/b&gt; &#64;team`));
    assert.ok(!markdown.includes(NASTY.split('\n')[0]));
  });

  it('gives each measure a collapsed section with its segments, trend and components', () => {
    assert.equal(lines.filter((l) => l === '<details>').length, 7);
    assert.equal(lines.filter((l) => l === '</details>').length, 7);
    const segments = tableAfter(lines, '**By `region`**');
    assert.deepEqual(segments.map((r) => r[0]), ['North \\| "East" &lt;b&gt;&amp;amp;&lt;/b&gt; &#64;team 100%: a,b next\u0001end', 'South']);
    assert.deepEqual(tableAfter(lines, '**By `month(opened_at)`**').map((r) => r.slice(0, 3)), [['2025-01', '45%', ''], ['2025-02', '55%', '+10.0 pts']]);
    const components = tableAfter(lines, '<summary><code>satisfaction</code> Title of satisfaction: 41.5, 🔴 breach, partial</summary>');
    assert.deepEqual(components, [['`csat`', '60%', '100%', '50%', '50', '41.5'], ['`nps`', '40%', '0%', 'no data', '-', '-']]);
  });

  it('ends with the data and the problems', () => {
    assert.ok(lines.includes('- `tickets`: cards/data/tickets.csv, 12 rows, 1 rejected'));
    const problems = tableAfter(lines, '**Problems**');
    assert.deepEqual(problems.map((r) => r.slice(0, 3)), [
      ['🔴 error', 'KPI001', 'cards/after sales.kpi:6:10'],
      ['🟡 warning', 'KPI084', 'cards/after sales.kpi:2:22'],
      ['🔵 info', 'KPI085', 'cards/datasets.kpi:1:9'],
    ]);
  });

  it('for `kpi check`: a count line and the problems, or a clean bill', () => {
    const check = renderMarkdown({ diagnostics: fixtureDiagnostics(), files: ['a.kpi', 'b.kpi'] }).split('\n');
    assert.equal(check[2], '🔴 1 error, 1 warning, 1 info in 2 files.');
    assert.equal(tableAfter(check, check[2]).length, 3);
    assert.equal(renderMarkdown({ diagnostics: [], files: ['a.kpi'] }), '## KPI check\n\n🟢 No problems in 1 file.\n');
  });
});
