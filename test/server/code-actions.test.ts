/**
 * Quick fixes keyed on diagnostic codes: suggestions (KPI010, KPI012,
 * KPI020, KPI050 "write 50%"), renaming a declared column to the data
 * file's spelling (KPI083), normalising weights (KPI050), adding a score
 * mapping (KPI051) and declaring a data file's column (KPI085).
 */

import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { startSession, type Session } from './helpers/session';
import { applyEdits } from './helpers/test-client';

const FILE = 'main.kpi';

describe('server: code actions', function () {
  this.timeout(10_000);
  let session: Session;
  let uri: string;
  let diagnostics: Diagnostic[];
  beforeEach(async () => {
    session = await startSession('fixes');
    uri = await session.open(FILE);
    diagnostics = await session.client.diagnostics(uri);
  });
  afterEach(async () => session.stop());

  /** The fixes offered for the diagnostic with `code` (and message matching `message`). */
  async function fixesFor(code: string, message?: RegExp): Promise<CodeAction[]> {
    const diagnostic = diagnostics.find((d) => d.code === code && (!message || message.test(d.message)));
    assert.ok(diagnostic, `no ${code} diagnostic`);
    return session.client.codeActions(uri, [diagnostic]);
  }

  function applied(action: CodeAction, target = uri): string {
    const edits = action.edit?.changes?.[target];
    assert.ok(edits, `no edits for ${target}`);
    return applyEdits(session.client.text(target), edits);
  }

  it('replaces an unknown column with the suggestion', async () => {
    const [fix] = await fixesFor('KPI012');
    assert.equal(fix.title, 'Change to `channel`');
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.edit?.changes?.[uri], [{ range: session.range(FILE, 'KPI012'), newText: 'channel' }]);
  });

  it('writes a weight above 1 as a percent', async () => {
    const [fix] = await fixesFor('KPI050', /above 1/);
    assert.equal(fix.title, 'Write `50%`');
    assert.deepEqual(fix.edit?.changes?.[uri], [{ range: session.range(FILE, 'KPI050'), newText: '50%' }]);
  });

  it('normalises weights proportionally to exactly 100%', async () => {
    const [fix] = await fixesFor('KPI050', /add up to 90%/);
    assert.equal(fix.title, 'Normalise the weights to add up to 100%');
    const after = applied(fix);
    assert.match(after, /chat_share {3}weight 33\.33%\n {2}email_share {2}weight 33\.33%\n {2}wait {9}weight 33\.34%\n/);
  });

  it('adds a score mapping pointing the way of the KPI\'s direction', async () => {
    const [fix] = await fixesFor('KPI051');
    const after = applied(fix);
    assert.match(after, /\n {2}wait {9}weight 30% score 100 -> 0, 0 -> 100\n/);
  });

  it('renames a declared column and its uses to the data file\'s spelling', async () => {
    const [fix] = await fixesFor('KPI083');
    assert.equal(fix.title, 'Rename the column to `chanel` (as in the data file)');
    const after = applied(fix);
    assert.equal(after, session.client.text(uri).replace(/\bchannel\b(?! = "email")/g, 'chanel').replace('channel = "chat")', 'chanel = "chat")'));
    assert.doesNotMatch(after.slice(0, after.indexOf('kpi email_share')), /\bchannel\b/);
  });

  it('declares a column the data file has, before the dataset\'s closing brace', async () => {
    const [fix] = await fixesFor('KPI085', /`region`/);
    assert.equal(fix.title, 'Declare column `region`');
    const after = applied(fix);
    assert.match(after, /\n {2}wait_min {3}number {2}minutes {2}optional\n {2}region text\n\}/);
  });

  for (const [column, declared] of [
    ['score', 'int optional'],
    ['rate', 'number'],
    ['vip', 'bool'],
    ['opened', 'datetime'],
    ['day', 'date'],
    ['empty', 'text optional'],
  ] as const) {
    it(`declares \`${column}\` as \`${declared}\`, the type the data file's first rows support`, async () => {
      const [fix] = await fixesFor('KPI085', new RegExp(`\`${column}\``));
      assert.equal(fix.title, `Declare column \`${column}\``);
      assert.match(applied(fix), new RegExp(`\n {2}${column} ${declared}\n\}`));
    });
  }

  it('guesses again once the data file changes on disk', async () => {
    assert.match(applied((await fixesFor('KPI085', /`score`/))[0]), /\n {2}score int optional\n\}/);
    const csv = session.workspace.text('data/tickets.csv').replace(',4,0.5,', ',high,0.5,');
    session.workspace.write('data/tickets.csv', csv);
    await session.client.filesChanged([session.workspace.uri('data/tickets.csv')]);
    diagnostics = await session.client.diagnostics(uri);
    assert.match(applied((await fixesFor('KPI085', /`score`/))[0]), /\n {2}score text optional\n\}/);
  });

  it('offers nothing for a diagnostic it has no fix for', async () => {
    assert.deepEqual(await fixesFor('KPI084'), []);
  });

  it('uses the server\'s own data when the client drops it', async () => {
    const diagnostic = diagnostics.find((d) => d.code === 'KPI012')!;
    const [fix] = await session.client.codeActions(uri, [{ ...diagnostic, data: undefined }]);
    assert.equal(fix.title, 'Change to `channel`');
  });
});
