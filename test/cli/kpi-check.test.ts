import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { DiagnosticResultSchema } from '../../grammar/results/schema';
import { FIXTURES, REPO, copyFixture, makeTemp, positionIn, removeTemp, runKpi } from './run-kpi';

describe('kpi check', function () {
  this.timeout(30_000); // each test starts real processes

  it('passes a clean folder: nothing on stdout, a summary on stderr, exit 0', () => {
    const run = runKpi(['check', `${FIXTURES}/clean`]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderrLines, ['no problems in 2 files']);
  });

  it('reports a syntax error as file:line:col and exits 1', () => {
    const file = `${FIXTURES}/syntax-error/broken.kpi`;
    const run = runKpi(['check', file]);
    assert.equal(run.status, 1);
    assert.equal(run.stdoutLines.length, 1);
    assert.ok(run.stdoutLines[0].startsWith(`${file}:${positionIn(file, '}', 'target >=')}: error KPI001 `), run.stdout);
    assert.deepEqual(run.stderrLines, ['1 error, 0 warnings in 1 file']);
  });

  it('reports a missing data file at its `from` path', () => {
    const file = `${FIXTURES}/missing-data/scorecard.kpi`;
    const run = runKpi(['check', file]);
    assert.equal(run.status, 1);
    assert.deepEqual(run.stdoutLines, [
      `${file}:${positionIn(file, '"data/no-such-file.csv"')}: error KPI080 `
        + `Data file not found: ${FIXTURES}/missing-data/data/no-such-file.csv`,
    ]);
  });

  it('reports a problem of a file imported by two entries once', () => {
    const common = `${FIXTURES}/shared/common.kpi`;
    const run = runKpi(['check', `${FIXTURES}/shared`]);
    assert.equal(run.status, 1);
    assert.equal(run.stdoutLines.length, 1, run.stdout);
    assert.ok(run.stdoutLines[0].startsWith(`${common}:${positionIn(common, 'txt')}: error KPI020 `), run.stdout);
    assert.deepEqual(run.stderrLines, ['1 error, 0 warnings in 3 files']);
  });

  it('sorts the problems of several paths by file and position', () => {
    const run = runKpi(['check', `${FIXTURES}/shared/second.kpi`, `${FIXTURES}/missing-data`, `${FIXTURES}/syntax-error`]);
    assert.equal(run.status, 1);
    const files = run.stdoutLines.map((line) => line.split(':')[0]);
    assert.deepEqual(files, [
      `${FIXTURES}/missing-data/scorecard.kpi`, `${FIXTURES}/shared/common.kpi`, `${FIXTURES}/syntax-error/broken.kpi`,
    ]);
  });

  it('checks the current folder by default, printing paths relative to it', () => {
    const run = runKpi(['check'], { cwd: path.join(REPO, FIXTURES, 'shared') });
    assert.equal(run.status, 1);
    assert.match(run.stdoutLines[0], /^common\.kpi:\d+:\d+: error KPI020 /);
  });

  it('allows warnings: rejected rows are a warning, exit 0', () => {
    const file = `${FIXTURES}/rejected/scorecard.kpi`;
    const run = runKpi(['check', file]);
    assert.equal(run.status, 0);
    assert.equal(run.stdoutLines.length, 1);
    assert.ok(run.stdoutLines[0].startsWith(`${file}:${positionIn(file, '"data/surveys.csv"')}: warning KPI084 2 rows `));
    assert.match(run.stdoutLines[0], /line 3: .*line 5: /);
    assert.deepEqual(run.stderrLines, ['0 errors, 1 warning in 1 file']);
  });

  it('warns when a mistyped year stretches a trend past 5,000 periods (KPI087), at the date column', () => {
    const file = `${FIXTURES}/far-dates/scorecard.kpi`;
    const run = runKpi(['check', file]);
    assert.equal(run.status, 0);
    assert.deepEqual(run.stdoutLines, [
      `${file}:${positionIn(file, 'opened_at')}: warning KPI087 \`opened_at\` runs from 2025-03-01 to 2205-03-02: `
        + 'a trend by day would have 65,745 periods, so only the last 5,000 are shown. Is a date mistyped?',
    ]);
  });

  it('prints JSON that matches the diagnostic schema', () => {
    const run = runKpi(['check', `${FIXTURES}/shared`, `${FIXTURES}/missing-data`, '--format', 'json']);
    assert.equal(run.status, 1);
    const parsed = z.array(DiagnosticResultSchema).parse(JSON.parse(run.stdout));
    assert.deepEqual(parsed.map((d) => [d.file, d.code, d.severity]), [
      [`${FIXTURES}/missing-data/scorecard.kpi`, 'KPI080', 'error'],
      [`${FIXTURES}/shared/common.kpi`, 'KPI020', 'error'],
    ]);
    const common = `${FIXTURES}/shared/common.kpi`;
    const [line, column] = positionIn(common, 'txt').split(':').map(Number);
    assert.deepEqual([parsed[1].line, parsed[1].column, parsed[1].endLine, parsed[1].endColumn], [line, column, line, column + 3]);
  });

  it('refuses a data path that climbs out of the root given with --root', () => {
    const file = `${FIXTURES}/escape/scorecard.kpi`;
    const run = runKpi(['check', file, '--root', `${FIXTURES}/escape`]);
    assert.equal(run.status, 1);
    assert.deepEqual(run.stdoutLines.map((l) => l.split(' ').slice(0, 3).join(' ')), [
      `${file}:${positionIn(file, '"../../x.csv"')}: error KPI081`,
    ]);
  });

  it('exits 3 for a path that does not exist, still checking the others', () => {
    const run = runKpi(['check', 'no/such/place', `${FIXTURES}/clean`]);
    assert.equal(run.status, 3);
    assert.deepEqual(run.stderrLines, ['kpi: cannot read no/such/place: no such file or folder', 'no problems in 2 files']);
  });

  it('is a usage error when a folder holds no .kpi file', () => {
    const run = runKpi(['check', `${FIXTURES}/clean/data`]);
    assert.equal(run.status, 2);
    assert.deepEqual(run.stderrLines, [`kpi: no .kpi files found in ${FIXTURES}/clean/data`]);
  });

  describe('in a workspace of its own', () => {
    let temp: string;
    beforeEach(() => {
      temp = makeTemp();
    });
    afterEach(() => removeTemp(temp));

    it('takes the nearest folder with .git as the root and refuses data above it', () => {
      const workspace = path.join(temp, 'workspace');
      fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
      copyFixture('escape', workspace);
      fs.writeFileSync(path.join(temp, 'x.csv'), 'ticket_id,resolved\nT1,true\n');
      const run = runKpi(['check', '.'], { cwd: workspace });
      assert.equal(run.status, 1);
      assert.match(run.stdout, /^escape\/scorecard\.kpi:2:22: error KPI081 /);
    });

    it('refuses a data folder that is a symlink to outside the root', () => {
      const workspace = path.join(temp, 'workspace');
      fs.mkdirSync(path.join(workspace, '.git'), { recursive: true });
      const scorecard = copyFixture('clean', workspace);
      const elsewhere = path.join(temp, 'elsewhere');
      fs.renameSync(path.join(scorecard, 'data'), elsewhere);
      fs.symlinkSync(elsewhere, path.join(scorecard, 'data'), 'dir');
      const run = runKpi(['check', 'clean'], { cwd: workspace });
      assert.equal(run.status, 1);
      assert.equal(run.stdoutLines.length, 1, run.stdout);
      assert.match(run.stdoutLines[0], /^clean\/datasets\.kpi:\d+:\d+: error KPI081 .*symbolic link/);
    });
  });
});
