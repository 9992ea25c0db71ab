import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { buildSarif, renderSarif, SARIF_SCHEMA, type SarifLog } from '../../server/formats/sarif';
import { fromRoot } from '../support/paths';
import { FIXTURES, runKpi } from '../cli/run-kpi';
import { kpiInProcess } from './in-process';
import { fixtureDiagnostics, fixtureScorecard } from './fixture-report';
import { sarifErrors } from './sarif-schema';

const VERSION = (JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

function run(log: SarifLog) {
  return log.runs[0];
}

describe('SARIF output', function () {
  this.timeout(30_000); // one test starts a real process

  it('is valid SARIF 2.1.0 for a scorecard with every status and diagnostic severity', () => {
    const text = renderSarif({ scorecard: fixtureScorecard(), diagnostics: fixtureDiagnostics() }, { toolVersion: VERSION });
    const log = JSON.parse(text) as SarifLog;
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(log.$schema, SARIF_SCHEMA);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    assert.deepEqual(run(log).tool.driver.name, 'kpi');
  });

  it('lists each rule used once, sorted, and points every result at its rule', () => {
    const log = buildSarif({ scorecard: fixtureScorecard(), diagnostics: fixtureDiagnostics() }, { toolVersion: VERSION });
    const { rules } = run(log).tool.driver;
    assert.deepEqual(rules.map((r) => r.id), ['KPI-STATUS-BREACH', 'KPI-STATUS-CRITICAL', 'KPI-STATUS-WARNING', 'KPI001', 'KPI084', 'KPI085']);
    for (const result of run(log).results) assert.equal(rules[result.ruleIndex].id, result.ruleId);
    const kpi001 = rules.find((r) => r.id === 'KPI001')!;
    assert.equal(kpi001.name, 'SyntaxError');
    assert.equal(kpi001.shortDescription.text, 'Syntax error');
    assert.match(kpi001.help.text, /parser recovers/);
  });

  it('maps severities and statuses to levels, and locates results relative to %SRCROOT%', () => {
    const log = buildSarif({ scorecard: fixtureScorecard(), diagnostics: fixtureDiagnostics() }, { toolVersion: VERSION });
    const results = run(log).results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region]);
    assert.deepEqual(results, [
      ['KPI001', 'error', 'cards/after%20sales.kpi', { startLine: 6, startColumn: 10, endLine: 6, endColumn: 11 }],
      ['KPI084', 'warning', 'cards/after%20sales.kpi', { startLine: 2, startColumn: 22, endLine: 3, endColumn: 5 }],
      ['KPI085', 'note', 'cards/datasets.kpi', { startLine: 1, startColumn: 9, endLine: 1, endColumn: 16 }],
      ['KPI-STATUS-BREACH', 'error', 'cards/after%20sales.kpi', { startLine: 4 }],
      ['KPI-STATUS-CRITICAL', 'error', 'cards/after%20sales.kpi', { startLine: 10 }],
      ['KPI-STATUS-WARNING', 'warning', 'cards/after%20sales.kpi', { startLine: 16 }],
      ['KPI-STATUS-BREACH', 'error', 'cards/after%20sales.kpi', { startLine: 38 }],
    ]);
    for (const r of run(log).results) assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  });

  it('is valid for `kpi check` with no problems: no rules, no results', () => {
    const log = buildSarif({ diagnostics: [], files: ['a.kpi'] }, { toolVersion: VERSION });
    assert.deepEqual(sarifErrors(log), []);
    assert.deepEqual(run(log).results, []);
    assert.deepEqual(run(log).tool.driver.rules, []);
  });

  it('comes from `kpi eval --format sarif` on the sample, valid, with the package version', () => {
    const evaluated = runKpi(['eval', 'samples/after-sales/after-sales.kpi', '--format', 'sarif']);
    assert.equal(evaluated.status, 0, evaluated.stderr);
    const log = JSON.parse(evaluated.stdout) as SarifLog;
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(run(log).tool.driver.version, VERSION);
    const breaches = run(log).results.filter((r) => r.ruleId === 'KPI-STATUS-BREACH');
    assert.ok(breaches.length > 0);
    for (const r of breaches) assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, 'samples/after-sales/after-sales.kpi');
  });

  it('comes from `kpi check --format sarif` on broken fixtures, valid, exit code unchanged', async () => {
    const check = await kpiInProcess(['check', `${FIXTURES}/syntax-error`, `${FIXTURES}/missing-data`, '--format', 'sarif']);
    assert.equal(check.status, 1);
    const log = JSON.parse(check.stdout) as SarifLog;
    assert.deepEqual(sarifErrors(log), []);
    const found = run(log).results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri]);
    assert.deepEqual(found, [
      ['KPI080', `${FIXTURES}/missing-data/scorecard.kpi`],
      ['KPI001', `${FIXTURES}/syntax-error/broken.kpi`],
    ]);
  });
});
