/**
 * Quantiles of groups given as regions of one buffer, found through bucket
 * counts of the values' keys, against sorting each group: seeded random
 * values of every kind (ties, a handful of distinct values, negative values
 * and zeros of both signs, infinities, wide and narrow ranges), groups large
 * enough for the histogram and small ones, empty groups, and groups split
 * into many regions; the buffer must be left as it was.
 */

import * as assert from 'node:assert/strict';
import { QuantileBuckets } from '../../../grammar/eval/quantile-buckets';
import { quantileOfSorted } from '../../../grammar/eval/quantile';
import { seededRandom } from '../../support/seeded-random';

type Draw = (random: () => number) => number;

const KINDS: Record<string, Draw> = {
  'spread, one decimal': (r) => Math.round(r() * 6000) / 10,
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

function expected(values: Float64Array, regions: number[], qs: number[]): number[] {
  const group: number[] = [];
  for (let r = 0; r < regions.length; r += 2) group.push(...values.subarray(regions[r], regions[r + 1]));
  const sorted = Float64Array.from(group).sort();
  return qs.map((q) => unsigned(quantileOfSorted(sorted, q)));
}

describe('quantiles of groups by bucket counts', () => {
  // Lent buffers keep whatever was in them: start them dirty.
  let scratch = new Float64Array(0);
  let buckets = new Uint16Array(0);
  const lend = {
    values(size: number): Float64Array {
      if (scratch.length < size) scratch = new Float64Array(size).fill(-7);
      return scratch;
    },
    buckets(size: number): Uint16Array {
      if (buckets.length < size) buckets = new Uint16Array(size).fill(4095);
      return buckets;
    },
  };

  for (const [kind, draw] of Object.entries(KINDS)) {
    it(`agree with sorting each group: ${kind}`, () => {
      const random = seededRandom(kind.length * 7919);
      const count = 40_000;
      const values = Float64Array.from({ length: count }, () => draw(random));
      const before = values.slice();
      const buckets = new QuantileBuckets(values, count, lend);

      // The whole buffer, one large region, many small regions, small groups, an empty group.
      const groups: number[][] = [[0, count], [5000, 35_000], [], [100, 100], [7, 8], [0, 3000, 9000, 9100]];
      for (let g = 0; g < 6; g++) {
        const regions: number[] = [];
        let at = Math.floor(random() * 50);
        while (at < count) {
          const end = Math.min(count, at + 1 + Math.floor(random() * 400));
          regions.push(at, end);
          at = end + Math.floor(random() * 400);
        }
        groups.push(regions);
      }
      for (const regions of groups) {
        const found = buckets.quantiles(regions, QS).map(unsigned);
        const wanted = expected(values, regions, QS);
        assert.deepEqual(found.map(String), wanted.map(String), `regions ${regions.slice(0, 6).join(',')}...`);
      }
      assert.deepEqual(values, before, 'the buffer is left as it was');
    });
  }

  it('use only the first `count` values of the buffer', () => {
    const values = Float64Array.from({ length: 20_000 }, (_, i) => (i < 10_000 ? i % 97 : 1e9));
    const buckets = new QuantileBuckets(values, 10_000, lend);
    assert.deepEqual(buckets.quantiles([0, 10_000], [0.5, 1]), expected(values, [0, 10_000], [0.5, 1]));
  });
});
