/**
 * Cells (groupings crossed into one number per row) and the kernels that
 * tally them: every slot's counts (of truths, of a column comparison tested
 * inline, of NPS answers), sums, extremes and quantiles against a
 * naive reference that scans the rows of each slot on its own, on seeded
 * random tables with missing values, unknown filters, rows without a group,
 * groupings without groups and groups without rows, with the groupings
 * crossed into one cell set or split into several.
 */

import * as assert from 'node:assert/strict';
import { countComparison, countTruth, moments, npsCounts, quantileValues, rowScope } from '../../../grammar/eval/aggregate';
import { crossGroupings, foldCells } from '../../../grammar/eval/cells';
import type { Grouping } from '../../../grammar/eval/groups';
import { quantileOfSorted } from '../../../grammar/eval/quantile';
import { seededRandom } from '../../support/seeded-random';

/** A grouping of `rowCount` rows into `groups` groups; about one row in `noneEvery` has none. */
function randomGrouping(random: () => number, rowCount: number, groups: number, noneEvery: number): Grouping {
  const ids = new Int16Array(rowCount);
  const sizes = new Int32Array(groups);
  for (let row = 0; row < rowCount; row++) {
    // Group numbers skewed towards 0, so the last groups are often empty.
    const group = groups === 0 || random() * noneEvery < 1 ? -1 : Math.floor(groups * random() ** 2);
    ids[row] = group;
    if (group >= 0) sizes[group]++;
  }
  return { keys: Array.from({ length: groups }, (_, g) => `g${g}`), ids, sizes };
}

interface Case {
  rowCount: number;
  groupings: Grouping[];
  values: Float64Array;
  filter: Uint8Array | null;
  truth: Uint8Array;
}

function randomCase(seed: number): Case {
  const random = seededRandom(seed);
  const rowCount = Math.floor(random() * 400);
  const groupings = Array.from({ length: Math.floor(random() * 4) }, () =>
    randomGrouping(random, rowCount, Math.floor(random() * 7), 1 + random() * 8),
  );
  // Few distinct values (ties), some missing.
  const values = Float64Array.from({ length: rowCount }, () => (random() < 0.2 ? NaN : Math.round(random() * 24) / 2 - 1));
  const filter = random() < 0.5 ? null : Uint8Array.from({ length: rowCount }, () => Math.floor(random() * 3));
  const truth = Uint8Array.from({ length: rowCount }, () => Math.floor(random() * 3));
  return { rowCount, groupings, values, filter, truth };
}

/** The rows of each slot (0: all; then each grouping's groups), in scope of the filter. */
function rowsBySlot(c: Case): number[][] {
  const slots: number[][] = [[]];
  const firsts: number[] = [];
  for (const g of c.groupings) {
    firsts.push(slots.length);
    for (let k = 0; k < g.keys.length; k++) slots.push([]);
  }
  for (let row = 0; row < c.rowCount; row++) {
    if (c.filter !== null && c.filter[row] !== 1) continue;
    slots[0].push(row);
    c.groupings.forEach((g, i) => {
      if (g.ids[row] >= 0) slots[firsts[i] + g.ids[row]].push(row);
    });
  }
  return slots;
}

const LIMITS = [1, 8, 1024];

describe('cells: groupings crossed into one tally per row', () => {
  it('gives each row the cell of its groups, and each cell its groups back', () => {
    const random = seededRandom(7);
    const groupings = [randomGrouping(random, 300, 3, 4), randomGrouping(random, 300, 0, 4), randomGrouping(random, 300, 5, 3)];
    for (const limit of LIMITS) {
      const sets = crossGroupings(groupings, 300, limit);
      assert.deepEqual(sets.flatMap((s) => s.members), [0, 1, 2], `limit ${limit}`);
      for (const set of sets) {
        assert.ok(set.members.length === 1 || set.count <= limit, `limit ${limit}: ${set.count} cells`);
        for (let row = 0; row < 300; row++) {
          const cell = set.ids[row];
          assert.ok(cell >= 0 && cell < set.count);
          set.members.forEach((member, m) => {
            assert.equal(set.groups[cell * set.members.length + m], groupings[member].ids[row]);
          });
        }
      }
    }
  });

  it('folds cell tallies into the overall slot and the slot of each group', () => {
    const random = seededRandom(11);
    const groupings = [randomGrouping(random, 200, 2, 5), randomGrouping(random, 200, 4, 5)];
    const [set] = crossGroupings(groupings, 200, 1024);
    const tally = new Int32Array(set.count);
    for (let row = 0; row < 200; row++) tally[set.ids[row]]++;
    const slots = new Int32Array(1 + 2 + 4);
    foldCells(set, tally, slots, [1, 3], true);
    assert.deepEqual([...slots], [200, ...groupings[0].sizes, ...groupings[1].sizes]);
  });

  for (const limit of LIMITS) {
    it(`kernels agree with a scan per slot (cell sets of at most ${limit} cells)`, () => {
      for (let seed = 1; seed <= 150; seed++) {
        const c = randomCase(seed);
        const scope = rowScope(c.rowCount, c.filter, c.groupings, crossGroupings(c.groupings, c.rowCount, limit));
        const slots = rowsBySlot(c);
        const at = `seed ${seed}`;

        const truth = countTruth(scope, c.truth);
        // values >= 3: false below, true at and above, unknown when missing.
        const atLeast3 = countComparison(scope, { column: c.values, threshold: 3, truthAt: Uint8Array.from([0, 1, 1, 2]) });
        const presence = countTruth(scope, null);
        const m = moments(scope, c.values);
        const nps = npsCounts(scope, c.values);
        const q = quantileValues(scope, c.values, [0.9, 0.5, 0]);
        slots.forEach((rows, slot) => {
          const where = `${at}, slot ${slot}`;
          const count = (t: number) => rows.filter((r) => c.truth[r] === t).length;
          assert.deepEqual([truth.falses[slot], truth.trues[slot], truth.unknowns[slot]], [count(0), count(1), count(2)], where);
          assert.deepEqual([presence.trues[slot], presence.falses[slot], presence.unknowns[slot]], [rows.length, 0, 0], where);
          const values = rows.map((r) => c.values[r]);
          assert.deepEqual(
            [atLeast3.falses[slot], atLeast3.trues[slot], atLeast3.unknowns[slot]],
            [values.filter((v) => v < 3).length, values.filter((v) => v >= 3).length, values.filter(Number.isNaN).length],
            where,
          );

          const present = rows.map((r) => c.values[r]).filter((v) => !Number.isNaN(v));
          const skipped = rows.length - present.length;
          assert.deepEqual([m.used[slot], m.skipped[slot]], [present.length, skipped], where);
          assert.equal(m.sum[slot], present.reduce((a, b) => a + b, 0), where);
          assert.equal(m.min[slot], Math.min(Infinity, ...present), where);
          assert.equal(m.max[slot], Math.max(-Infinity, ...present), where);

          assert.deepEqual([nps.used[slot], nps.skipped[slot]], [present.length, skipped], where);
          assert.equal(nps.promoters[slot], present.filter((v) => v >= 9 && v <= 10).length, where);
          assert.equal(nps.detractors[slot], present.filter((v) => v >= 0 && v <= 6).length, where);

          assert.deepEqual([q.used[slot], q.skipped[slot]], [present.length, skipped], where);
          const sorted = Float64Array.from(present).sort();
          for (const fraction of [0.9, 0.5, 0]) {
            const expected = quantileOfSorted(sorted, fraction);
            const found = q.byQuantile.get(fraction)![slot];
            assert.ok(Object.is(found, expected) || found === expected, `${where}, q ${fraction}: ${found} != ${expected}`);
          }
        });
      }
    });
  }
});
