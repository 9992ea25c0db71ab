/**
 * Broken input: a file with syntax errors (half-typed declarations, stray
 * characters, unterminated strings) still gets diagnostics, and every
 * request is still answered for the parts that parse.
 */

import * as assert from 'node:assert/strict';
import { startSession, type Session } from './helpers/session';

const BROKEN = `import "datasets.kpi"

kpi first_response_p90 "First response (P90)" {
  value  p90(tickets.first_response_min
  unit   minutes
  target <=
}

kpi csat "CSAT {
  value  share(tickets.csat >= 4)
}

kpi resolution_rate "Resolution rate" {
  value  share(tickets where resolved) @
  target >= 90%
}

index satisfaction "Satisfaction" {
  resolution_rate  weight 50%
  csat             weight
`;

describe('server: broken input', function () {
  this.timeout(10_000);
  let session: Session;
  let uri: string;
  before(async () => {
    session = await startSession('basic');
    uri = session.workspace.uri('broken.kpi');
    session.workspace.write('broken.kpi', BROKEN);
    await session.client.open(uri, BROKEN);
  });
  after(async () => session.stop());

  it('reports syntax errors and keeps analysing', async () => {
    const diagnostics = await session.client.diagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'KPI001'));
    assert.ok(diagnostics.every((d) => d.range.start.line < BROKEN.split('\n').length));
  });

  it('answers every request', async () => {
    const at = BROKEN.indexOf('resolution_rate  weight');
    const client = session.client;
    assert.ok(Array.isArray(await client.completion(uri, BROKEN.indexOf('tickets.first') + 'tickets.'.length)));
    await client.hover(uri, at);
    await client.signatureHelp(uri, BROKEN.indexOf('first_response_min'));
    assert.ok(Array.isArray(await client.definition(uri, at)));
    assert.ok(Array.isArray(await client.references(uri, at, true)));
    await client.prepareRename(uri, at);
    assert.ok(Array.isArray(await client.documentSymbols(uri)));
    assert.ok(Array.isArray(await client.workspaceSymbols('')));
    assert.ok(Array.isArray(await client.foldingRanges(uri)));
    assert.ok(Array.isArray((await client.semanticTokens(uri)).data));
    assert.deepEqual(await client.formatting(uri), []);
    assert.ok(Array.isArray(await client.codeLenses(uri)));
    assert.ok(Array.isArray(await client.inlayHints(uri)));
    assert.ok(Array.isArray(await client.codeActions(uri, await client.diagnostics(uri))));
    assert.deepEqual(client.logs.filter((line) => /failed|error/i.test(line)), []);
  });

  it('still finds what parsed: the outline and the KPI used in the index', async () => {
    const outline = await session.client.documentSymbols(uri);
    assert.ok(outline.some((symbol) => symbol.name === 'resolution_rate'));
    const found = await session.client.definition(uri, BROKEN.indexOf('resolution_rate  weight'));
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, BROKEN.slice(0, BROKEN.indexOf('kpi resolution_rate')).split('\n').length - 1);
  });

  it('recovers fully once the text is fixed', async () => {
    const fixed = session.marks('scorecard.kpi').text;
    await session.client.replace(uri, fixed);
    const diagnostics = await session.client.diagnostics(uri);
    assert.deepEqual(diagnostics, []);
    assert.equal((await session.client.inlayHints(uri)).length, 6);
  });
});
