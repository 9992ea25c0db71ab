/**
 * Pushed diagnostics: codes, exact ranges and data for the entry file and its
 * imports, re-analysis of importers when an imported file changes, clearing
 * when files leave every closure, data diagnostics, and the data cache
 * (parsed once per change on disk, never per keystroke).
 */

import * as fs from 'node:fs';
import * as url from 'node:url';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startSession, type Session } from './helpers/session';

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

describe('server: diagnostics', function () {
  this.timeout(10_000);
  let session: Session;
  afterEach(async () => session?.stop());

  it('publishes syntax, name and type errors with their codes, ranges and suggestions, for the entry and its import', async () => {
    session = await startSession('errors');
    const main = await session.open('main.kpi');
    const mainDiagnostics = await session.client.diagnostics(main);
    assert.deepEqual(codes(mainDiagnostics), ['KPI012', 'KPI010']);
    assert.deepEqual(mainDiagnostics[0].range, session.range('main.kpi', 'KPI012'));
    assert.deepEqual(mainDiagnostics[0].data, { suggestion: 'csat' });
    assert.equal(mainDiagnostics[0].source, 'kpi');
    assert.equal(mainDiagnostics[0].severity, 1);
    // The code links to its entry in the diagnostics reference, which exists.
    const href = mainDiagnostics[0].codeDescription?.href ?? '';
    assert.match(href, /^file:\/\/.*\/docs\/diagnostics\.md#kpi012$/);
    assert.ok(fs.readFileSync(url.fileURLToPath(href.replace(/#.*/, '')), 'utf8').includes('<a id="kpi012"></a>'));
    assert.deepEqual(mainDiagnostics[1].range, session.range('main.kpi', 'KPI010'));
    assert.match(mainDiagnostics[1].message, /resolution_rate/);

    const imported = await session.client.diagnostics(session.workspace.uri('datasets.kpi'));
    assert.deepEqual(codes(imported), ['KPI020']);
    assert.deepEqual(imported[0].range, session.range('datasets.kpi', 'KPI020'));
  });

  it('re-analyses the importer when an open imported file changes', async () => {
    session = await startSession('errors');
    const main = await session.open('main.kpi');
    const datasets = await session.open('datasets.kpi');
    const text = session.client.text(datasets);

    // Renaming the column as the importer spells it fixes the importer's
    // KPI012 (and now the data file lacks `csatt` and has an undeclared `csat`).
    await session.client.replace(datasets, text.replace('nmber', 'number').replace(/\bcsat\b/, 'csatt'));
    assert.deepEqual(codes(await session.client.diagnostics(datasets)), ['KPI085', 'KPI083']);
    const after = await session.client.diagnostics(main, (d) => !codes(d).includes('KPI012'));
    assert.deepEqual(codes(after), ['KPI010']);
  });

  it('clears the diagnostics of files that leave every closure', async () => {
    session = await startSession('errors');
    const main = await session.open('main.kpi');
    const datasets = session.workspace.uri('datasets.kpi');
    await session.client.diagnostics(datasets, (d) => d.length === 1);

    // Dropping the import leaves datasets.kpi in no closure.
    const text = session.client.text(main);
    await session.client.replace(main, text.replace('import "datasets.kpi"', ''));
    await session.client.waitFor(() => (session.client.lastDiagnostics(datasets)?.length === 0 ? true : undefined), 'datasets.kpi cleared');

    await session.client.close(main);
    await session.client.waitFor(() => (session.client.lastDiagnostics(main)?.length === 0 ? true : undefined), 'main.kpi cleared');
  });

  it('reports data problems at the dataset: missing and undeclared columns, rejected rows', async () => {
    session = await startSession('data');
    const main = await session.open('main.kpi');
    const diagnostics = await session.client.diagnostics(main);
    assert.deepEqual(codes(diagnostics).sort(), ['KPI083', 'KPI084', 'KPI085']);
    const byCode = new Map(diagnostics.map((d) => [String(d.code), d]));
    assert.deepEqual(byCode.get('KPI083')!.range, session.range('main.kpi', 'KPI083'));
    assert.deepEqual(byCode.get('KPI084')!.range, session.range('main.kpi', 'source'));
    assert.match(byCode.get('KPI084')!.message, /line 3/);
    assert.deepEqual(byCode.get('KPI085')!.range, session.range('main.kpi', 'KPI085'));
    assert.deepEqual(byCode.get('KPI085')!.data, { column: 'region' });
  });

  it('reads a data file once per change on disk, not per keystroke', async () => {
    session = await startSession('data');
    const main = await session.open('main.kpi');
    const loads = session.server.workspace.dataCache.loads;
    assert.equal(loads, 1);

    // Keystrokes in a KPI block reuse the loaded data.
    const at = session.client.text(main).indexOf('target >= 50%');
    for (const digit of ['6', '7', '5']) {
      await session.client.edit(main, at + 'target >= '.length, at + 'target >= '.length + 1, digit);
      await session.client.diagnostics(main);
    }
    assert.equal(session.server.workspace.dataCache.loads, 1);

    // The file changes on disk: only then is it read again.
    session.workspace.write('data/tickets.csv', 'ticket_id,channel,priority,csat\nT1,chat,high,5\n');
    await session.client.filesChanged([session.workspace.uri('data/tickets.csv')]);
    const fixed = await session.client.diagnostics(main, (d) => d.length === 0);
    assert.deepEqual(fixed, []);
    assert.equal(session.server.workspace.dataCache.loads, 2);
  });

  it('reports a missing data file at its path', async () => {
    session = await startSession('data');
    session.workspace.write('main.kpi', session.marks('main.kpi').text.replace('data/tickets.csv', 'data/nowhere.csv'));
    const main = session.workspace.uri('main.kpi');
    await session.client.open(main, session.workspace.text('main.kpi'));
    const diagnostics = await session.client.diagnostics(main);
    assert.deepEqual(codes(diagnostics), ['KPI080']);
  });

  it('publishes only the last of many quick edits, for its version', async () => {
    session = await startSession('basic', { debounceMs: 200 });
    const main = await session.open('scorecard.kpi');
    const before = session.client.publishCount.get(main) ?? 0;
    const text = session.client.text(main);
    for (let i = 0; i < 20; i++) await session.client.edit(main, text.length, text.length, '\n');
    const version = session.client.document(main).version;
    await session.client.diagnostics(main);
    assert.equal(session.client.document(main).version, version);
    // One debounced analysis for twenty edits.
    assert.equal((session.client.publishCount.get(main) ?? 0) - before, 1);
  });
});
