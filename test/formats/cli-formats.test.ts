import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, REPO, runKpi } from '../cli/run-kpi';
import { kpiInProcess } from './in-process';

const CLEAN = `${FIXTURES}/clean/scorecard.kpi`; // statuses: warning, warning, breach, warning

describe('kpi eval --fail-on and the CI formats on the command line', function () {
  this.timeout(30_000); // one test starts a real process

  it('exits 5 when a KPI shown is at the --fail-on status or worse, 0 otherwise (a real process)', () => {
    const run = runKpi(['eval', CLEAN, '--fail-on', 'breach', '--format', 'github']);
    assert.equal(run.status, 5);
    assert.ok(run.stdoutLines.some((line) => line.startsWith('::error ') && line.includes('title=KPI breach%3A csat')), run.stdout);
  });

  it('gates only on the KPIs shown, and never by default', async () => {
    assert.equal((await kpiInProcess(['eval', CLEAN, '--format', 'junit'])).status, 0, 'never is the default');
    assert.equal((await kpiInProcess(['eval', CLEAN, '--fail-on', 'breach', '--kpi', 'resolution_rate'])).status, 0);
    assert.equal((await kpiInProcess(['eval', CLEAN, '--fail-on', 'warning', '--kpi', 'resolution_rate', '--format', 'markdown'])).status, 5);
  });

  it('keeps the more telling exit code when the definitions have errors too', async () => {
    const run = await kpiInProcess(['eval', `${FIXTURES}/syntax-error/broken.kpi`, '--fail-on', 'warning', '--format', 'sarif']);
    assert.equal(run.status, 1);
  });

  it('refuses an unknown gate as a usage error', async () => {
    const run = await kpiInProcess(['eval', CLEAN, '--fail-on', 'worse']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^kpi: option '--fail-on <status>' argument 'worse' is invalid/);
  });

  it('prints paths relative to the repository root for CI formats, whatever the current folder', async () => {
    const run = await kpiInProcess(['check', '.', '--format', 'github'], path.join(REPO, FIXTURES, 'shared'));
    assert.equal(run.status, 1);
    assert.equal(run.stdoutLines.length, 1);
    assert.match(run.stdoutLines[0], new RegExp(`^::error file=${FIXTURES}/shared/common\\.kpi,line=\\d+,`));
    const text = await kpiInProcess(['check', '.'], path.join(REPO, FIXTURES, 'shared'));
    assert.match(text.stdoutLines[0], /^common\.kpi:/, 'the text format stays relative to the current folder');
  });
});
