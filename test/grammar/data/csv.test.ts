import * as assert from 'node:assert/strict';
import {
  bytesOf, column, load, markedLines, optional, problemList, values,
} from './support';
import { createLoader, loadTable } from '../../../grammar/eval/data/index';

const tickets = [
  column('ticket_id', 'text', { key: true }),
  column('region', 'text'),
  optional('csat', 'int', { range: { min: 1, max: 5 } }),
];

describe('CSV loading', () => {
  it('reads the header and one row per record', () => {
    const result = load('ticket_id,region,csat\nT1,North,5\nT2,South,\n', tickets);
    assert.equal(result.rowsRead, 2);
    assert.equal(result.rowsRejected, 0);
    assert.equal(result.table.rowCount, 2);
    assert.deepEqual(values(result, 'ticket_id'), ['T1', 'T2']);
    assert.deepEqual(values(result, 'region'), ['North', 'South']);
    assert.deepEqual(values(result, 'csat'), [5, null]);
    assert.deepEqual(result.fileColumns, ['ticket_id', 'region', 'csat']);
    assert.deepEqual(result.missingColumns, []);
    assert.equal(result.fatal, undefined);
  });

  it('reads the last record without a final line break', () => {
    const result = load('ticket_id,region,csat\nT1,North,5', tickets);
    assert.deepEqual(values(result, 'csat'), [5]);
  });

  it('skips a UTF-8 byte order mark before the header', () => {
    const result = load('\uFEFFticket_id,region,csat\nT1,North,4\n', tickets);
    assert.deepEqual(result.fileColumns, ['ticket_id', 'region', 'csat']);
    assert.deepEqual(result.missingColumns, []);
    assert.deepEqual(values(result, 'ticket_id'), ['T1']);
  });

  it('accepts CRLF, LF and lone CR line ends and counts physical lines across them', () => {
    const { text, lines } = markedLines(
      'ticket_id,region,csat\r\nT1,North,5\r\n‸T2,South,9\nT3,East,1\r‸T4,West,0\r\n',
    );
    const result = load(text, tickets);
    assert.equal(result.rowsRead, 4);
    assert.deepEqual(values(result, 'region'), ['North', 'East']);
    assert.deepEqual(result.problems.map((p) => p.line), lines);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = [
      'ticket_id,region,csat',
      'T1,"North, East",5',
      'T2,"""Greater"" London",4',
      'T3,"two\nlines",3',
      'T4,"crlf\r\ninside",2',
      '"T5","",1',
      '',
    ].join('\n');
    const result = load(text, [column('ticket_id', 'text'), optional('region', 'text'), column('csat', 'int')]);
    assert.deepEqual(problemList(result), []);
    assert.deepEqual(values(result, 'region'), ['North, East', '"Greater" London', 'two\nlines', 'crlf\r\ninside', null]);
    assert.deepEqual(values(result, 'ticket_id'), ['T1', 'T2', 'T3', 'T4', 'T5']);
  });

  it('gives later rows their physical line after line breaks inside quoted fields', () => {
    const { text, lines } = markedLines([
      'ticket_id,region,csat',
      '‸T1,"a\nb\r\nc",7',
      'T2,"x\ry",5',
      '‸T3,"""quoted""\n",0',
      '',
      '‸T4,plain,6',
      '',
    ].join('\n'));
    const result = load(text, tickets);
    assert.equal(result.rowsRead, 4);
    assert.deepEqual(result.problems.map((p) => p.line), lines);
    assert.deepEqual(problemList(result), [
      `${lines[0]}: csat: "7" is outside 1..5`,
      `${lines[1]}: csat: "0" is outside 1..5`,
      `${lines[2]}: csat: "6" is outside 1..5`,
    ]);
  });

  it('skips blank lines without counting them as rows', () => {
    const { text, lines } = markedLines('ticket_id,region,csat\n\nT1,North,5\n\r\n\n‸T2,South,8\n\n');
    const result = load(text, tickets);
    assert.equal(result.rowsRead, 2);
    assert.deepEqual(result.problems.map((p) => p.line), lines);
  });

  it('matches header names exactly first, then trimmed', () => {
    const trimmed = load(' ticket_id , region,csat \nT1,North,5\n', tickets);
    assert.deepEqual(trimmed.missingColumns, []);
    assert.deepEqual(values(trimmed, 'csat'), [5]);
    // "csat " only matches once trimmed; the exact "csat" wins.
    const both = load('ticket_id,region,csat ,csat\nT1,North,1,4\n', tickets);
    assert.deepEqual(values(both, 'csat'), [4]);
    assert.deepEqual(both.fileColumns, ['ticket_id', 'region', 'csat ', 'csat']);
  });

  it('allows extra file columns and lists them in fileColumns', () => {
    const result = load('agent,ticket_id,notes,region,csat\nAnn,T1,"long, text",North,5\n', tickets);
    assert.deepEqual(result.fileColumns, ['agent', 'ticket_id', 'notes', 'region', 'csat']);
    assert.deepEqual(values(result, 'region'), ['North']);
    assert.equal(result.table.columns.has('agent'), false);
  });

  it('reports declared columns missing from the header; an optional one is missing in every row', () => {
    const result = load('ticket_id,region\nT1,North\nT2,South\n', tickets);
    assert.deepEqual(result.missingColumns, ['csat']);
    assert.equal(result.rowsRejected, 0);
    assert.deepEqual(values(result, 'csat'), [null, null]);
  });

  it('rejects every row when a required column is missing from the header, and says why', () => {
    const result = load('ticket_id,csat\nT1,5\nT2,4\n', tickets);
    assert.deepEqual(result.missingColumns, ['region']);
    assert.equal(result.rowsRejected, 2);
    assert.deepEqual(problemList(result), [
      '2: region: value required (the file has no column "region")',
      '3: region: value required (the file has no column "region")',
    ]);
    assert.equal(result.problems[0].column, 'region');
  });

  it('rejects a row with the wrong number of fields, saying how many were expected and found', () => {
    const result = load('ticket_id,region,csat\nT1,North\nT2,South,5,extra\nT3,East,4\n', tickets);
    assert.equal(result.rowsRead, 3);
    assert.equal(result.rowsRejected, 2);
    assert.deepEqual(problemList(result), [
      '2: expected 3 fields (as in the header), found 2',
      '3: expected 3 fields (as in the header), found 4',
    ]);
    assert.deepEqual(values(result, 'ticket_id'), ['T3']);
  });

  it('rejects a row whose quoted field is never closed, or has text after its closing quote', () => {
    const unclosed = load('ticket_id,region,csat\nT1,North,5\nT2,"South,4\nT3,East,3\n', tickets);
    assert.equal(unclosed.rowsRead, 2);
    assert.deepEqual(problemList(unclosed), ['3: a quoted field is never closed (missing ")']);
    const trailing = load('ticket_id,region,csat\nT1,"North" East,5\nT2,South,4\n', tickets);
    assert.equal(trailing.rowsRejected, 1);
    assert.match(trailing.problems[0].message, /unexpected text after the closing quote/);
    assert.equal(trailing.problems[0].line, 2);
    assert.deepEqual(values(trailing, 'ticket_id'), ['T2']);
  });

  it('keeps a field that only has a quote inside it as written', () => {
    const result = load('ticket_id,region,csat\nT1,5" screen,5\n', tickets);
    assert.deepEqual(values(result, 'region'), ['5" screen']);
  });

  it('reads a header-only file as zero rows', () => {
    const result = load('ticket_id,region,csat\r\n', tickets);
    assert.equal(result.rowsRead, 0);
    assert.equal(result.table.rowCount, 0);
    assert.equal(result.fatal, undefined);
    assert.deepEqual(values(result, 'csat'), []);
  });

  it('reports a Git LFS pointer as fatal in every format, however it arrives', () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 12345\n';
    for (const format of ['csv', 'json', 'jsonl'] as const) {
      const bytes = bytesOf(pointer);
      const loader = createLoader(format, tickets);
      for (let at = 0; at < bytes.length; at += 7) loader.push(bytes.subarray(at, at + 7));
      const result = loader.finish();
      assert.match(result.fatal?.message ?? '', /Git LFS pointer.*git lfs pull/, format);
      assert.equal(result.fatal?.line, 1);
      assert.deepEqual([result.problems, result.fileColumns, result.table.rowCount], [[], [], 0]);
    }
    // Data that only starts like a pointer is data.
    const long = `version https://git-lfs.github.com/spec/v1,region,csat\n${'T1,North,5\n'.repeat(200)}`;
    assert.equal(load(long, tickets).fatal, undefined);
  });

  it('reports an empty file as fatal', () => {
    for (const empty of ['', '\uFEFF', '\n\n']) {
      const result = load(empty, tickets);
      assert.equal(result.fatal?.line, 1);
      assert.match(result.fatal?.message ?? '', /empty/);
      assert.equal(result.table.rowCount, 0);
    }
  });

  it('reads multi-byte UTF-8 text in header and cells', () => {
    const result = load('ticket_id,région,csat\nT1,Île-de-France 😀,5\n', [
      column('ticket_id', 'text'), column('région', 'text'), column('csat', 'int'),
    ]);
    assert.deepEqual(values(result, 'région'), ['Île-de-France 😀']);
  });

  it('gives text that is not valid UTF-8 one dictionary entry per decoded text', () => {
    // Two different invalid bytes, and a valid U+FFFD: all three read as "x\uFFFD".
    const bytes = new Uint8Array([
      ...bytesOf('ticket_id,region\nT1,x'), 0xff, ...bytesOf('\nT2,x'), 0xfe, ...bytesOf('\nT3,x\uFFFD\nT4,North\n'),
    ]);
    const result = loadTable(bytes, 'csv', [column('ticket_id', 'text'), column('region', 'text')]);
    const region = result.table.columns.get('region');
    assert.ok(region?.kind === 'text');
    assert.deepEqual(region.dictionary, ['x\uFFFD', 'North']);
    assert.deepEqual(Array.from(region.codes), [0, 0, 0, 1]);
  });

  it('copies what it keeps of a chunk, so the caller may reuse its buffer', () => {
    const text = 'ticket_id,region,csat\nT1,North,5\nT2,South,4\n';
    const whole = loadTable(bytesOf(text), 'csv', tickets);
    const loader = createLoader('csv', tickets);
    const buffer = new Uint8Array(7);
    const source = bytesOf(text);
    for (let at = 0; at < source.length; at += buffer.length) {
      const piece = source.subarray(at, at + buffer.length);
      buffer.set(piece);
      loader.push(buffer.subarray(0, piece.length));
      buffer.fill(0x21); // scribble over it, as a reused read buffer would be
    }
    assert.deepEqual(loader.finish(), whole);
  });
});
