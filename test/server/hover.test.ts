/**
 * Hovers on KPI and index names (declaration and use, in this file and
 * across an import), datasets, columns and function names. Whole Markdown
 * texts are compared with snapshots in fixtures/expected/hover/.
 */

import * as assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { startSession, type Session } from './helpers/session';
import { expectSnapshot } from './helpers/snapshots';

const FILE = 'scorecard.kpi';

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  const contents = hover.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

describe('server: hover', function () {
  this.timeout(10_000);
  let session: Session;
  let uri: string;
  beforeEach(async () => {
    session = await startSession('basic');
    uri = await session.open(FILE);
  });
  afterEach(async () => session.stop());

  it('shows a KPI\'s doc, definition, value, thresholds, rows, breakdown and last periods', async () => {
    const hover = await session.client.hover(uri, session.at(FILE, 'p90-decl') + 3);
    expectSnapshot('expected/hover/kpi.md', markdown(hover));
    assert.deepEqual(hover?.range, session.range(FILE, 'p90-decl'));
  });

  it('shows an index\'s components with weight, score and contribution', async () => {
    const hover = await session.client.hover(uri, session.at(FILE, 'sat-decl'));
    expectSnapshot('expected/hover/index.md', markdown(hover));
  });

  it('shows the same hover on a use of a KPI as on its declaration', async () => {
    const atUse = await session.client.hover(uri, session.at(FILE, 'csat-ref') + 1);
    const atDeclaration = await session.client.hover(uri, session.at(FILE, 'csat-decl') + 1);
    assert.equal(markdown(atUse), markdown(atDeclaration));
    assert.deepEqual(atUse?.range, session.range(FILE, 'csat-ref'));
    assert.match(markdown(atUse), /\*\*KPI\*\* `csat` · CSAT/);
  });

  it('shows a column\'s type, unit, optionality and dataset, at a use in another file', async () => {
    const hover = await session.client.hover(uri, session.at(FILE, 'frm-use') + 4);
    assert.equal(markdown(hover), [
      '**Column** `tickets.first_response_min`',
      'number · unit minutes · optional (may be empty)',
      'In dataset `tickets` from `data/tickets.csv`',
    ].join('\n\n'));
    const range = await session.client.hover(uri, session.at(FILE, 'csat-col'));
    assert.equal(markdown(range).split('\n\n')[1], 'int · range 1..5 · optional (may be empty)');
  });

  it('shows a dataset\'s doc, file and rows read', async () => {
    const hover = await session.client.hover(uri, session.at(FILE, 'tickets-use'));
    assert.equal(markdown(hover), [
      '**Dataset** `tickets`',
      'Support tickets, one row per ticket.',
      'From `data/tickets.csv`  \n7 columns declared  \n5 rows read',
    ].join('\n\n'));
  });

  it('shows a function\'s signature and documentation', async () => {
    const hover = await session.client.hover(uri, session.at(FILE, 'p90-fn') + 1);
    const text = markdown(hover);
    assert.match(text, /^```kpi\np90\(dataset\.column \[where condition\]\)\n```\n\nThe 90th percentile/);
    assert.deepEqual(hover?.range, session.range(FILE, 'p90-fn'));
  });

  it('has nothing to say on punctuation or keywords', async () => {
    assert.equal(await session.client.hover(uri, 0), null);
    assert.equal(await session.client.hover(uri, session.at(FILE, 'p90-header')), null);
  });
});
