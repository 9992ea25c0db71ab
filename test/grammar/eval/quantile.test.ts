/**
 * Percentiles by linear interpolation (numpy's default, DuckDB quantile_cont):
 * hand-computed values, ties, tiny inputs, and in-place selection checked
 * against sorting for arbitrary inputs.
 */

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { quantileOfSorted, quantilesOfRegion } from '../../../grammar/eval/quantile';

/** Quantiles of `values` through the in-place selection, on a copy. */
function select(values: number[], qs: number[]): number[] {
  return quantilesOfRegion(Float64Array.from(values), 0, values.length, qs);
}

describe('quantiles (linear interpolation, numpy default / DuckDB quantile_cont)', () => {
  it('interpolates between closest ranks', () => {
    // numpy.percentile(range(1, 11), [50, 90]) == [5.5, 9.1]
    const ten = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];
    const [median, p90] = select(ten, [0.5, 0.9]);
    assert.equal(median, 5.5);
    assert.ok(Math.abs(p90 - 9.1) < 1e-12, `p90 ${p90}`);
    // numpy.percentile([15, 20, 35, 40, 50], 40) == 29.0: h = 4 * 0.4 = 1.6 -> 20 + 0.6 * 15
    assert.ok(Math.abs(select([50, 15, 40, 20, 35], [0.4])[0] - 29) < 1e-12);
    // numpy.percentile([1, 2, 3, 4], 25) == 1.75
    assert.equal(select([4, 3, 2, 1], [0.25])[0], 1.75);
  });

  it('gives the extremes at 0 and 1', () => {
    assert.deepEqual(select([3, -2, 8, 5], [0, 1]), [-2, 8]);
  });

  it('handles ties', () => {
    // numpy.percentile([1, 2, 2, 2, 3], [50, 90]) == [2.0, 2.6]
    const [median, p90] = select([2, 3, 2, 1, 2], [0.5, 0.9]);
    assert.equal(median, 2);
    assert.ok(Math.abs(p90 - 2.6) < 1e-12, `p90 ${p90}`);
    assert.deepEqual(select([4, 4, 4, 4], [0.1, 0.5, 0.99]), [4, 4, 4]);
  });

  it('returns the only value of a single-value set, and NaN for an empty one', () => {
    assert.deepEqual(select([7], [0, 0.5, 0.9, 1]), [7, 7, 7, 7]);
    assert.ok(select([], [0.5]).every(Number.isNaN));
    assert.ok(Number.isNaN(quantileOfSorted([], 0.5)));
  });

  it('answers quantiles in the order asked, whatever that order', () => {
    assert.deepEqual(select([1, 2, 3, 4, 5], [1, 0, 0.5]), [5, 1, 3]);
  });

  it('works on a region and leaves the rest of the array alone', () => {
    const values = Float64Array.from([100, 5, 1, 4, 2, 3, -100]);
    assert.deepEqual(quantilesOfRegion(values, 1, 6, [0.5]), [3]);
    assert.equal(values[0], 100);
    assert.equal(values[6], -100);
  });

  it('agrees with sorting, for any values and quantiles', () => {
    const value = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (values, qs) => {
        const sorted = Float64Array.from(values).sort();
        // -0 and 0 are equal values; which of them a tie yields does not matter.
        const unsigned = (xs: number[]) => xs.map((x) => (x === 0 ? 0 : x));
        assert.deepEqual(unsigned(select(values, qs)), unsigned(qs.map((q) => quantileOfSorted(sorted, q))));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with sorting on large regions (sampled pivots), with many ties or none', () => {
    const values = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 601, maxLength: 5000 }),
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 601, maxLength: 5000 }),
    );
    fc.assert(
      fc.property(values, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }), (xs, qs) => {
        const sorted = Float64Array.from(xs).sort();
        const unsigned = (ys: number[]) => ys.map((y) => (y === 0 ? 0 : y));
        assert.deepEqual(unsigned(select(xs, qs)), unsigned(qs.map((q) => quantileOfSorted(sorted, q))));
      }),
      { numRuns: 60 },
    );
  });

  it('handles large sorted and reversed input (no quadratic pivot choice)', () => {
    const n = 200_000;
    const ascending = Float64Array.from({ length: n }, (_, i) => i);
    const descending = Float64Array.from({ length: n }, (_, i) => n - i);
    const [median, p90] = quantilesOfRegion(ascending, 0, n, [0.5, 0.9]);
    assert.equal(median, (n - 1) / 2);
    assert.ok(Math.abs(p90 - (n - 1) * 0.9) < 1e-6, `p90 ${p90}`);
    assert.deepEqual(quantilesOfRegion(descending, 0, n, [0.5]), [(n + 1) / 2]);
  });
});
