import * as assert from 'node:assert/strict';
import { BOOL_MISSING, TEXT_MISSING } from '../../../grammar/eval/data/index';
import type { ColumnSchema } from '../../../grammar/eval/data/index';
import {
  column, load, markedLines, optional, problemList, utc, values, type Value,
} from './support';

/** Loads one column from a CSV whose data rows are `cells` (written as is). */
function loadCells(schema: ColumnSchema, cells: string[]) {
  return load(`${schema.name}\n${cells.join('\n')}\n`, [schema]);
}

/** Loads cells that must all be accepted; returns their values. */
function accepted(schema: ColumnSchema, cells: string[]): Value[] {
  const result = loadCells(schema, cells);
  assert.deepEqual(problemList(result), []);
  return values(result, schema.name);
}

/** Loads cells that must all be rejected; returns the messages. */
function rejected(schema: ColumnSchema, cells: string[]): string[] {
  const result = loadCells(schema, cells);
  assert.equal(result.rowsRejected, cells.length, problemList(result).join('\n'));
  assert.equal(result.table.rowCount, 0);
  return result.problems.map((problem) => problem.message);
}

describe('data values', () => {
  describe('number', () => {
    const amount = column('amount', 'number');

    it('reads decimals with sign, fraction and exponent; spaces around are ignored', () => {
      assert.deepEqual(
        accepted(amount, ['12', '-3.5', '+0.25', '.5', '7.', '1e3', '2.5E-2', ' 42 ', '0.1', '-0']),
        [12, -3.5, 0.25, 0.5, 7, 1000, 0.025, 42, 0.1, -0],
      );
    });

    it('rounds exactly like the engine, long mantissas included', () => {
      const cells = ['0.3', '123456789.123456789', '1.7976931348623157e308', '5e-324', '9007199254740993'];
      assert.deepEqual(accepted(amount, cells), cells.map(Number));
    });

    it('rejects anything else, naming the value', () => {
      assert.deepEqual(rejected(amount, ['12abc', '"1,5"', 'NaN', 'Infinity', '0x10', '1e', '-', '1e400', '1 2']), [
        'amount: "12abc" is not a number',
        'amount: "1,5" is not a number',
        'amount: "NaN" is not a number',
        'amount: "Infinity" is not a number',
        'amount: "0x10" is not a number',
        'amount: "1e" is not a number',
        'amount: "-" is not a number',
        'amount: "1e400" is not a number',
        'amount: "1 2" is not a number',
      ]);
    });
  });

  describe('int', () => {
    const count = column('count', 'int');

    it('reads integral numbers', () => {
      assert.deepEqual(accepted(count, ['3', '-12', '4.0', '1e2']), [3, -12, 4, 100]);
    });

    it('rejects fractions and non-numbers', () => {
      assert.deepEqual(rejected(count, ['3.5', 'three']), [
        'count: "3.5" is not a whole number',
        'count: "three" is not a whole number',
      ]);
    });
  });

  describe('bool', () => {
    const resolved = column('resolved', 'bool');

    it('reads true/false, yes/no and 1/0 in any case', () => {
      assert.deepEqual(
        accepted(resolved, ['true', 'FALSE', 'True', 'yes', 'NO', 'Yes', '1', '0', ' false ']),
        [true, false, true, true, false, true, true, false, false],
      );
    });

    it('rejects other words', () => {
      assert.deepEqual(rejected(resolved, ['maybe', '2', 'truthy', 'y']), [
        'resolved: "maybe" is not a bool (expected true/false, yes/no or 1/0)',
        'resolved: "2" is not a bool (expected true/false, yes/no or 1/0)',
        'resolved: "truthy" is not a bool (expected true/false, yes/no or 1/0)',
        'resolved: "y" is not a bool (expected true/false, yes/no or 1/0)',
      ]);
    });
  });

  describe('date', () => {
    const day = column('answered_on', 'date');

    it('reads YYYY-MM-DD as UTC midnight in epoch milliseconds', () => {
      assert.deepEqual(
        accepted(day, ['2025-03-14', '2024-02-29', '1969-12-31', '2000-01-01']),
        [utc('2025-03-14'), utc('2024-02-29'), utc('1969-12-31'), utc('2000-01-01')],
      );
    });

    it('rejects other layouts and impossible dates', () => {
      assert.deepEqual(rejected(day, ['14/03/2025', '2025-02-29', '2025-3-14', '2025-13-01', '2025-03-14T10:00']), [
        'answered_on: "14/03/2025" is not a date (expected 2025-03-14)',
        'answered_on: "2025-02-29" is not a date (expected 2025-03-14)',
        'answered_on: "2025-3-14" is not a date (expected 2025-03-14)',
        'answered_on: "2025-13-01" is not a date (expected 2025-03-14)',
        'answered_on: "2025-03-14T10:00" is not a date (expected 2025-03-14)',
      ]);
    });
  });

  describe('datetime', () => {
    const opened = column('opened_at', 'datetime');

    it('reads ISO date-times as UTC epoch milliseconds; no zone means UTC', () => {
      assert.deepEqual(
        accepted(opened, [
          '2025-03-14T09:23:11',
          '2025-03-14 09:23',
          '2025-03-14T09:23:11.25',
          '2025-03-14T09:23:11.123456Z',
          '2025-03-14T10:23:11+01:00',
          '2025-03-14T04:23:11-0500',
          '2025-03-14',
        ]),
        [
          utc('2025-03-14T09:23:11'),
          utc('2025-03-14T09:23:00'),
          utc('2025-03-14T09:23:11.250'),
          utc('2025-03-14T09:23:11.123'),
          utc('2025-03-14T09:23:11'),
          utc('2025-03-14T09:23:11'),
          utc('2025-03-14T00:00:00'),
        ],
      );
    });

    it('rejects other layouts and impossible times', () => {
      assert.deepEqual(rejected(opened, ['14/03/2025', '2025-03-14T24:00', '2025-03-14T09:60', '2025-03-14T09:23:11+1', '2025-03-14T09']), [
        'opened_at: "14/03/2025" is not a datetime (expected 2025-03-14T09:23:11)',
        'opened_at: "2025-03-14T24:00" is not a datetime (expected 2025-03-14T09:23:11)',
        'opened_at: "2025-03-14T09:60" is not a datetime (expected 2025-03-14T09:23:11)',
        'opened_at: "2025-03-14T09:23:11+1" is not a datetime (expected 2025-03-14T09:23:11)',
        'opened_at: "2025-03-14T09" is not a datetime (expected 2025-03-14T09:23:11)',
      ]);
    });
  });

  describe('text', () => {
    it('keeps text as written, spaces included', () => {
      assert.deepEqual(accepted(column('region', 'text'), [' North ', 'Île-de-France', '"a ""b"" c"']), [
        ' North ', 'Île-de-France', 'a "b" c',
      ]);
    });

    it('rejects a value outside the allowed list, listing the allowed values', () => {
      const channel = column('channel', 'text', { allowed: ['chat', 'email', 'phone', 'app'] });
      const result = loadCells(channel, ['chat', 'fax', 'email', 'Chat']);
      assert.deepEqual(problemList(result), [
        '3: channel: "fax" is not one of chat, email, phone, app',
        '5: channel: "Chat" is not one of chat, email, phone, app',
      ]);
      assert.deepEqual(values(result, 'channel'), ['chat', 'email']);
    });

    it('keeps in the dictionary only values of stored rows', () => {
      const schema = [column('region', 'text'), column('csat', 'int', { range: { min: 1, max: 5 } })];
      const result = load('region,csat\nNorth,5\nNowhere,9\nSouth,4\nNorth,3\n', schema);
      const region = result.table.columns.get('region');
      assert.equal(region?.kind, 'text');
      if (region?.kind !== 'text') return;
      assert.deepEqual([...region.dictionary], ['North', 'South']);
      assert.deepEqual(Array.from(region.codes), [0, 1, 0]);
    });
  });

  describe('missing values', () => {
    const schema = [
      column('ticket_id', 'text'),
      optional('region', 'text'),
      optional('csat', 'int'),
      optional('resolved', 'bool'),
      optional('opened_at', 'datetime'),
    ];

    it('reads an empty or all-space cell as missing in an optional column', () => {
      const result = load('ticket_id,region,csat,resolved,opened_at\nT1,,,,\nT2,  , ,\t, \n', schema);
      assert.deepEqual(problemList(result), []);
      assert.deepEqual(values(result, 'region'), [null, null]);
      assert.deepEqual(values(result, 'csat'), [null, null]);
      assert.deepEqual(values(result, 'resolved'), [null, null]);
      assert.deepEqual(values(result, 'opened_at'), [null, null]);
      const csat = result.table.columns.get('csat');
      const resolved = result.table.columns.get('resolved');
      const region = result.table.columns.get('region');
      assert.ok(csat?.kind === 'numeric' && Number.isNaN(csat.values[0]));
      assert.ok(resolved?.kind === 'bool' && resolved.values[0] === BOOL_MISSING);
      assert.ok(region?.kind === 'text' && region.codes[0] === TEXT_MISSING);
    });

    it('rejects a missing value in a column that is not optional', () => {
      const required = [column('ticket_id', 'text'), column('resolved', 'bool'), column('region', 'text')];
      const result = load('ticket_id,resolved,region\nT1,,North\nT2,true," "\nT3,false,South\n', required);
      assert.deepEqual(problemList(result), [
        '2: resolved: value required (column is not optional)',
        '3: region: value required (column is not optional)',
      ]);
      assert.deepEqual(values(result, 'ticket_id'), ['T3']);
    });
  });

  describe('ranges', () => {
    it('accepts the bounds and rejects values outside them', () => {
      const csat = column('csat', 'int', { range: { min: 1, max: 5 } });
      assert.deepEqual(accepted(csat, ['1', '5', '3']), [1, 5, 3]);
      assert.deepEqual(rejected(csat, ['7', '0', '-1']), [
        'csat: "7" is outside 1..5',
        'csat: "0" is outside 1..5',
        'csat: "-1" is outside 1..5',
      ]);
      const share = column('share', 'number', { range: { min: 0, max: 0.5 } });
      assert.deepEqual(rejected(share, ['0.51']), ['share: "0.51" is outside 0..0.5']);
    });
  });

  describe('keys', () => {
    const schema = [column('ticket_id', 'text', { key: true }), optional('csat', 'int')];

    it('rejects a duplicate key and names the line that had it first', () => {
      const { text, lines } = markedLines('ticket_id,csat\n‸T1,5\nT2,4\nT1,3\nT2,2\nT1,1\n');
      const result = load(text, schema, { checkKeys: true });
      assert.deepEqual(problemList(result), [
        '4: ticket_id: duplicate key "T1" (first seen on line 2)',
        '5: ticket_id: duplicate key "T2" (first seen on line 3)',
        '6: ticket_id: duplicate key "T1" (first seen on line 2)',
      ]);
      assert.equal(lines[0], 2);
      assert.deepEqual(values(result, 'ticket_id'), ['T1', 'T2']);
    });

    it('finds duplicates whether the keys arrive in order or not', () => {
      const shuffled = load('ticket_id,csat\nT9,\nT10,\nT2,\nT10,\nT11,\n', schema, { checkKeys: true });
      assert.deepEqual(problemList(shuffled), ['5: ticket_id: duplicate key "T10" (first seen on line 3)']);
      const ordered = load('ticket_id,csat\nA,\nB,\nC,\nD,\n', schema, { checkKeys: true });
      assert.equal(ordered.rowsRejected, 0);
    });

    it('compares number keys by value', () => {
      const numbered = [column('id', 'int', { key: true })];
      const result = load('id\n1\n2\n1.0\n-0\n0\n', numbered, { checkKeys: true });
      assert.deepEqual(problemList(result), [
        '4: id: duplicate key "1.0" (first seen on line 2)',
        '6: id: duplicate key "0" (first seen on line 5)',
      ]);
    });

    it('checks keys only when asked, but always requires a key value', () => {
      const result = load('ticket_id,csat\nT1,5\nT1,4\n,3\n', schema);
      assert.deepEqual(problemList(result), ['4: ticket_id: value required (key column)']);
    });
  });

  describe('projection and counts', () => {
    const schema = [
      column('ticket_id', 'text'),
      column('channel', 'text', { allowed: ['chat', 'email'] }),
      optional('csat', 'int', { range: { min: 1, max: 5 } }),
      column('opened_at', 'datetime'),
    ];
    const { text, lines } = markedLines([
      'ticket_id,channel,csat,opened_at',
      'T1,chat,5,2025-01-02T10:00:00',
      '‸T2,fax,4,2025-01-03T10:00:00',
      '‸T3,email,4,03/01/2025',
      'T4,email,,2025-01-04T10:00:00',
      '',
    ].join('\n'));

    it('stores only the projected columns but checks every declared column', () => {
      const projected = load(text, schema, { columns: new Set(['csat']) });
      const full = load(text, schema);
      assert.deepEqual([...projected.table.columns.keys()], ['csat']);
      assert.deepEqual([...full.table.columns.keys()], ['ticket_id', 'channel', 'csat', 'opened_at']);
      assert.equal(projected.rowsRejected, 2);
      assert.equal(projected.rowsRead, full.rowsRead);
      assert.equal(projected.table.rowCount, full.table.rowCount);
      assert.deepEqual(projected.problems, full.problems);
      assert.deepEqual(projected.problems.map((p) => p.line), lines);
      assert.deepEqual(values(projected, 'csat'), [5, null]);
    });

    it('keeps the first maxProblems problems and still counts every rejected row', () => {
      const rows = Array.from({ length: 30 }, (_, i) => `T${i},fax,9,x`);
      const result = load(`ticket_id,channel,csat,opened_at\n${rows.join('\n')}\n`, schema, { maxProblems: 5 });
      assert.equal(result.rowsRejected, 30);
      assert.equal(result.problems.length, 5);
      assert.deepEqual(result.problems.map((p) => p.line), [2, 2, 2, 3, 3]);
      assert.deepEqual(result.problems.slice(0, 3).map((p) => p.column), ['channel', 'csat', 'opened_at']);
    });
  });
});
