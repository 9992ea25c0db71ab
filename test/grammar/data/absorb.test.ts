import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createLoader, csvHeaderLine, loadTable, type ColumnSchema, type LoadResult,
} from '../../../grammar/eval/data/index';
import { bytesOf, column, loadSummary, optional, problemList, values } from './support';

/**
 * DataLoader.absorb: a loader that read a file up to a record start takes
 * the result of another loader that read the rest (given the header names
 * as a line of their own, as the two-thread host does). The table, counts
 * and problems must be those of one loader reading the whole file.
 */

const schema: ColumnSchema[] = [
  column('id', 'text'),
  optional('region', 'text', { allowed: ['North', 'South', 'Île', 'a, b'] }),
  optional('score', 'int', { range: { min: 0, max: 10 } }),
  optional('amount', 'number'),
  optional('ok', 'bool'),
];

const cell = fc.constantFrom('', '7', '12', '-1.5', 'x', 'yes', 'maybe', 'North', 'South', 'Île', 'West', '"a, b"',
  '"two\nlines"', '"say ""hi"""', ' 3');
const randomCsv = fc.record({
  rows: fc.array(fc.array(cell, { minLength: 4, maxLength: 6 }), { maxLength: 14 }),
  order: fc.shuffledSubarray(['id', 'region', 'score', 'amount', 'ok', 'extra'], { minLength: 3 }),
  lineEnd: fc.constantFrom('\n', '\r\n'),
}).map(({ rows, order, lineEnd }) => [order.join(','), ...rows.map((r) => r.slice(0, order.length).join(','))].join(lineEnd) + lineEnd);

/** Loads `text` in two parts split at byte `at`, or undefined when `at` is not a record start for the first loader. */
function loadInTwo(text: string, at: number, columns?: Set<string>): LoadResult | undefined {
  const bytes = bytesOf(text);
  const first = createLoader('csv', schema, { columns });
  first.push(bytes.subarray(0, at));
  if (!first.atRecordStart() || first.fileColumns().length === 0) return undefined;
  const second = createLoader('csv', schema, { columns });
  second.push(bytesOf(csvHeaderLine(first.fileColumns())));
  second.push(bytes.subarray(at));
  first.absorb(second.finish(), first.nextLine() - 2);
  return first.finish();
}

describe('DataLoader.absorb', () => {
  it('gives the one-loader result for every line start of random files', () => {
    let splits = 0;
    fc.assert(fc.property(randomCsv, fc.boolean(), (text, projected) => {
      const columns = projected ? new Set(['region', 'ok']) : undefined;
      const whole = loadSummary(loadTable(bytesOf(text), 'csv', schema, { columns }));
      const bytes = bytesOf(text);
      for (let at = 1; at < bytes.length; at++) {
        if (bytes[at - 1] !== 0x0a) continue;
        const two = loadInTwo(text, at, columns);
        if (two === undefined) continue;
        splits++;
        assert.deepEqual(loadSummary(two), whole, `split at ${at}:\n${text}`);
      }
    }), { numRuns: 400 });
    assert.ok(splits > 1000, `only ${splits} splits were tried`);
  });

  it('moves the part\'s problem lines and merges text dictionaries in order of first appearance', () => {
    const text = 'id,region,score\nA,South,1\nB,"two\nlines",2\nC,North,3\nD,West,4\nE,South,11\n';
    const at = text.indexOf('C,');
    const two = loadInTwo(text, at)!;
    assert.deepEqual(values(two, 'region'), ['South', 'North']);
    const region = two.table.columns.get('region');
    assert.deepEqual(region?.kind === 'text' ? region.dictionary : undefined, ['South', 'North']);
    assert.deepEqual(problemList(two), [
      '3: region: "two\\nlines" is not one of North, South, Île, a, b',
      '6: region: "West" is not one of North, South, Île, a, b',
      '7: score: "11" is outside 0..10',
    ]);
  });

  it('refuses a part while a record is unfinished, and when keys are checked', () => {
    const first = createLoader('csv', schema);
    first.push(bytesOf('id,region\nA,"open'));
    assert.equal(first.atRecordStart(), false);
    const part = loadTable(bytesOf('id,region\nB,North\n'), 'csv', schema);
    assert.throws(() => first.absorb(part, 0), /unfinished record/);
    const keyed = createLoader('csv', [column('id', 'text', { key: true })], { checkKeys: true });
    keyed.push(bytesOf('id\nA\n'));
    assert.throws(() => keyed.absorb(loadTable(bytesOf('id\nA\n'), 'csv', [column('id', 'text', { key: true })]), 0), /keys/);
  });
});
