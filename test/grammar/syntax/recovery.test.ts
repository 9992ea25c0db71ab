/**
 * Syntax errors and recovery. The fixtures in fixtures/errors mark every
 * expected error range with ⟦...⟧ and list the messages (`// error:`) and
 * the declarations still in the tree (`// declarations:`). The cases below
 * pin down how Chevrotain's recovery behaves here: single-token insertion and
 * deletion, re-sync at clause keywords and at top-level keywords, and partial
 * nodes.
 */

import { strict as assert } from 'node:assert';
import { parse } from '../../../grammar/syntax';
import { parseMarkers, rangeLabelled } from '../../support/markers';
import { expectationsOf, fixtureNames, readFixture } from './fixture-files';
import { describeDeclaration, kpiNamed, render, spanOfRange } from './ast-helpers';

describe('syntax: errors and recovery', () => {
  describe('fixtures', () => {
    for (const name of fixtureNames('errors')) {
      it(name, () => {
        const source = readFixture('errors', name);
        const marked = parseMarkers(source);
        const expected = expectationsOf(marked.text);
        const result = parse(marked.text);
        assert.deepEqual(
          result.errors.map((e) => e.message),
          expected.errors,
        );
        assert.deepEqual(
          result.errors.map((e) => e.span),
          marked.ranges.map(spanOfRange),
        );
        assert.ok(expected.declarations !== undefined, 'the fixture lists its declarations');
        assert.deepEqual(result.file.declarations.map(describeDeclaration), expected.declarations);
      });
    }
  });

  it('parses an empty file to an empty tree', () => {
    const result = parse('');
    assert.deepEqual(result, { file: { declarations: [], comments: [], span: { start: 0, end: 0 } }, errors: [] });
  });

  it('parses a file of blanks and comments only', () => {
    const text = '\n  // nothing here\n\t/// nor here\r\n';
    const result = parse(text);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.file.declarations, []);
    assert.equal(result.file.comments.length, 2);
    assert.deepEqual(result.file.span, { start: 0, end: text.length });
  });

  it('puts an error at the end of the file after the last token, not after trailing comments', () => {
    const marked = parseMarkers('kpi fcr { value 1⟦⟧\n// trailing comment\n');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [{ message: 'Expected `}` to close kpi `fcr`', span: spanOfRange(marked.ranges[0]) }]);
  });

  it('inserts a single missing token and keeps what follows', () => {
    const marked = parseMarkers('kpi fcr "FCR" ⟦value⟧ 1 }\nkpi next { value 2 }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [{ message: 'Expected `{` after `"FCR"`, found `value`', span: spanOfRange(marked.ranges[0]) }]);
    assert.equal(render(kpiNamed(result.file, 'fcr').value), '1');
    assert.equal(render(kpiNamed(result.file, 'next').value), '2');
  });

  it('deletes a single stray token and keeps what follows', () => {
    const marked = parseMarkers('kpi fcr "FCR" ⟦)⟧ { value 1 }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [{ message: 'Expected `{` after `"FCR"`, found `)`', span: spanOfRange(marked.ranges[0]) }]);
    assert.equal(render(kpiNamed(result.file, 'fcr').value), '1');
  });

  it('re-syncs a broken clause at the next clause keyword', () => {
    const marked = parseMarkers('kpi fcr {\n  value share(tickets where ⟦target⟧ >= 85%\n  warn >= 75%\n}');
    const result = parse(marked.text);
    assert.deepEqual(result.errors.map((e) => e.span), [spanOfRange(marked.ranges[0])]);
    const kpi = kpiNamed(result.file, 'fcr');
    assert.equal(render(kpi.value), 'share(tickets where ERROR)');
    assert.deepEqual(
      kpi.thresholds.map((t) => `${t.level} ${t.op?.text} ${t.quantity?.value}`),
      ['target >= 0.85', 'warn >= 0.75'],
    );
  });

  it('keeps the quantity of a threshold whose comparator is missing', () => {
    const result = parse('kpi fcr { target 85% }');
    const [threshold] = kpiNamed(result.file, 'fcr').thresholds;
    assert.equal(threshold.op, undefined);
    assert.equal(threshold.quantity?.value, 0.85);
  });

  it('re-syncs a broken declaration header at the next top-level keyword', () => {
    const marked = parseMarkers('dataset ⟦5⟧ from "x.csv" { a int }\nkpi fcr { value 1 }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors.map((e) => e.span), [spanOfRange(marked.ranges[0])]);
    assert.deepEqual(result.file.declarations.map(describeDeclaration), ['dataset', 'kpi fcr']);
  });

  it('gives partial nodes: a missing expression is an error node right after its keyword', () => {
    const marked = parseMarkers('kpi fcr "FCR" {\n  value⟦hole|⟧ }');
    const result = parse(marked.text);
    const kpi = kpiNamed(result.file, 'fcr');
    assert.deepEqual(kpi.value, { kind: 'error', span: spanOfRange(rangeLabelled(marked, 'hole')) });
    assert.equal(kpi.title?.value, 'FCR');
  });

  it('keeps a kpi without a name, with its header on the keyword and title', () => {
    const marked = parseMarkers('⟦header|kpi "Untitled"⟧ { value 1 }');
    const result = parse(marked.text);
    const [kpi] = result.file.declarations;
    assert.ok(kpi.kind === 'kpi');
    assert.equal(kpi.name, undefined);
    assert.deepEqual(kpi.header, spanOfRange(rangeLabelled(marked, 'header')));
  });

  it('reports a clause given twice and keeps the first', () => {
    const marked = parseMarkers('kpi fcr { value 1 ⟦value⟧ 2 unit minutes ⟦unit⟧ hours }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [
      { message: 'kpi `fcr` already has a `value` clause: keep only one', span: spanOfRange(marked.ranges[0]) },
      { message: 'kpi `fcr` already has a `unit` clause: keep only one', span: spanOfRange(marked.ranges[1]) },
    ]);
    const kpi = kpiNamed(result.file, 'fcr');
    assert.equal(render(kpi.value), '1');
    assert.equal(kpi.unit?.text, 'minutes');
  });

  it('reports a column option given twice', () => {
    const marked = parseMarkers('dataset t from "t.csv" { a int optional ⟦optional⟧ }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [{ message: 'column `a` already has `optional`: keep only one', span: spanOfRange(marked.ranges[0]) }]);
  });

  it('reports a score written with %', () => {
    const marked = parseMarkers('index s { fcr weight 100% score 50% -> ⟦100%⟧ }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [{ message: 'A score is a number from 0 to 100, written without `%` (`15 -> 100`)', span: spanOfRange(marked.ranges[0]) }]);
  });

  it('reports a number too large to represent', () => {
    const marked = parseMarkers('kpi k { value ⟦1e999⟧ }');
    const result = parse(marked.text);
    assert.deepEqual(result.errors, [{ message: 'The number `1e999` is too large', span: spanOfRange(marked.ranges[0]) }]);
  });

  it('never throws: a nesting too deep for the parser becomes one error over the file', () => {
    const text = `kpi k { value ${'('.repeat(50000)}1${')'.repeat(50000)} }`;
    const result = parse(text);
    assert.ok(result.errors.length >= 1);
    for (const error of result.errors) {
      assert.ok(error.span.start >= 0 && error.span.start <= error.span.end && error.span.end <= text.length);
      assert.ok(!error.message.includes('    at '), 'no stack trace in a message');
    }
  });

  it('never throws on a value that is not a string', () => {
    const result = parse(undefined as unknown as string);
    assert.deepEqual(result.file.declarations, []);
  });
});
