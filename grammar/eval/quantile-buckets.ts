/**
 * Quantiles of many groups of the same values (overall, per segment, per
 * period), each group a list of regions of one buffer, without reordering
 * the buffer or copying whole groups.
 *
 * A selection (quantile.ts) reads every value of a group several times and
 * branches unpredictably on each comparison. Here each value's bucket is
 * worked out once, from an order-preserving integer key (the high 32 bits of
 * the double, so buckets are narrow where values are dense, whatever their
 * scale), and a group costs two plain passes over 16-bit bucket numbers: the
 * first counts its values per bucket, which tells the bucket of each rank a
 * quantile reads; the second copies out only the values of those few
 * buckets, and the ranks are selected among them. The
 * results are the exact order statistics, so quantiles are the same numbers
 * a sort would give. A group whose values all land in a few buckets (a
 * handful of distinct values) just makes the last selection larger.
 */

import { quantileFromRanks, quantilesOfRegion, ranksOfQuantile, valuesAtRanks } from './quantile';

/**
 * Buckets per histogram: the key range is cut into at most this many (every
 * bucket number fits in 16 bits). Many, because the range runs from the
 * smallest to the largest value: with a zero among values from 0.1 to 600
 * it spans some thousand binades of keys no value has, and 65,536 buckets
 * still cut each binade in 64.
 */
const BUCKETS = 65_536;
/** Groups this small are copied and selected directly; counting them would cost more. */
const SMALL_GROUP = 8192;

/** Index of the high 32 bits of element i of a Float64Array in an Int32Array view: 2 i + HIGH. */
const HIGH = new Int32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;

/** Buffers a QuantileBuckets may use while it is in use (their contents are left over from before). */
export interface QuantileScratch {
  /** At least `size` values, to copy candidates into. */
  values(size: number): Float64Array;
  /** At least `size` bucket numbers. */
  buckets(size: number): Uint16Array;
}

export class QuantileBuckets {
  /** The bucket of each value. */
  private readonly bucketOf: Uint16Array;
  private readonly counts = new Int32Array(BUCKETS);
  private readonly wanted = new Uint8Array(BUCKETS);

  /** Quantiles of groups of `values[0, count)` (no NaN). */
  constructor(
    private readonly values: Float64Array,
    count: number,
    private readonly scratch: QuantileScratch,
  ) {
    const highs = new Int32Array(values.buffer, values.byteOffset, 2 * count);
    let low = Infinity;
    let high = -Infinity;
    for (let i = 0; i < count; i++) {
      const key = keyOf(highs[2 * i + HIGH]);
      if (key < low) low = key;
      if (key > high) high = key;
    }
    // The smallest shift that maps the key range onto BUCKETS buckets.
    let shift = 0;
    while (high > low && (high - low) / 2 ** shift >= BUCKETS) shift++;
    this.bucketOf = scratch.buckets(count);
    fillBuckets(highs, count, low, shift, this.bucketOf);
  }

  /**
   * The quantiles `qs` of the values in `regions` (start, end pairs, in
   * buffer order), in the order of `qs`; NaN each when there are none.
   */
  quantiles(regions: readonly number[], qs: readonly number[]): number[] {
    let total = 0;
    for (let r = 0; r < regions.length; r += 2) total += regions[r + 1] - regions[r];
    if (total <= SMALL_GROUP) return quantilesOfRegion(this.copy(regions, total), 0, total, qs);
    const bucketOf = this.bucketOf;

    const counts = this.counts;
    counts.fill(0);
    for (let r = 0; r < regions.length; r += 2) countBuckets(bucketOf, regions[r], regions[r + 1], counts);

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
    const candidates = this.scratch.values(copied);
    let at = 0;
    for (let r = 0; r < regions.length; r += 2) at = collect(this.values, bucketOf, wanted, regions[r], regions[r + 1], candidates, at);

    const found = valuesAtRanks(candidates, 0, copied, localRanks);
    const valueOfRank = new Map(ranks.map((rank, i) => [rank, found[i]]));
    return qs.map((q) => quantileFromRanks(total, q, (rank) => valueOfRank.get(rank) ?? NaN));
  }

  /** The values of `regions` (`total` of them), copied to the scratch buffer. */
  private copy(regions: readonly number[], total: number): Float64Array {
    const into = this.scratch.values(total);
    let at = 0;
    for (let r = 0; r < regions.length; r += 2) {
      into.set(this.values.subarray(regions[r], regions[r + 1]), at);
      at += regions[r + 1] - regions[r];
    }
    return into;
  }
}

/** bucketOf[i] = the bucket of value i, from the high 32 bits of each (`highs[2 i + HIGH]`). */
function fillBuckets(highs: Int32Array, count: number, low: number, shift: number, bucketOf: Uint16Array): void {
  for (let i = 0; i < count; i++) bucketOf[i] = (keyOf(highs[2 * i + HIGH]) - low) >>> shift;
}

/** Adds the values of `[start, end)` to the counts of their buckets. */
function countBuckets(bucketOf: Uint16Array, start: number, end: number, counts: Int32Array): void {
  for (let i = start; i < end; i++) counts[bucketOf[i]]++;
}

/** Copies the values of `[start, end)` in wanted buckets to `into` from `at`; returns where it stopped. */
function collect(
  values: Float64Array,
  bucketOf: Uint16Array,
  wanted: Uint8Array,
  start: number,
  end: number,
  into: Float64Array,
  at: number,
): number {
  for (let i = start; i < end; i++) if (wanted[bucketOf[i]] === 1) into[at++] = values[i];
  return at;
}

/**
 * A signed integer in the order of the doubles whose high 32 bits are
 * `high`: negative doubles have their magnitude bits flipped, so larger
 * magnitudes come first. (-0 sorts just before +0; they are equal values.)
 */
function keyOf(high: number): number {
  return high ^ ((high >> 31) & 0x7fffffff);
}
