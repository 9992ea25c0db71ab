/**
 * Quantiles of every group of several layers of cells, found through bucket
 * counts, against sorting each group: seeded random values of every kind
 * (ties, a handful of distinct values, negative values and zeros of both
 * signs, infinities, wide and narrow ranges), groups large enough to be
 * counted and small ones selected directly, empty groups, cells in no group,
 * more layers than one pass counts, and lent buffers full of leftovers. The
 * values must be left as they were.
 */

import * as assert from 'node:assert/strict';
import { groupQuantiles, type Layer } from '../../../grammar/eval/quantile-buckets';
import { quantileOfSorted } from '../../../grammar/eval/quantile';
import { seededRandom } from '../../support/seeded-random';

type Draw = (random: () => number) => number;

const KINDS: Record<string, Draw> = {
  'spread, one decimal, with zeros': (r) => (r() < 0.02 ? 0 : Math.round(r() * 6000) / 10),
  'a handful of distinct values': (r) => Math.floor(r() * 5),
  'one value': () => 42,
  'signs and zeros': (r) => [0, -0, -1.5, 1.5, -1e-300, 1e300][Math.floor(r() * 6)] * (r() < 0.9 ? 1 : r()),
  'heavy tail': (r) => Math.exp(r() * 60 - 30) * (r() < 0.3 ? -1 : 1),
  'with infinities': (r) => (r() < 0.01 ? (r() < 0.5 ? Infinity : -Infinity) : r() * 100),
  'narrow range': (r) => 1e15 + Math.floor(r() * 64),
  'uniform doubles': (r) => r(),
};

const QS = [0.5, 0.9, 0, 1, 0.25, 0.999];

/** -0 and 0 are the same value; which one a tie gives does not matter. */
const unsigned = (x: number) => (x === 0 ? 0 : x);

describe('quantiles of every group by bucket counts', () => {
  // Lent buffers keep whatever was in them: start them dirty.
  let values = new Float64Array(0);
  let buckets = new Uint16Array(0);
  const lend = {
    values(size: number): Float64Array {
      if (values.length < size) values = new Float64Array(size).fill(-7);
      return values;
    },
    buckets(size: number): Uint16Array {
      if (buckets.length < size) buckets = new Uint16Array(size).fill(65_535);
      return buckets;
    },
  };

  for (const [kind, draw] of Object.entries(KINDS)) {
    it(`agree with sorting each group: ${kind}`, () => {
      const random = seededRandom(kind.length * 7919);
      // Cells of skewed sizes, some empty; 40,000 values in all.
      const cells = 60;
      const weights = Array.from({ length: cells }, () => (random() < 0.1 ? 0 : random() ** 3));
      const sum = weights.reduce((a, b) => a + b, 0);
      const start = new Int32Array(cells + 1);
      for (let c = 0; c < cells; c++) start[c + 1] = start[c] + Math.round((weights[c] / sum) * 40_000);
      const buffer = Float64Array.from({ length: start[cells] }, () => draw(random));
      const before = buffer.slice();

      // The whole table; then five random layers, some cells in no group, some groups empty.
      const layers: Layer[] = [{ groupOfCell: new Int32Array(cells), groups: 1 }];
      for (let l = 0; l < 5; l++) {
        const groups = 1 + Math.floor(random() * 8);
        layers.push({ groupOfCell: Int32Array.from({ length: cells }, () => (random() < 0.1 ? -1 : Math.floor(groups * random() ** 2))), groups });
      }
      const found = groupQuantiles(buffer, start, layers, QS, lend);

      layers.forEach((layer, l) => {
        for (let group = 0; group < layer.groups; group++) {
          const members: number[] = [];
          for (let c = 0; c < cells; c++) if (layer.groupOfCell[c] === group) members.push(...buffer.subarray(start[c], start[c + 1]));
          const sorted = Float64Array.from(members).sort();
          const wanted = QS.map((q) => String(unsigned(quantileOfSorted(sorted, q))));
          const got = QS.map((_, i) => String(unsigned(found[l][group * QS.length + i])));
          assert.deepEqual(got, wanted, `layer ${l}, group ${group} (${members.length} values)`);
        }
      });
      assert.deepEqual(buffer, before, 'the values are left as they were');
    });
  }
});
