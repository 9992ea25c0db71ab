/**
 * The samples analysts will copy: every complete ```kpi block of
 * docs/language.md (read from the repository at test time, so the reference
 * and the parser cannot drift apart), the design sketch's first file
 * (fixtures/valid/design-sample.kpi) and the other valid fixtures.
 */

import { strict as assert } from 'node:assert';
import { parse } from '../../../grammar/syntax';
import { parseMarkers } from '../../support/markers';
import { fixtureNames, kpiBlocks, readFixture, readRepoFile } from './fixture-files';
import { datasetNamed, describeDeclaration, indexNamed, kpiNamed, render } from './ast-helpers';

/** A block showing the shape of a declaration with `<placeholders>` is a template, not code. */
function isTemplate(block: string): boolean {
  return /<[a-z]+>/.test(block);
}

describe('syntax: samples', () => {
  const blocks = kpiBlocks(readRepoFile('docs', 'language.md'));

  it('finds the code blocks of docs/language.md', () => {
    assert.ok(blocks.filter((block) => !isTemplate(block)).length >= 5);
  });

  blocks.forEach((block, index) => {
    if (isTemplate(block)) return;
    it(`parses docs/language.md block ${index + 1} without errors`, () => {
      const result = parse(block);
      assert.deepEqual(result.errors, []);
      assert.ok(result.file.declarations.length > 0);
    });
  });

  it('reads the opening example of docs/language.md', () => {
    const result = parse(blocks[0]);
    assert.deepEqual(result.file.declarations.map(describeDeclaration), [
      'import',
      'kpi first_response_p90',
      'index satisfaction',
      'breakdown',
      'trend',
    ]);
    const kpi = kpiNamed(result.file, 'first_response_p90');
    assert.equal(kpi.doc, 'Time to the first agent reply. Customers judge support by this first.');
    assert.equal(kpi.thresholds[2].segment?.column.column.text, 'channel');
    assert.equal(kpi.thresholds[2].quantity?.unit?.text, 'minutes');
  });

  it('reads the design sketch, with share(tickets.csat >= 4) and a qualified file-level breakdown', () => {
    const result = parse(readFixture('valid', 'design-sample.kpi'));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.file.declarations.map(describeDeclaration), [
      'dataset tickets',
      'kpi first_response',
      'kpi fcr',
      'kpi csat',
      'kpi nps',
      'index satisfaction',
      'breakdown',
      'trend',
    ]);
    assert.equal(render(kpiNamed(result.file, 'csat').value), 'share((tickets.csat >= 4))');
    assert.equal(render(kpiNamed(result.file, 'fcr').value), 'share(tickets where (resolved and (not reopened)))');
    assert.equal(datasetNamed(result.file, 'tickets').columns.length, 10);
    assert.equal(indexNamed(result.file, 'satisfaction').components.length, 4);
    const breakdown = result.file.declarations[6];
    assert.ok(breakdown.kind === 'breakdown');
    assert.deepEqual(
      breakdown.columns.map((c) => `${c.dataset?.text}.${c.column.text}`),
      ['tickets.channel', 'tickets.region'],
    );
    const trend = result.file.declarations[7];
    assert.ok(trend.kind === 'trend');
    assert.equal(trend.column?.dataset?.text, 'tickets');
  });

  it('lets type, unit, period and function words be names (a column `date`, `count`, `hours`)', () => {
    const result = parse(readFixture('valid', 'contextual-names.kpi'));
    assert.deepEqual(result.errors, []);
    const dataset = datasetNamed(result.file, 'count');
    assert.deepEqual(
      dataset.columns.map((c) => `${c.name.text}:${c.type?.text}${c.unit ? `:${c.unit.text}` : ''}`),
      [
        'date:date',
        'count:int',
        'hours:number:hours',
        'minutes:number:min',
        'h:int',
        'month:text',
        'mean:number',
        'p90:number',
        'text:text',
        'number:number',
        'score_:int',
        'sum:number:points',
      ],
    );
    assert.equal(kpiNamed(result.file, 'hours').unit?.text, 'hours');
    assert.equal(render(kpiNamed(result.file, 'date').value), 'count(count where (date is not missing))');
    assert.equal(render(kpiNamed(result.file, 'month').value), '(sum(count.sum) + count(count))');
  });

  for (const name of fixtureNames('valid')) {
    it(`parses fixtures/valid/${name} without errors`, () => {
      const result = parse(parseMarkers(readFixture('valid', name)).text);
      assert.deepEqual(result.errors, []);
    });
  }
});
