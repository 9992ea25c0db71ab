import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScorecardResultSchema, type ScorecardResult } from '../../grammar/results/schema';
import { FIXTURES, REPO, makeTemp, positionIn, removeTemp, runKpi } from './run-kpi';

const CLEAN = `${FIXTURES}/clean/scorecard.kpi`;

function evalJson(args: readonly string[]): { status: number | null; result: ScorecardResult; stderr: string[] } {
  const run = runKpi(['eval', ...args, '--format', 'json']);
  return { status: run.status, result: ScorecardResultSchema.parse(JSON.parse(run.stdout)), stderr: run.stderrLines };
}

/** The rows of the main table: after its header, up to the first blank line, components left out. */
function measureRows(lines: readonly string[]): string[] {
  const header = lines.findIndex((line) => line.startsWith('  KPI'));
  const end = lines.indexOf('', header);
  return lines.slice(header + 1, end < 0 ? undefined : end).filter((line) => /^ {2}\S/.test(line));
}

describe('kpi eval', function () {
  this.timeout(30_000); // each test starts real processes

  it('prints the scorecard as a table, measures in declaration order', () => {
    const run = runKpi(['eval', CLEAN]);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
    assert.deepEqual(measureRows(run.stdoutLines).map((line) => line.trim().split(/\s+/)[0]),
      ['first_response_p90', 'resolution_rate', 'csat', 'satisfaction']);
    assert.ok(run.stdoutLines.some((l) => /^ {2}resolution_rate +Resolution rate +80% +>= 85% +warning +10 +0$/.test(l)), run.stdout);
    assert.ok(run.stdoutLines.some((l) => /^ {6}csat +30% +75% +75 +22\.5$/.test(l)), 'the index lists its components');
    assert.ok(run.stdoutLines.includes('By channel'), 'a breakdown matrix');
    assert.ok(run.stdoutLines.includes('By month (opened_at)'), 'a trend matrix');
    assert.ok(run.stdoutLines.some((l) => /^ {2}csat +\S/.test(l) && l.includes('%')), 'csat has a row in the matrices');
    assert.ok(run.stdoutLines.includes(`  tickets: ${FIXTURES}/clean/data/tickets.csv, 10 rows, 0 rejected`));
  });

  it('prints the result as JSON that matches the schema', () => {
    const { status, result, stderr } = evalJson([CLEAN]);
    assert.equal(status, 0);
    assert.deepEqual(stderr, []);
    assert.equal(result.file, CLEAN);
    assert.deepEqual(result.measures.map((m) => m.name), ['first_response_p90', 'resolution_rate', 'csat', 'satisfaction']);
    const values = result.measures.map((m) => m.value ?? NaN);
    [52, 0.8, 0.75].forEach((expected, i) => assert.ok(Math.abs(values[i] - expected) < 1e-9, `${values[i]} != ${expected}`));
    assert.deepEqual(result.datasets, [{ name: 'tickets', source: `${FIXTURES}/clean/data/tickets.csv`, rowsRead: 10, rowsRejected: 0 }]);
  });

  it('evaluates the latest 5,000 periods of a trend stretched by a mistyped year, and says so', () => {
    const { status, result, stderr } = evalJson([`${FIXTURES}/far-dates/scorecard.kpi`]);
    assert.equal(status, 0);
    assert.equal(stderr.length, 1);
    assert.match(stderr[0], / warning KPI087 `opened_at` runs from 2025-03-01 to 2205-03-02: /);
    const [opened, resolution] = result.measures;
    assert.equal(opened.value, 4, 'every row still counts overall');
    assert.equal(resolution.value, 0.75);
    const periods = opened.trend?.periods ?? [];
    assert.equal(periods.length, 5000);
    assert.deepEqual(periods.at(-1), { period: '2205-03-02', value: 1, status: 'no_target', change: 1, rowsUsed: 1, rowsSkipped: 0 });
    assert.equal(periods.reduce((sum, p) => sum + (p.value ?? 0), 0), 1, 'the 2025 rows are before the kept periods');
  });

  it('keeps only the measures named with --kpi', () => {
    const { status, result } = evalJson([CLEAN, '--kpi', 'satisfaction', '--kpi', 'csat']);
    assert.equal(status, 0);
    assert.deepEqual(result.measures.map((m) => m.name), ['csat', 'satisfaction']);
    const table = runKpi(['eval', CLEAN, '--kpi', 'csat']);
    assert.ok(!table.stdout.includes('resolution_rate'));
    assert.ok(table.stdout.includes('By channel'));
    assert.ok(!table.stdoutLines.some((l) => /^ {2}resolution_rate\b/.test(l)), 'the matrices keep only the selected measures');
  });

  it('is a usage error to name an unknown measure, with a suggestion', () => {
    const run = runKpi(['eval', CLEAN, '--kpi', 'cast']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderrLines, ['kpi: --kpi cast: no KPI or index named cast (did you mean csat?)']);
  });

  it('reads a dataset from --data instead of its `from` file, even outside the root', () => {
    const temp = makeTemp();
    try {
      const elsewhere = path.join(temp, 'march.csv');
      fs.writeFileSync(elsewhere, 'ticket_id,resolved\nT1,true\nT2,true\nT3,false\nT4,true\n');
      const { status, result } = evalJson([`${FIXTURES}/missing-data/scorecard.kpi`, '--data', `tickets=${elsewhere}`]);
      assert.equal(status, 0);
      assert.equal(result.measures[0].value, 0.75);
      assert.deepEqual(result.datasets.map((d) => [d.source, d.rowsRead]), [[elsewhere, 4]]);
    } finally {
      removeTemp(temp);
    }
  });

  it('is a usage error to override an unknown dataset or to write --data badly', () => {
    const unknown = runKpi(['eval', CLEAN, '--data', 'tikets=a.csv']);
    assert.equal(unknown.status, 2);
    assert.deepEqual(unknown.stderrLines, ['kpi: --data tikets=a.csv: no dataset named tikets (did you mean tickets?); datasets: tickets']);
    const malformed = runKpi(['eval', CLEAN, '--data', 'tickets']);
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /^kpi: .*expected NAME=PATH/);
  });

  it('prints what it can and exits 3 when a data file is missing', () => {
    const file = `${FIXTURES}/missing-data/scorecard.kpi`;
    const run = runKpi(['eval', file]);
    assert.equal(run.status, 3);
    assert.match(run.stdout, /^ {2}resolution_rate +no data +>= 85% +no data/m);
    assert.ok(run.stdoutLines.includes(`  tickets: ${FIXTURES}/missing-data/data/no-such-file.csv, not read: file not found`));
    assert.deepEqual(run.stderrLines, [
      `${file}:${positionIn(file, '"data/no-such-file.csv"')}: error KPI080 `
        + `Data file not found: ${FIXTURES}/missing-data/data/no-such-file.csv`,
    ]);
  });

  it('evaluates the valid part and exits 1 when the definitions have errors', () => {
    const file = `${FIXTURES}/syntax-error/broken.kpi`;
    const run = runKpi(['eval', file]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^ {2}csat_share +CSAT +75% +>= 80% +breach/m);
    assert.equal(run.stderrLines.length, 1);
    assert.ok(run.stderrLines[0].startsWith(`${file}:${positionIn(file, '}', 'target >=')}: error KPI001 `));
  });

  it('exits 4 when rows are rejected, after printing the results of the rest', () => {
    const file = `${FIXTURES}/rejected/scorecard.kpi`;
    const run = runKpi(['eval', file]);
    assert.equal(run.status, 4);
    assert.match(run.stdout, /^ {2}csat +CSAT +66\.7% +>= 80% +breach +3 +0$/m);
    assert.ok(run.stdoutLines.includes(`  surveys: ${FIXTURES}/rejected/data/surveys.csv, 5 rows, 2 rejected`));
    assert.equal(run.stderrLines.length, 1);
    assert.ok(run.stderrLines[0].startsWith(`${file}:${positionIn(file, '"data/surveys.csv"')}: warning KPI084 2 rows `
      + `of ${FIXTURES}/rejected/data/surveys.csv break the schema and are left out (line 3: `));
  });

  it('says one rejected row in the singular', () => {
    const temp = makeTemp();
    try {
      const one = path.join(temp, 'one.csv');
      fs.writeFileSync(one, 'answer_id,answered_at,csat\nA1,2025-03-01,5\nA2,2025-03-02,9\n');
      const run = runKpi(['eval', `${FIXTURES}/rejected/scorecard.kpi`, '--data', `surveys=${one}`]);
      assert.equal(run.status, 4);
      assert.match(run.stderrLines[0], / warning KPI084 1 row of .*one\.csv breaks the schema and is left out \(line 3: csat: "9" is outside 1\.\.5\)$/);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  });

  it('says a data file is a Git LFS pointer, not data, and exits 4', () => {
    const temp = makeTemp();
    try {
      const pointer = path.join(temp, 'march.csv');
      fs.writeFileSync(pointer, 'version https://git-lfs.github.com/spec/v1\n'
        + 'oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 71700000\n');
      const file = `${FIXTURES}/missing-data/scorecard.kpi`;
      const run = runKpi(['eval', file, '--data', `tickets=${pointer}`]);
      assert.equal(run.status, 4);
      assert.deepEqual(run.stderrLines, [
        `${file}:${positionIn(file, '"data/no-such-file.csv"')}: error KPI082 Cannot read data file ${pointer}, line 1: `
          + 'this is a Git LFS pointer, not the data: fetch the file with `git lfs pull` (or check it in without LFS)',
      ]);
    } finally {
      removeTemp(temp);
    }
  });

  it('ranks exit codes: usage over IO, IO over definition errors', () => {
    const missing = `${FIXTURES}/missing-data/scorecard.kpi`;
    assert.equal(runKpi(['eval', missing, '--kpi', 'nope']).status, 2);
    const broken = `${FIXTURES}/syntax-error/broken.kpi`;
    assert.equal(runKpi(['eval', broken, '--data', 'tickets=no/such.csv']).status, 3);
  });

  it('exits 3 with one line when the .kpi file cannot be read', () => {
    const run = runKpi(['eval', `${FIXTURES}/nope.kpi`]);
    assert.equal(run.status, 3);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderrLines, [`kpi: cannot read ${FIXTURES}/nope.kpi: no such file`]);
    const folder = runKpi(['eval', `${FIXTURES}/clean`]);
    assert.equal(folder.status, 3);
    assert.deepEqual(folder.stderrLines, [`kpi: cannot read ${FIXTURES}/clean: it is a folder, not a file`]);
  });

  it('colors only when asked: FORCE_COLOR on, NO_COLOR wins, pipes plain', () => {
    assert.ok(!runKpi(['eval', CLEAN]).stdout.includes('\u001b['));
    assert.ok(runKpi(['eval', CLEAN], { env: { FORCE_COLOR: '1' } }).stdout.includes('\u001b['));
    const both = runKpi(['eval', `${FIXTURES}/missing-data/scorecard.kpi`], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!both.stdout.includes('\u001b[') && !both.stderr.includes('\u001b['));
  });

  it('keeps file paths relative to where it runs', () => {
    const run = runKpi(['eval', 'scorecard.kpi'], { cwd: path.join(REPO, FIXTURES, 'missing-data') });
    assert.equal(run.status, 3);
    assert.match(run.stderr, /^scorecard\.kpi:\d+:\d+: error KPI080 /);
  });
});
