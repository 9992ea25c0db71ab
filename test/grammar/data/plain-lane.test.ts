import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadTable, type ColumnSchema, type LoaderOptions } from '../../../grammar/eval/data/index';
import { planLane, type CsvLane } from '../../../grammar/eval/data/plain-csv-lane';
import { TableBuilder } from '../../../grammar/eval/data/table-builder';
import { WasmCsvLane } from '../../../grammar/eval/data/wasm-csv-lane';
import { bytesOf, column, loadInPieces, loadSummary, optional, problemList, values } from './support';

/**
 * The CSV fast lane (contract in grammar/eval/data/plain-csv-lane.ts, run as
 * WebAssembly by wasm-csv-lane.ts) must give exactly the table the general
 * way gives, record by record: the same values, the same rejected rows, the
 * same problems on the same lines. It may only decline. These tests load the
 * same bytes with the lane on and off.
 */

/** Values that are plain for the lane, and the awkward ones it must decline or read the same way. */
const cellPool = [
  '', ' ', '7', '-3', '0', '12.5', '.5', '5.', '-', '.', '+4', '1e3', ' 8', '9 ', '12abc', '1234567890123456',
  '0.1234567890123', '00012', '3.0', '2.5', '11', '-0', 'true', 'FALSE', 'yes', 'No', '1', 'maybe',
  '2025-03-14', '2025-02-30', '2025-03-14T09:23:11', '2025-03-14 09:23:11.5+02:00', '2025-03-14T25:00:00',
  'North', 'South', 'chat', 'email', 'Île', '😀', 'a"b', '"quoted"', '"a, b"', '"say ""hi"""', '""', '" "',
  '"7"', '"line\nbreak"', '"cr\rinside"', '"bad"x', 'x"y',
];

const types: Array<ColumnSchema['type']> = ['text', 'number', 'int', 'bool', 'date', 'datetime'];

/**
 * A random schema of up to 5 columns: type, optional or not, a range or
 * allowed values sometimes; one key column often, two sometimes (checked
 * when the file is loaded with `checkKeys`).
 */
const randomSchema = fc.array(
  fc.record({
    type: fc.constantFrom(...types),
    optional: fc.boolean(),
    restricted: fc.boolean(),
    key: fc.nat({ max: 4 }),
  }),
  { minLength: 1, maxLength: 5 },
).map((specs) => specs.map(({ type, optional: isOptional, restricted, key }, i): ColumnSchema => {
  const extra: Partial<ColumnSchema> = {};
  if (restricted && (type === 'number' || type === 'int')) extra.range = { min: -5, max: 10 };
  if (restricted && type === 'text') extra.allowed = ['North', 'South', 'chat', 'a, b'];
  if (key === 0 && (i === 0 || specs.length > 3)) extra.key = true;
  return isOptional ? optional(`c${i}`, type, extra) : column(`c${i}`, type, extra);
}));

/** A file for a schema: header fields in any order, maybe an extra or a missing column, records of pool cells. */
const randomFile = randomSchema.chain((schema) => fc.record({
  schema: fc.constant(schema),
  order: fc.shuffledSubarray(schema.map((c) => c.name), { minLength: Math.max(1, schema.length - 1) }),
  extra: fc.boolean(),
  rows: fc.array(fc.array(fc.constantFrom(...cellPool), { minLength: 0, maxLength: schema.length + 2 }), { maxLength: 12 }),
  checkKeys: fc.boolean(),
  fieldCountOk: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  finalBreak: fc.boolean(),
  stored: fc.subarray(schema.map((c) => c.name)),
})).map(({ schema, order, extra, rows, fieldCountOk, lineEnd, finalBreak, stored, checkKeys }) => {
  const header = extra ? [...order, 'extra'] : order;
  const lines = rows.map((cells, i) => {
    // Mostly the header's field count, so most records can take the lane; sometimes not.
    const count = fieldCountOk[i] ? header.length : cells.length;
    return Array.from({ length: count }, (_, f) => cells[f % Math.max(cells.length, 1)] ?? '').join(',');
  });
  const text = [header.join(','), ...lines].join(lineEnd) + (finalBreak ? lineEnd : '');
  return { schema, text, columns: new Set(stored), checkKeys };
});

/** The file read through the lane and the general way: asserts the tables are the same, and returns the general way's. */
function loadAllWays(text: string, schema: ColumnSchema[], options: LoaderOptions = {}): unknown {
  const bytes = bytesOf(text);
  const general = loadSummary(loadTable(bytes, 'csv', schema, { ...options, fastLane: false, maxProblems: 1000 }));
  const lane = loadTable(bytes, 'csv', schema, { ...options, fastLane: true, maxProblems: 1000 });
  assert.deepEqual(loadSummary(lane), general, text.length > 2000 ? `${text.slice(0, 2000)}…` : text);
  return general;
}

/** The lane for `schema` and the file fields `fields`, with its builder. */
function laneFor(schema: ColumnSchema[], fields: string[], checkKeys: boolean): { builder: TableBuilder; lane: CsvLane } {
  const builder = new TableBuilder(schema, { maxProblems: 10, checkKeys });
  const columnOfField = Int32Array.from(fields, (name) => schema.findIndex((c) => c.name === name));
  const lane = WasmCsvLane.create(builder, planLane(builder, columnOfField)!);
  assert.ok(lane !== null, 'this node compiles the WebAssembly lane');
  return { builder, lane };
}

describe('CSV fast lane', () => {
  it('gives the general way\'s table for random schemas and files', () => {
    fc.assert(fc.property(randomFile, ({ schema, text, columns, checkKeys }) => {
      loadAllWays(text, schema, { columns, checkKeys });
    }), { numRuns: 3000 });
  });

  it('gives the general way\'s table whatever the chunk boundaries', () => {
    fc.assert(fc.property(randomFile, fc.array(fc.nat(), { maxLength: 8 }), ({ schema, text, columns, checkKeys }, positions) => {
      const bytes = bytesOf(text);
      const cuts = positions.map((p) => p % (bytes.length + 1));
      const general = loadTable(bytes, 'csv', schema, { columns, checkKeys, fastLane: false, maxProblems: 1000 });
      assert.deepEqual(loadSummary(loadInPieces('csv', bytes, schema, cuts, { columns, checkKeys, maxProblems: 1000 })), loadSummary(general), text);
    }), { numRuns: 500 });
  });

  it('reads plain, quoted and escaped values, and leaves the rest to the general way', () => {
    const schema = [
      column('id', 'text'), optional('region', 'text'), optional('score', 'int', { range: { min: 0, max: 10 } }),
      optional('amount', 'number'), optional('ok', 'bool'), optional('at', 'datetime'),
    ];
    const text = 'id,region,score,amount,ok,at\n' +
      'A1,North,7,12.5,yes,2025-03-14T09:23:11\n' + // plain
      'A2,"say ""hi""",,-0.25,,\n' + // escaped quote, blanks
      'A3,"two\nlines",3,1e3,no,2025-03-14\n' + // a line break in a field, an exponent: the general way
      'A4,South,11,x,maybe,\n' + // rejected: out of range, not a number, not a bool
      'A5, padded ,5,"4.5",TRUE,2025-03-14 09:23:11.5+02:00\n';
    loadAllWays(text, schema);
    const result = loadTable(bytesOf(text), 'csv', schema);
    assert.deepEqual(values(result, 'region'), ['North', 'say "hi"', 'two\nlines', ' padded ']);
    assert.deepEqual(values(result, 'amount'), [12.5, -0.25, 1000, 4.5]);
    assert.deepEqual(values(result, 'ok'), [true, null, false, true]);
    assert.deepEqual(problemList(result), [
      '6: score: "11" is outside 0..10',
      '6: amount: "x" is not a number',
      '6: ok: "maybe" is not a bool (expected true/false, yes/no or 1/0)',
    ]);
  });

  it('orders a text dictionary by first appearance in stored rows, whatever rejected rows held', () => {
    // The lane reads `chat` from the second record before finding one field too many.
    const schema = [optional('c0', 'text', { allowed: ['chat', 'a, b'] })];
    const text = 'c0\nchat,\n"a, b"\nchat';
    loadAllWays(text, schema);
    const result = loadTable(bytesOf(text), 'csv', schema);
    const c0 = result.table.columns.get('c0');
    assert.deepEqual(c0?.kind === 'text' ? c0.dictionary : undefined, ['a, b', 'chat']);
  });

  it('checks a key last, and leaves a duplicate to the general way', () => {
    const schema = [column('id', 'text', { key: true }), optional('n', 'int', { range: { min: 0, max: 9 } })];
    // K3 is first read on a row rejected for another value: the general way registers it then,
    // and the lane must not register it again when that record comes back to the general way.
    const text = 'id,n\nK1,1\nK2,2\nK1,3\nK3,99\nK3,4\n"K""4",5\n"K""4",6\n';
    const general = loadAllWays(text, schema, { checkKeys: true });
    assert.deepEqual((general as { problems: string[] }).problems, [
      '4: id: duplicate key "K1" (first seen on line 2)',
      '5: n: "99" is outside 0..9',
      '6: id: duplicate key "K3" (first seen on line 5)',
      '8: id: duplicate key "K\\"4" (first seen on line 7)',
    ]);
  });

  it('checks number and date keys as numbers, and counts their lines across line breaks in quoted fields', () => {
    const schema = [optional('note', 'text'), column('day', 'date', { key: true })];
    const text = 'note,day\n"two\nlines",2025-03-14\nok,2025-03-15\nagain,2025-03-14\n';
    const general = loadAllWays(text, schema, { checkKeys: true });
    assert.deepEqual((general as { problems: string[] }).problems, ['5: day: duplicate key "2025-03-14" (first seen on line 2)']);
  });

  it('fills stored optional columns the file does not have with missing values', () => {
    const schema = [column('id', 'text'), optional('n', 'number'), optional('ok', 'bool'), optional('tag', 'text')];
    const result = loadTable(bytesOf('id\nA\nB\n'), 'csv', schema);
    assert.deepEqual(values(result, 'n'), [null, null]);
    assert.deepEqual(values(result, 'ok'), [null, null]);
    assert.deepEqual(values(result, 'tag'), [null, null]);
  });

  it('reads the edges of dates, datetimes and numbers as the general way does', () => {
    const schema = [optional('day', 'date'), optional('at', 'datetime'), optional('n', 'number'), optional('k', 'int')];
    const days = ['0000-01-01', '0000-02-29', '0000-03-01', '1969-12-31', '1970-01-01', '2024-02-29', '2023-02-29', '9999-12-31', '2025-13-01', '2025-00-10'];
    const times = [
      '0000-01-01T00:00:00', '0000-02-28T23:59:59.999', '1969-12-31T23:59:59.5', '2025-03-14T09:23:11.1234',
      '2025-03-14T09:23:11Z', '2025-03-14t09:23', '2025-03-14 09:23:11-05:30', '2025-03-14T09:23:11+0200', '2025-03-14T09:23:11+02',
      '9999-12-31T23:59:59.999-23:59', '2025-03-14T24:00:00', '2025-03-14T09:60:00', '2025-03-14T09:23:11.', '2025-03-14T09:23:11+2',
    ];
    const numbers = ['0', '-0', '7', '-7.25', '.5', '5.', '123456789012345', '1234567890123456', '0.000000000000001', '999999999999999.0', '12a', '--1'];
    const lines = ['day,at,n,k'];
    for (let i = 0; i < 200; i++) {
      lines.push(`${days[i % days.length]},${times[i % times.length]},${numbers[i % numbers.length]},${numbers[(i * 7) % numbers.length]}`);
    }
    loadAllWays(`${lines.join('\n')}\n`, schema);
  });

  it('gives the general way\'s table on a long file: many batches, many distinct texts, rejected rows among them', () => {
    const schema = [
      column('id', 'text'), optional('channel', 'text', { allowed: ['chat', 'email', 'say "hi"'] }),
      optional('note', 'text'), optional('score', 'int', { range: { min: 0, max: 10 } }), optional('at', 'datetime'),
    ];
    const channels = ['chat', 'email', '"say ""hi"""', 'phone', ''];
    const lines = ['id,channel,note,score,at'];
    for (let i = 0; i < 30_000; i++) {
      const note = i % 3 === 0 ? `note ${i % 5000}` : i % 3 === 1 ? `"n ""${i % 700}"""` : '';
      const score = i % 97 === 0 ? '11' : String(i % 11);
      lines.push(`K${i},${channels[i % channels.length]},${note},${score},2025-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:00:00`);
    }
    const general = loadAllWays(`${lines.join('\n')}\n`, schema, { columns: new Set(['id', 'channel', 'note', 'score', 'at']) });
    assert.ok(((general as { rowsRejected: number }).rowsRejected) > 6000, 'phone and out-of-range rows are rejected');
    // Keys checked across batches, with duplicates far from their first line.
    const keyed = [{ ...schema[0], key: true }, ...schema.slice(1)];
    const duplicates = lines.map((line, i) => (i > 0 && i % 4001 === 0 ? line.replace(/^K\d+/, `K${i - 12_345 > 0 ? i - 12_345 : 1}`) : line));
    const checked = loadAllWays(`${duplicates.join('\n')}\n`, keyed, { checkKeys: true });
    assert.ok((checked as { problems: string[] }).problems.some((problem) => problem.includes('duplicate key')));
  });

  it('reads a text column of more distinct values than the lane keeps codes for', () => {
    // The lane keeps the codes of 65,536 texts per field; past that it asks for each new one.
    const schema = [optional('id', 'text'), optional('note', 'text')];
    const count = 70_000;
    const lines = ['id,note'];
    for (let i = 0; i < count; i++) lines.push(`V${i % 69_000},"q ""${i}"""`);
    const text = `${lines.join('\n')}\n`;
    loadAllWays(text, schema);
    const { builder, lane } = laneFor(schema, ['id', 'note'], false);
    const bytes = bytesOf(text);
    const header = bytes.indexOf(0x0a) + 1;
    assert.equal(lane.read(bytes, header, bytes.length, 2), bytes.length);
    assert.equal(lane.taken, count);
    const id = builder.finish().table.columns.get('id');
    assert.equal(id?.kind === 'text' ? id.dictionary.length : 0, 69_000);
  });

  it('takes plain records itself, quoted and blank values included, and declines the rest', () => {
    // Equal tables alone cannot tell: a lane that declined every record would give them too.
    const schema = [
      column('id', 'text', { key: true }), optional('channel', 'text', { allowed: ['chat', 'email', 'say "hi"'] }),
      optional('score', 'int', { range: { min: 0, max: 10 } }), column('amount', 'number'), optional('ok', 'bool'),
      column('at', 'datetime'), optional('day', 'date'),
    ];
    const read = (lane: CsvLane, record: string) => {
      const bytes = bytesOf(record);
      const next = lane.read(bytes, 0, bytes.length, 2);
      if (lane.taken === 0) return next === 0 ? 'declined' : `declined, but moved to ${next}`;
      return lane.taken === 1 && next === bytes.length ? 'taken' : `took ${lane.taken}, stopped at ${next}`;
    };
    const plain = [
      'A1,chat,7,12.5,yes,2025-03-14T09:23:11,2025-03-14,x\n',
      '"A2",,,-0.25,,2025-03-14 09:23:11.5+02:00,,\n',
      'A3,"email",10,"4.5",FALSE,2025-03-14T00:00:00,"2025-03-15",x\r\n',
      'A4,"say ""hi""",0,-0,0,2025-03-14,2025-03-16,"y"\n',
      'A5,chat,3,999999999999999,1,2025-03-14T09:23:11,,\n',
    ];
    for (const checkKeys of [false, true]) {
      const { builder, lane } = laneFor(schema, [...schema.map((c) => c.name), 'extra'], checkKeys);
      for (const record of plain) assert.equal(read(lane, record), 'taken', `${JSON.stringify(record)}, checkKeys ${checkKeys}`);
      assert.equal(builder.finish().rowsRead, plain.length);
    }
    const { lane } = laneFor(schema, schema.map((c) => c.name), true);
    const declined = [
      'B1,chat,11,1,,2025-03-14,\n', // out of range
      'B1,chat, 1,1,,2025-03-14,\n', // a blank before a value
      'B1,chat,1.5,1,,2025-03-14,\n', // not an int
      'B1,chat,1,,,2025-03-14,\n', // a required value missing
      'B1,phone,1,1,,2025-03-14,\n', // not an allowed value
      'B1,chat,1,1,,2025-03-14\n', // a field short
      'B1,chat,1,1,,2025-03-14,,\n', // a field too many
      'B1,chat,1,1e3,,2025-03-14,\n', // an exponent: the general way's
      'B1,chat,1,1,,2025-03-14,', // no line break yet: the record may go on
      'B1,"two\nlines",1,1,,2025-03-14,\n', // a line break in a field
      'B1,chat,1,1,"maybe",2025-03-14,\n', // not a bool
      'B1,chat,1,1,,2025-02-30,\n', // not a date
      '"K""1",chat,1,1,,2025-03-14,\n', // a key written with an escaped quote
    ];
    for (const record of declined) assert.equal(read(lane, record), 'declined', JSON.stringify(record));
    assert.equal(read(lane, 'B2,chat,1,1,,2025-03-14,\n'), 'taken');
    assert.equal(read(lane, 'B2,chat,2,2,,2025-03-14,\n'), 'declined', 'a duplicate key');
    // Records one after another: up to a blank line, or up to the first record declined.
    const run = bytesOf('C1,chat,1,1,,2025-03-14,\nC2,chat,1,1,,2025-03-14,\r\n\nC3,chat,1,1,,2025-03-14,\nC3,chat,1,1,,2025-03-14,\nC4,chat,99,1,,2025-03-14,\n');
    const blank = run.indexOf(0x0a, run.indexOf(0x0d)) + 1; // the blank line, after the CRLF
    assert.equal(lane.read(run, 0, run.length, 10), blank);
    assert.equal(lane.taken, 2);
    const second = run.indexOf(0x0a, blank + 1) + 1;
    assert.equal(lane.read(run, blank + 1, run.length, 13), second, 'stops at the duplicate key');
    assert.equal(lane.taken, 1);
  });
});
