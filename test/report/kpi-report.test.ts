/**
 * `kpi report FILE -o FILE` as users run it (a real process): the page is
 * written atomically whatever the exit code, the exit codes are eval's, a
 * missing `-o` is a usage error, `-o -` writes to stdout.
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScorecardResultSchema } from '../../grammar/results/schema';
import { FIXTURES, makeTemp, removeTemp, runKpi } from '../cli/run-kpi';

const CLEAN = `${FIXTURES}/clean/scorecard.kpi`;

/** The result embedded in a report page. */
function embeddedResult(html: string) {
  const block = /<script type="application\/json" id="kpi-result">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(block, 'no result data block in the page');
  return ScorecardResultSchema.parse(JSON.parse(block[1]));
}

describe('kpi report', function () {
  this.timeout(30_000); // each test starts real processes
  let temp = '';

  beforeEach(() => {
    temp = makeTemp();
  });

  afterEach(() => {
    removeTemp(temp);
  });

  it('writes the page, says where, and leaves no temporary file behind', () => {
    const output = path.join(temp, 'report.html');
    fs.writeFileSync(output, 'an older report');
    const run = runKpi(['report', CLEAN, '-o', output, '--theme', 'dark', '--title', 'March']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderrLines, [`report written to ${output}`]);
    const html = fs.readFileSync(output, 'utf8');
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en" data-theme="dark">'));
    assert.match(html, /<title>March<\/title>/);
    assert.deepEqual(fs.readdirSync(temp), ['report.html']);
  });

  it('embeds the same result as kpi eval --format json', () => {
    const output = path.join(temp, 'report.html');
    assert.equal(runKpi(['report', CLEAN, '-o', output]).status, 0);
    const fromEval = ScorecardResultSchema.parse(JSON.parse(runKpi(['eval', CLEAN, '--format', 'json']).stdout));
    assert.deepEqual(embeddedResult(fs.readFileSync(output, 'utf8')), fromEval);
  });

  it('writes the page to stdout with -o -', () => {
    const run = runKpi(['report', CLEAN, '-o', '-']);
    assert.equal(run.status, 0);
    assert.ok(run.stdout.startsWith('<!DOCTYPE html>'));
    assert.ok(run.stdout.endsWith('</html>\n'));
    assert.equal(run.stderr, '');
  });

  it('is a usage error without -o, or with an unknown theme', () => {
    const missing = runKpi(['report', CLEAN]);
    assert.equal(missing.status, 2);
    assert.deepEqual(missing.stderrLines, ["kpi: required option '-o, --output <file>' not specified"]);
    const theme = runKpi(['report', CLEAN, '-o', path.join(temp, 'r.html'), '--theme', 'blue']);
    assert.equal(theme.status, 2);
    assert.match(theme.stderr, /^kpi: option '--theme <theme>' argument 'blue' is invalid/);
    assert.deepEqual(fs.readdirSync(temp), []);
  });

  it('still writes the report, with eval\'s exit code, when a data file is missing or rows are rejected', () => {
    const missing = path.join(temp, 'missing.html');
    const run = runKpi(['report', `${FIXTURES}/missing-data/scorecard.kpi`, '-o', missing]);
    assert.equal(run.status, 3);
    assert.match(run.stderrLines[0], /error KPI080 Data file not found/);
    assert.match(fs.readFileSync(missing, 'utf8'), /error KPI080 Data file not found/);

    const rejected = path.join(temp, 'rejected.html');
    assert.equal(runKpi(['report', `${FIXTURES}/rejected/scorecard.kpi`, '-o', rejected]).status, 4);
    assert.ok(fs.existsSync(rejected));
  });

  it('exits 3 with one line when the page cannot be written', () => {
    const output = path.join(temp, 'no-such-folder', 'report.html');
    const run = runKpi(['report', CLEAN, '-o', output]);
    assert.equal(run.status, 3);
    assert.deepEqual(run.stderrLines, [`kpi: cannot write ${output}: no such folder`]);
  });
});
