import * as assert from 'node:assert/strict';
import {
  column, load, markedLines, optional, problemList, utc, values,
} from './support';

const schema = [
  column('ticket_id', 'text', { key: true }),
  optional('csat', 'int', { range: { min: 1, max: 5 } }),
  optional('resolved', 'bool'),
  optional('opened_at', 'datetime'),
];

describe('JSON loading (an array of objects)', () => {
  it('reads typed values and the same values written as strings', () => {
    const result = load(JSON.stringify([
      { ticket_id: 'T1', csat: 5, resolved: true, opened_at: '2025-03-14T09:23:11' },
      { ticket_id: 'T2', csat: '4', resolved: 'no', opened_at: '2025-03-14T10:00:00Z' },
      { ticket_id: 3, csat: 3.0, resolved: 1 },
    ]), schema, {}, 'json');
    assert.deepEqual(problemList(result), []);
    assert.deepEqual(values(result, 'ticket_id'), ['T1', 'T2', '3']);
    assert.deepEqual(values(result, 'csat'), [5, 4, 3]);
    assert.deepEqual(values(result, 'resolved'), [true, false, true]);
    assert.deepEqual(values(result, 'opened_at'), [utc('2025-03-14T09:23:11'), utc('2025-03-14T10:00:00'), null]);
  });

  it('reads null, an absent key and a blank string as missing', () => {
    const result = load('[{"ticket_id":"T1","csat":null},{"ticket_id":"T2"},{"ticket_id":"T3","csat":"  "}]', schema, {}, 'json');
    assert.deepEqual(values(result, 'csat'), [null, null, null]);
    assert.equal(result.rowsRejected, 0);
  });

  it('decodes string escapes', () => {
    const result = load(String.raw`[{"ticket_id":"a\"b\\c\/\u00e9\n\ud83d\ude00"}]`, schema, {}, 'json');
    assert.deepEqual(values(result, 'ticket_id'), ['a"b\\c/é\n😀']);
  });

  it('reports the line where each rejected object starts', () => {
    const { text, lines } = markedLines([
      '[',
      '  {"ticket_id": "T1", "csat": 5},',
      '  ‸{',
      '    "ticket_id": "T2",',
      '    "csat": 9',
      '  },',
      '  {"ticket_id": "T3"}, ‸{"ticket_id": "T4", "resolved": "maybe"},',
      '  ‸{"ticket_id": "T5", "csat": true}',
      ']',
    ].join('\n'));
    const result = load(text, schema, {}, 'json');
    assert.deepEqual(problemList(result), [
      `${lines[0]}: csat: 9 is outside 1..5`,
      `${lines[1]}: resolved: "maybe" is not a bool (expected true/false, yes/no or 1/0)`,
      `${lines[2]}: csat: true is not a whole number`,
    ]);
    assert.equal(result.rowsRead, 5);
  });

  it('lists the keys found in file order and the declared columns no object has', () => {
    const result = load('[{"ticket_id":"T1","agent":"Ann"},{"csat":4,"ticket_id":"T2","team":"B"}]', schema, {}, 'json');
    assert.deepEqual(result.fileColumns, ['ticket_id', 'agent', 'csat', 'team']);
    assert.deepEqual(result.missingColumns, ['resolved', 'opened_at']);
  });

  it('rejects an element that is not an object, and a nested value where a value belongs', () => {
    const result = load('[{"ticket_id":"T1"}, 42, {"ticket_id":"T2","csat":[1,2]}, {"ticket_id":{"id":3}}]', schema, {}, 'json');
    assert.equal(result.rowsRead, 4);
    assert.deepEqual(problemList(result), [
      '1: expected an object ({"column": value, ...}), found a number',
      '1: csat: an object or array is not a single value',
      '1: ticket_id: an object or array is not a single value',
    ]);
  });

  it('finds duplicate keys between objects on the same line', () => {
    const result = load('[{"ticket_id":"T1"},{"ticket_id":"T1"}]', schema, { checkKeys: true }, 'json');
    assert.deepEqual(problemList(result), ['1: ticket_id: duplicate key "T1" (first seen on line 1)']);
  });

  it('makes invalid JSON fatal, with the line of the error', () => {
    const { text, lines } = markedLines('[\n  {"ticket_id": "T1"},\n  {"ticket_id": "T2",‸ }\n]');
    const result = load(text, schema, {}, 'json');
    assert.equal(result.fatal?.line, lines[0]);
    assert.equal(result.fatal?.message, 'not valid JSON: expected a key in double quotes, found "}"');
    assert.equal(result.table.rowCount, 0);
    assert.equal(result.rowsRead, 0);
  });

  it('makes a file that is not an array, is empty or is cut short fatal', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"ticket_id": "T1"}', /expected a JSON array of objects/],
      ['', /the file is empty/],
      ['  \n', /the file is empty/],
      ['[{"ticket_id": "T1"},', /ends before the array is closed/],
      ['[{"ticket_id": "T1"', /unexpected end of file/],
      ['[{"ticket_id": "T1"},]', /expected another element after ","/],
      ['[{"ticket_id": "T1"}] x', /unexpected content after the end of the array/],
      ['[{"ticket_id": "T1" "csat": 2}]', /expected "," or "}" after a value/],
      ['[{"ticket_id": tru}]', /expected a value/],
      ['[{"ticket_id": "a\tb"}]', /control character/],
      ['[{"ticket_id": 01}]', /expected "," or "}"/],
    ];
    for (const [text, message] of cases) {
      const result = load(text, schema, {}, 'json');
      assert.match(result.fatal?.message ?? '(no fatal problem)', message, text);
    }
  });

  it('accepts an empty array and a byte order mark', () => {
    const result = load('\uFEFF[ ]\n', schema, {}, 'json');
    assert.equal(result.fatal, undefined);
    assert.equal(result.rowsRead, 0);
  });
});

describe('JSON Lines loading', () => {
  it('reads one object per line, ignoring blank lines, with each line number', () => {
    const { text, lines } = markedLines([
      '{"ticket_id": "T1", "csat": 5}',
      '',
      '   ',
      '‸{"ticket_id": "T2", "csat": 6}\r',
      '{"ticket_id": "T3", "resolved": false}',
    ].join('\n'));
    const result = load(text, schema, {}, 'jsonl');
    assert.equal(result.rowsRead, 3);
    assert.deepEqual(problemList(result), [`${lines[0]}: csat: 6 is outside 1..5`]);
    assert.deepEqual(values(result, 'resolved'), [null, false]);
  });

  it('rejects a line of invalid JSON and goes on with the next', () => {
    const { text, lines } = markedLines([
      '{"ticket_id": "T1"}',
      '‸{"ticket_id": "T2",',
      '‸[1, 2]',
      '‸{"ticket_id": "T4"} {"ticket_id": "T5"}',
      '{"ticket_id": "T6"}',
      '',
    ].join('\n'));
    const result = load(text, schema, {}, 'jsonl');
    assert.equal(result.fatal, undefined);
    assert.equal(result.rowsRead, 5);
    assert.equal(result.rowsRejected, 3);
    assert.deepEqual(problemList(result), [
      `${lines[0]}: not valid JSON: unexpected end of line`,
      `${lines[1]}: expected an object ({"column": value, ...}), found an array`,
      `${lines[2]}: not valid JSON: expected the end of the line after the object, found "{"`,
    ]);
    assert.deepEqual(values(result, 'ticket_id'), ['T1', 'T6']);
  });

  it('reads an empty file as zero rows', () => {
    const result = load('', schema, {}, 'jsonl');
    assert.equal(result.fatal, undefined);
    assert.equal(result.rowsRead, 0);
  });
});
