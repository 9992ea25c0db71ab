/**
 * Live results in the editor: inlay hints after each KPI and index header,
 * code lenses with rows used and `Show breakdown`, the `kpi/resultsChanged`
 * headline, the `kpi/evaluate` request, and the settings that turn them off
 * or limit the rows read.
 */

import * as assert from 'node:assert/strict';
import { startSession, type Session } from './helpers/session';
import { rangeLabelled } from '../support/markers';

const FILE = 'scorecard.kpi';

describe('server: live results', function () {
  this.timeout(10_000);
  let session: Session;
  afterEach(async () => session?.stop());

  it('puts each measure\'s value, status, missed target and partial flag after its header', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const hints = await session.client.inlayHints(uri);
    const end = (label: string) => session.range(FILE, label).end;
    assert.deepEqual(hints.map((hint) => [hint.position, hint.label]), [
      [end('p90-header'), '78 min · breach (target <= 30 min)'],
      [end('rr-header'), '60% · warning'],
      [end('csat-header'), '50% · on target'],
      [end('app-header'), 'no data'],
      [end('partial-header'), '50 · warning · partial'],
      [end('sat-header'), '55 · warning'],
    ]);
    assert.ok(hints.every((hint) => hint.paddingLeft === true));
  });

  it('shows rows used and skipped in a code lens, and a Show breakdown lens with the measure', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const lenses = await session.client.codeLenses(uri);
    const p90 = lenses.filter((lens) => lens.range.start.line === session.range(FILE, 'p90-header').start.line);
    assert.deepEqual(p90.map((lens) => lens.command?.title), ['4 rows used · 1 skipped', 'Show breakdown']);
    assert.deepEqual(p90[0].range, session.range(FILE, 'p90-header'));
    assert.equal(p90[0].command?.command, '');
    assert.equal(p90[1].command?.command, 'kpi.showBreakdown');
    assert.deepEqual(p90[1].command?.arguments, [{ uri, name: 'first_response_p90' }]);
    const rr = lenses.find((lens) => lens.range.start.line === session.range(FILE, 'rr-header').start.line);
    assert.equal(rr?.command?.title, '5 rows used');
  });

  it('announces the headline (last index of the file) after each evaluation', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const first = await session.client.waitFor(() => session.client.resultsChanged.find((r) => r.uri === uri), 'resultsChanged');
    assert.deepEqual(first.summary, { name: 'satisfaction', title: 'Satisfaction', value: '55', status: 'warning' });

    // Without an index, the first KPI is the headline.
    const text = session.client.text(uri);
    const count = session.client.resultsChanged.length;
    await session.client.replace(uri, text.slice(0, text.indexOf('index partial_index')));
    const next = await session.client.waitFor(() => session.client.resultsChanged.slice(count).find((r) => r.uri === uri), 'second resultsChanged');
    assert.deepEqual(next.summary, { name: 'first_response_p90', title: 'First response (P90)', value: '78 min', status: 'breach' });
  });

  it('asks the client to refresh inlay hints after an evaluation', async () => {
    session = await startSession('basic');
    await session.open(FILE);
    await session.client.waitFor(() => (session.client.refreshes > 0 ? true : undefined), 'an inlay hint refresh');
  });

  it('answers kpi/evaluate with the scorecard, also for a file that is not open', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const { scorecard } = await session.client.evaluate(uri);
    assert.ok(scorecard);
    assert.equal(scorecard.file, 'scorecard.kpi');
    assert.deepEqual(scorecard.measures.map((m) => m.name), [
      'first_response_p90', 'resolution_rate', 'csat', 'app_response', 'partial_index', 'satisfaction',
    ]);
    const closed = await session.client.evaluate(session.workspace.uri('datasets.kpi'));
    assert.equal(closed.scorecard?.file, 'datasets.kpi');
    assert.deepEqual(closed.scorecard?.measures, []);
  });

  it('stops evaluating when kpi.evaluation.enabled is false, and kpi/evaluate still forces it', async () => {
    session = await startSession('basic', { settings: { evaluation: { enabled: false } } });
    const uri = await session.open(FILE);
    assert.deepEqual(await session.client.inlayHints(uri), []);
    assert.deepEqual(await session.client.codeLenses(uri), []);
    const { scorecard } = await session.client.evaluate(uri);
    assert.equal(scorecard?.measures.length, 6);
  });

  it('hides inlay hints when kpi.inlayHints.enabled is false, and follows configuration changes', async () => {
    session = await startSession('basic', { settings: { inlayHints: { enabled: false } } });
    const uri = await session.open(FILE);
    assert.deepEqual(await session.client.inlayHints(uri), []);
    await session.client.configurationChanged({ inlayHints: { enabled: true } });
    await session.client.waitFor(() => (session.server.workspace.settings.inlayHints.enabled ? true : undefined), 'settings applied');
    assert.equal((await session.client.inlayHints(uri)).length, 6);
  });

  it('reads at most kpi.evaluation.maxRows rows for live results and says so', async () => {
    session = await startSession('basic', { settings: { evaluation: { maxRows: 3 } } });
    const uri = await session.open(FILE);
    const lenses = await session.client.codeLenses(uri);
    const rr = lenses.find((lens) => lens.range.start.line === session.range(FILE, 'rr-header').start.line);
    assert.equal(rr?.command?.title, '3 rows used · first 3 rows');
    const hover = await session.client.hover(uri, rangeLabelled(session.marks(FILE), 'p90-decl').start);
    assert.match(String((hover?.contents as { value: string }).value), /first 3 rows of `tickets`/);
  });

  it('takes settings from initializationOptions when the client has no configuration support (Helix\'s `config`)', async () => {
    session = await startSession('basic', { capabilities: {}, initializationOptions: { kpi: { inlayHints: { enabled: false } } } });
    const uri = await session.open(FILE);
    assert.deepEqual(await session.client.inlayHints(uri), []);
    assert.equal((await session.client.codeLenses(uri)).length, 12);
    // Without configuration support, a change notification carries the settings itself.
    await session.client.configurationChanged({ inlayHints: { enabled: true } });
    await session.client.waitFor(() => (session.server.workspace.settings.inlayHints.enabled ? true : undefined), 'settings applied');
    assert.equal((await session.client.inlayHints(uri)).length, 6);
  });

  it('treats null settings (Neovim, Helix) as the defaults', async () => {
    session = await startSession('basic', { settings: null });
    const uri = await session.open(FILE);
    assert.equal((await session.client.inlayHints(uri)).length, 6);
    assert.equal(session.server.workspace.settings.evaluation.maxRows, 200_000);
  });
});
