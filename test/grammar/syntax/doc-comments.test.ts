/**
 * Doc comments (fixtures/valid/doc-comments.kpi): consecutive `///` lines
 * directly above a dataset, kpi or index, trimmed and joined with spaces; a
 * blank line, an ordinary comment or code on the line breaks the link.
 */

import { strict as assert } from 'node:assert';
import { parse, type KpiFile } from '../../../grammar/syntax';
import { readFixture } from './fixture-files';
import { datasetNamed, indexNamed, kpiNamed } from './ast-helpers';

describe('syntax: doc comments', () => {
  let file: KpiFile;
  let text: string;

  before(() => {
    text = readFixture('valid', 'doc-comments.kpi');
    const result = parse(text);
    assert.deepEqual(result.errors, []);
    file = result.file;
  });

  it('joins several lines into one paragraph, trimmed', () => {
    assert.equal(datasetNamed(file, 'tickets').doc, 'Tickets exported nightly from the help desk.');
    assert.equal(kpiNamed(file, 'first_response').doc, 'Time to the first agent reply. Customers judge support by this first.');
  });

  it('skips empty `///` lines and documents an index', () => {
    assert.equal(indexNamed(file, 'satisfaction').doc, 'Empty doc lines are skipped.');
  });

  it('accepts indented doc comments', () => {
    assert.equal(kpiNamed(file, 'indented').doc, 'Indented doc comments count.');
  });

  it('leaves a declaration undocumented when a blank line separates it from the comment', () => {
    assert.equal(kpiNamed(file, 'detached').doc, undefined);
  });

  it('does not take an ordinary comment, nor one between the doc and the declaration', () => {
    assert.equal(kpiNamed(file, 'plain').doc, undefined);
    assert.equal(kpiNamed(file, 'interrupted').doc, undefined);
  });

  it('treats `////` as an ordinary comment', () => {
    assert.equal(kpiNamed(file, 'separator').doc, undefined);
  });

  it('ignores a `///` that trails code on its line', () => {
    assert.equal(kpiNamed(file, 'trailing').doc, undefined);
    assert.equal(kpiNamed(file, 'after_trailing').doc, undefined);
  });

  it('still lists every comment, doc comments included, with exact spans', () => {
    const docLines = text.split('\n').filter((line) => line.trim().startsWith('//') || line.includes(' /// ')).length;
    assert.equal(file.comments.length, docLines);
    for (const comment of file.comments) {
      assert.equal(text.slice(comment.span.start, comment.span.end), comment.text);
      assert.ok(comment.text.startsWith('//'));
    }
  });
});
