/**
 * Groupings by segment and by period against a row-by-row reference: texts
 * the dictionary holds but no row has (the loader saw them in rejected
 * rows), missing values, bools, and timestamps with no day (infinite, or
 * beyond the day range) beside ordinary ones.
 */

import * as assert from 'node:assert/strict';
import type { Table } from '../../../grammar/eval/data/table';
import { periodGrouping, segmentGrouping, type Grouping } from '../../../grammar/eval/groups';
import { periodKey } from '../../../grammar/eval/periods';
import { seededRandom } from '../../support/seeded-random';

/** Keys, and each row's key (null: no group), from a grouping. */
function byRow(grouping: Grouping, rowCount: number): Array<string | null> {
  return Array.from({ length: rowCount }, (_, row) => (grouping.ids[row] < 0 ? null : grouping.keys[grouping.ids[row]]));
}

function sizesOf(grouping: Grouping): number[] {
  const sizes = grouping.keys.map(() => 0);
  for (const id of grouping.ids) if (id >= 0) sizes[id]++;
  return sizes;
}

describe('groupings', () => {
  it('group texts by value, leaving out dictionary texts that no row has', () => {
    const random = seededRandom(3);
    const dictionary = ['north', 'zz-unused', 'East', 'south', 'also-unused', 'west'];
    const used = [0, 2, 3, 5];
    const codes = Int32Array.from({ length: 500 }, () => (random() < 0.1 ? -1 : used[Math.floor(random() * used.length)]));
    const table: Table = { rowCount: codes.length, columns: new Map([['region', { kind: 'text', type: 'text', codes, dictionary }]]) };
    const grouping = segmentGrouping(table, 'region');
    assert.deepEqual(grouping.keys, ['East', 'north', 'south', 'west']);
    assert.deepEqual(byRow(grouping, codes.length), Array.from(codes, (code) => (code < 0 ? null : dictionary[code])));
    assert.deepEqual([...grouping.sizes], sizesOf(grouping));
  });

  it('group every text of a fully used dictionary in one pass, the same way', () => {
    const codes = Int32Array.from([1, 0, -1, 1, 2]);
    const table: Table = { rowCount: 5, columns: new Map([['c', { kind: 'text', type: 'text', codes, dictionary: ['b', 'a', 'c'] }]]) };
    const grouping = segmentGrouping(table, 'c');
    assert.deepEqual(grouping.keys, ['a', 'b', 'c']);
    assert.deepEqual(byRow(grouping, 5), ['a', 'b', null, 'a', 'c']);
    assert.deepEqual([...grouping.sizes], [2, 1, 1]);
  });

  it('group bools as false and true, missing in neither', () => {
    const values = Uint8Array.from([1, 2, 1, 1, 2]);
    const table: Table = { rowCount: 5, columns: new Map([['b', { kind: 'bool', type: 'bool', values }]]) };
    const grouping = segmentGrouping(table, 'b');
    assert.deepEqual(grouping.keys, ['true']);
    assert.deepEqual(byRow(grouping, 5), ['true', null, 'true', 'true', null]);
  });

  it('give rows without a day no period, whatever their neighbours', () => {
    const day = 86_400_000;
    const march = Date.UTC(2025, 2, 1);
    const values = Float64Array.from([march, NaN, Infinity, march + 40 * day, -Infinity, 1e300, march + 75 * day, -1e300]);
    const table: Table = { rowCount: values.length, columns: new Map([['at', { kind: 'numeric', type: 'datetime', values }]]) };
    const grouping = periodGrouping(table, 'at', 'month');
    assert.deepEqual(grouping.keys, ['2025-03', '2025-04', '2025-05']);
    assert.deepEqual(byRow(grouping, values.length), ['2025-03', null, null, '2025-04', null, null, '2025-05', null]);
    assert.deepEqual([...grouping.sizes], [1, 1, 1]);
    assert.deepEqual(grouping.span, { first: '2025-03', last: '2025-05', periods: 3 });
  });

  it('put each timestamp in its period, for random timestamps and every period', () => {
    const random = seededRandom(17);
    const values = Float64Array.from({ length: 2000 }, () => (random() < 0.05 ? NaN : Date.UTC(2023, 0, 1) + Math.floor(random() * 900 * 86_400_000)));
    const table: Table = { rowCount: values.length, columns: new Map([['at', { kind: 'numeric', type: 'datetime', values }]]) };
    for (const period of ['day', 'week', 'month', 'quarter'] as const) {
      const grouping = periodGrouping(table, 'at', period);
      assert.deepEqual(byRow(grouping, values.length), Array.from(values, (ms) => (Number.isNaN(ms) ? null : periodKey(ms, period))), period);
      assert.deepEqual([...grouping.sizes], sizesOf(grouping), period);
    }
  });
});
