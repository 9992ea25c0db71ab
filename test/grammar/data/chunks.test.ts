import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createLoader, loadTable, type ColumnSchema, type DataFormat, type LoadResult,
} from '../../../grammar/eval/data/index';
import { bytesOf, column, loadInPieces, optional } from './support';

/**
 * The host streams a file in chunks whose boundaries fall anywhere: inside a
 * quoted field, between CR and LF, inside a multi-byte character, inside a
 * BOM. Whatever the split, the result must be the one of the whole file.
 */

const schema: ColumnSchema[] = [
  column('id', 'text', { key: true }),
  optional('region', 'text'),
  optional('score', 'int', { range: { min: 0, max: 10 } }),
  optional('amount', 'number'),
  optional('ok', 'bool'),
  optional('at', 'datetime'),
];

/** Fixed files with every awkward spot, valid and invalid. */
const files: Array<[DataFormat, string]> = [
  ['csv', '\uFEFFid,region,score,amount,ok,at\r\nA1,"North, East",7,12.5,yes,2025-03-14T09:23:11\r\n' +
    'A2,"""Greater"" London",11,x,maybe,2025-03-14\r\nA3,"multi\r\nline\rvalue",,,,\r\n\r\n' +
    'A4,Île-de-France 😀,3,-1e3,FALSE,2025-03-14 09:23:11.5+02:00\rA1,é,1,,,\nA5,"unclosed,2\n'],
  ['csv', 'region,id,extra\n€€€,B1,"a""b"\n,B2\n"🙂",B3,c,d\nx,B4,y'],
  ['json', '\uFEFF[\n  {"id": "J1", "region": "Café \\u00e9 😀", "score": 3},\r\n  {"id": "J2", "score": "12"},\n' +
    '  {"id": "J1", "amount": 1.5e2, "ok": true, "at": "2025-01-01T00:00:00Z"}, 7,\n  {"id": "J4", "region": {"n": [1, {}]}}\n]\n'],
  ['json', '[{"id": "J1"}, {"id": "J2", "score": }]'],
  ['jsonl', '{"id": "L1", "region": "Zürich"}\r\n\r\n{"id": "L2", "score": 99}\n{broken\n  \n{"id": "L3", "ok": "no"}'],
];

function loadInChunks(format: DataFormat, bytes: Uint8Array, cuts: number[]): LoadResult {
  return loadInPieces(format, bytes, schema, cuts, { checkKeys: true, maxProblems: 100 });
}

function loadByteByByte(format: DataFormat, bytes: Uint8Array): LoadResult {
  return loadInChunks(format, bytes, Array.from({ length: bytes.length }, (_, i) => i));
}

/** Random CSV text: cells drawn from characters that need quoting or span several bytes. */
const cellText = fc.string({
  unit: fc.constantFrom('a', 'Z', '7', '.', '-', ' ', ',', '"', '\n', '\r', 'é', '€', '😀', '1', '0'),
  maxLength: 6,
});

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const randomCsv = fc.record({
  rows: fc.array(fc.array(cellText, { minLength: 6, maxLength: 6 }), { maxLength: 8 }),
  lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
  bom: fc.boolean(),
}).map(({ rows, lineEnd, bom }) => {
  const lines = ['id,region,score,amount,ok,at', ...rows.map((row) => row.map(csvCell).join(','))];
  return `${bom ? '\uFEFF' : ''}${lines.join(lineEnd)}${lineEnd}`;
});

describe('chunked loading', () => {
  it('gives the whole-file result when fed one byte at a time', () => {
    for (const [format, text] of files) {
      const bytes = bytesOf(text);
      const whole = loadTable(bytes, format, schema, { checkKeys: true, maxProblems: 100 });
      assert.deepEqual(loadByteByByte(format, bytes), whole, text);
    }
  });

  it('the fixed files have problems to report (the comparison above is not vacuous)', () => {
    for (const [format, text] of files) {
      const whole = loadTable(bytesOf(text), format, schema, { checkKeys: true });
      assert.ok(whole.problems.length > 0 || whole.fatal !== undefined, text);
      assert.ok(whole.rowsRead > 0 || whole.fatal !== undefined, text);
    }
  });

  it('gives the whole-file result for any split of the fixed files', () => {
    fc.assert(fc.property(
      fc.constantFrom(...files),
      fc.array(fc.nat(), { maxLength: 12 }),
      ([format, text], positions) => {
        const bytes = bytesOf(text);
        const cuts = positions.map((p) => p % (bytes.length + 1));
        const whole = loadTable(bytes, format, schema, { checkKeys: true, maxProblems: 100 });
        assert.deepEqual(loadInChunks(format, bytes, cuts), whole);
      },
    ), { numRuns: 300 });
  });

  it('gives the same result whatever size hint the host gives', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `K${i},"r, ${i % 7}",${i % 12},${i / 8},${i % 3 ? 'yes' : ''},`);
    const many: [DataFormat, string] = ['csv', `id,region,score,amount,ok,at\n${rows.join('\n')}\n`];
    for (const [format, text] of [...files, many]) {
      const bytes = bytesOf(text);
      const plain = loadTable(bytes, format, schema, { checkKeys: true });
      for (const sizeHint of [1, Math.floor(bytes.length / 10), bytes.length, bytes.length * 1000]) {
        const loader = createLoader(format, schema, { checkKeys: true, sizeHint });
        for (let at = 0; at < bytes.length; at += 4096) loader.push(bytes.slice(at, at + 4096));
        assert.deepEqual(loader.finish(), plain, `sizeHint ${sizeHint}`);
      }
    }
  });

  it('gives the whole-file result for random CSV files split anywhere', () => {
    fc.assert(fc.property(randomCsv, fc.array(fc.nat(), { maxLength: 10 }), (text, positions) => {
      const bytes = bytesOf(text);
      const cuts = positions.map((p) => p % (bytes.length + 1));
      const whole = loadTable(bytes, 'csv', schema, { checkKeys: true, maxProblems: 100 });
      assert.deepEqual(loadInChunks('csv', bytes, cuts), whole);
      assert.deepEqual(loadByteByByte('csv', bytes), whole);
    }), { numRuns: 200 });
  });

  it('reads a record that runs on for megabytes a few times, not once per chunk', () => {
    // A stray quote opens a field that never closes: the rest of the file is one unfinished record.
    const rows = Array.from({ length: 40_000 }, (_, i) => `K${i},North,${i % 10},${i / 4},yes,2025-03-14`);
    const cases: Array<[DataFormat, string]> = [
      ['csv', `id,region,score,amount,ok,at\nK0,"North,1,2,yes,\n${rows.join('\n')}\n`],
      ['jsonl', `{"id": "L1", "region": "${rows.join(' ')}\n`],
      ['json', `[{"id": "J1", "region": "${rows.join(' ')}"}]`],
    ];
    for (const [format, text] of cases) {
      const bytes = bytesOf(text);
      const loader = createLoader(format, schema, { checkKeys: true });
      for (let at = 0; at < bytes.length; at += 1024) loader.push(bytes.slice(at, at + 1024));
      const result = loader.finish();
      assert.deepEqual(result, loadTable(bytes, format, schema, { checkKeys: true }), format);
      assert.ok(bytes.length > 1_000_000 && bytes.length / 1024 > 1000, 'over a thousand chunks');
      // Re-read once per doubling: under 4 times the file, where once per chunk would be over 500 times.
      assert.ok(loader.bytesScanned() < 4 * bytes.length, `${format}: ${loader.bytesScanned()} bytes scanned for a file of ${bytes.length}`);
    }
  });
});
