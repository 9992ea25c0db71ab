/**
 * Quantiles of many groups of the same values (overall, per segment, per
 * period), each group a list of regions of one buffer, without reordering
 * the buffer or copying whole groups.
 *
 * A selection (quantile.ts) reads every value of a group several times and
 * branches unpredictably on each comparison. Here a group costs two plain
 * passes instead: the first counts its values per bucket of an
 * order-preserving integer key (the high 32 bits of the double, so buckets
 * are narrow where values are dense, whatever their scale), which tells the
 * bucket of each rank a quantile reads; the second copies out only the
 * values of those few buckets, and the ranks are selected among them. The
 * results are the exact order statistics, so quantiles are the same numbers
 * a sort would give. A group whose values all land in a few buckets (a
 * handful of distinct values) just makes the last selection larger.
 */

import { quantileFromRanks, quantilesOfRegion, ranksOfQuantile, valuesAtRanks } from './quantile';

/** Buckets per histogram: the key range is cut into at most this many. */
const BUCKETS = 4096;
/** Groups this small are copied and selected directly; a histogram would cost more. */
const SMALL_GROUP = 2 * BUCKETS;

/** Index of the high 32 bits of element i of a Float64Array in an Int32Array view: 2 i + HIGH. */
const HIGH = new Int32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;

export class QuantileBuckets {
  private readonly high: Int32Array;
  private readonly low: number;
  private readonly shift: number;
  private readonly counts = new Int32Array(BUCKETS);
  private readonly wanted = new Uint8Array(BUCKETS);

  /**
   * Quantiles of groups of `values[0, count)` (no NaN); `scratch(size)`
   * lends a buffer of at least `size` values, to copy candidates into.
   */
  constructor(
    private readonly values: Float64Array,
    count: number,
    private readonly scratch: (size: number) => Float64Array,
  ) {
    this.high = new Int32Array(values.buffer, values.byteOffset, 2 * count);
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < count; i++) {
      const key = keyOf(this.high[2 * i + HIGH]);
      if (key < low) low = key;
      if (key > high) high = key;
    }
    this.low = low;
    // The smallest shift that maps the key range onto BUCKETS buckets.
    let shift = 0;
    while (high > low && (high - low) / 2 ** shift >= BUCKETS) shift++;
    this.shift = shift;
  }

  /**
   * The quantiles `qs` of the values in `regions` (start, end pairs, in
   * buffer order), in the order of `qs`; NaN each when there are none.
   */
  quantiles(regions: readonly number[], qs: readonly number[]): number[] {
    let total = 0;
    for (let r = 0; r < regions.length; r += 2) total += regions[r + 1] - regions[r];
    if (total <= SMALL_GROUP) return quantilesOfRegion(this.copy(regions, total), 0, total, qs);

    const counts = this.counts;
    counts.fill(0);
    for (let r = 0; r < regions.length; r += 2) this.count(regions[r], regions[r + 1]);

    // Every rank read, ascending, and the bucket holding each.
    const ranks = [...new Set(qs.flatMap((q) => ranksOfQuantile(total, q)))].sort((a, b) => a - b);
    const bucketOfRank: number[] = [];
    let bucket = 0;
    let below = 0;
    for (const rank of ranks) {
      while (below + counts[bucket] <= rank) below += counts[bucket++];
      bucketOfRank.push(bucket);
    }

    // Copy out the values of those buckets: a rank's place among them is its
    // rank less the values of the buckets before its own that are left out.
    const wanted = this.wanted;
    wanted.fill(0);
    for (const b of bucketOfRank) wanted[b] = 1;
    let copied = 0;
    let skippedBelow = 0;
    const localRanks: number[] = [];
    let next = 0;
    below = 0;
    for (let b = 0; next < ranks.length; b++) {
      while (next < ranks.length && bucketOfRank[next] === b) localRanks[next] = ranks[next++] - skippedBelow;
      if (wanted[b] === 1) copied += counts[b];
      else skippedBelow += counts[b];
    }
    const candidates = this.scratch(copied);
    let at = 0;
    for (let r = 0; r < regions.length; r += 2) at = this.collect(regions[r], regions[r + 1], candidates, at);

    const found = valuesAtRanks(candidates, 0, copied, localRanks);
    const valueOfRank = new Map(ranks.map((rank, i) => [rank, found[i]]));
    return qs.map((q) => quantileFromRanks(total, q, (rank) => valueOfRank.get(rank) ?? NaN));
  }

  /** Adds the values of `[start, end)` to the bucket counts. */
  private count(start: number, end: number): void {
    const high = this.high;
    const counts = this.counts;
    const low = this.low;
    const shift = this.shift;
    for (let i = start; i < end; i++) counts[(keyOf(high[2 * i + HIGH]) - low) >>> shift]++;
  }

  /** Copies the values of `[start, end)` in wanted buckets to `into` from `at`; returns where it stopped. */
  private collect(start: number, end: number, into: Float64Array, at: number): number {
    const high = this.high;
    const values = this.values;
    const wanted = this.wanted;
    const low = this.low;
    const shift = this.shift;
    for (let i = start; i < end; i++) {
      if (wanted[(keyOf(high[2 * i + HIGH]) - low) >>> shift] === 1) into[at++] = values[i];
    }
    return at;
  }

  /** The values of `regions` (`total` of them), copied to the scratch buffer. */
  private copy(regions: readonly number[], total: number): Float64Array {
    const into = this.scratch(total);
    let at = 0;
    for (let r = 0; r < regions.length; r += 2) {
      into.set(this.values.subarray(regions[r], regions[r + 1]), at);
      at += regions[r + 1] - regions[r];
    }
    return into;
  }
}

/**
 * A signed integer in the order of the doubles whose high 32 bits are
 * `high`: negative doubles have their magnitude bits flipped, so larger
 * magnitudes come first. (-0 sorts just before +0; they are equal values.)
 */
function keyOf(high: number): number {
  return high ^ ((high >> 31) & 0x7fffffff);
}
