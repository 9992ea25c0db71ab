/**
 * Quantiles of every group of a pass at once (overall, per segment, per
 * period), from values laid out cell by cell: a group is a set of cells, and
 * each "layer" (the whole table, a breakdown, a trend) puts every cell in at
 * most one of its groups. The values are never reordered.
 *
 * A selection (quantile.ts) reads each value of a group several times and
 * branches unpredictably on every comparison; a million values in four
 * layers made it most of a scorecard's evaluation. Here each value gets a
 * bucket number once, and the groups share two passes over the values:
 * 1. every value is put in one of 65,536 fine buckets by an order-preserving
 *    integer key (the high 32 bits of the double); the fine buckets are
 *    merged into 1,024 buckets of about equal counts (a zero among values of
 *    0.1 to 600 leaves most fine buckets empty, whatever the scale);
 * 2. one pass counts each large group's values per bucket, for four layers
 *    at a time, which tells the bucket of each rank its quantiles read;
 * 3. one pass copies out only the values of those buckets, about a
 *    thousandth of each group per rank, and the ranks are selected there.
 * The results are the exact order statistics, so quantiles are the numbers a
 * sort would give. Small groups are copied out and selected directly.
 */

import { quantileFromRanks, quantilesOfRegion, ranksOfQuantile, valuesAtRanks } from './quantile';

/** Fine buckets: every fine bucket number fits in 16 bits. */
const FINE = 65_536;
/** Buckets counted per group: 4 KB of counts each. */
const BUCKET_BITS = 10;
const BUCKETS = 1 << BUCKET_BITS;
/** Groups with at most this many values are copied and selected directly. */
const SMALL_GROUP = 4096;
/** Layers counted in one pass over the values. */
const LAYERS_PER_PASS = 4;

/** Index of the high 32 bits of element i of a Float64Array in an Int32Array view: 2 i + HIGH. */
const HIGH = new Int32Array(new Float64Array([1]).buffer)[1] === 0x3ff00000 ? 1 : 0;

/** Buffers groupQuantiles may use during a call (their contents are left over from before). */
export interface QuantileScratch {
  /** At least `size` values. */
  values(size: number): Float64Array;
  /** At least `size` bucket numbers. */
  buckets(size: number): Uint16Array;
}

/** A way of grouping the cells: a breakdown, a trend, or the whole table (one group). */
export interface Layer {
  /** The group of each cell, -1 for none. */
  readonly groupOfCell: Int32Array;
  readonly groups: number;
}

/**
 * The quantiles `qs` of every group of every layer: per layer, entry
 * `group * qs.length + i` is quantile qs[i] of that group (NaN when it has
 * no values). Cell c's values are `values[start[c], start[c + 1])`, no NaN.
 */
export function groupQuantiles(
  values: Float64Array,
  start: Int32Array,
  layers: readonly Layer[],
  qs: readonly number[],
  scratch: QuantileScratch,
): Float64Array[] {
  const cells = start.length - 1;
  const out = layers.map((layer) => new Float64Array(layer.groups * qs.length).fill(NaN));
  const sizes = layers.map((layer) => {
    const size = new Int32Array(layer.groups);
    for (let cell = 0; cell < cells; cell++) {
      const group = layer.groupOfCell[cell];
      if (group >= 0) size[group] += start[cell + 1] - start[cell];
    }
    return size;
  });

  // Large groups get a row of bucket counts ("slot"); slot 0 takes the counts no one reads.
  const slotOf = layers.map((layer) => new Int32Array(layer.groups));
  const large: Array<{ layer: number; group: number }> = [];
  layers.forEach((layer, l) => {
    for (let group = 0; group < layer.groups; group++) {
      const size = sizes[l][group];
      if (size > SMALL_GROUP) {
        large.push({ layer: l, group });
        slotOf[l][group] = large.length;
      } else if (size > 0) {
        record(out[l], group, quantilesOfRegion(copyGroup(values, start, layers[l], group, size, scratch), 0, size, qs));
      }
    }
  });
  if (large.length === 0) return out;

  const total = start[cells];
  const bucketOf = bucketValues(values, total, scratch.buckets(total));
  const slots = large.length + 1;
  const counts = new Int32Array(slots * BUCKETS);
  forEachChunk(layers, slotOf, start, (from, to, rows) =>
    countBuckets(bucketOf, from, to, counts, rows[0], rows[1], rows[2], rows[3]),
  );

  // Per large group: the buckets of its ranks, marked wanted, and each rank's
  // place among the values of those buckets (its rank less the values of the
  // buckets before its own that are left out).
  const wanted = new Uint8Array(slots * BUCKETS);
  // The buckets some group wants: a value in none of them is passed over at once.
  const wantedByAny = new Uint8Array(BUCKETS);
  const plans = large.map(({ layer, group }, i) => {
    const row = (i + 1) * BUCKETS;
    const n = sizes[layer][group];
    const ranks = [...new Set(qs.flatMap((q) => ranksOfQuantile(n, q)))].sort((a, b) => a - b);
    const local: number[] = [];
    let below = 0;
    let left = 0;
    let copied = 0;
    let next = 0;
    for (let bucket = 0; next < ranks.length; bucket++) {
      const count = counts[row + bucket];
      const first = next;
      while (next < ranks.length && ranks[next] < below + count) local.push(ranks[next++] - left);
      if (next > first) {
        wanted[row + bucket] = 1;
        wantedByAny[bucket] = 1;
        copied += count;
      } else {
        left += count;
      }
      below += count;
    }
    return { layer, group, n, ranks, local, copied };
  });

  const areaStart = new Int32Array(slots + 1);
  plans.forEach((plan, i) => {
    areaStart[i + 2] = areaStart[i + 1] + plan.copied;
  });
  const candidates = scratch.values(areaStart[slots]);
  const cursor = areaStart.slice(0, slots);
  forEachChunk(layers, slotOf, start, (from, to, rows) =>
    collect(values, bucketOf, wantedByAny, wanted, from, to, candidates, cursor, rows[0], rows[1], rows[2], rows[3]),
  );

  plans.forEach((plan, i) => {
    const found = valuesAtRanks(candidates, areaStart[i + 1], areaStart[i + 2], plan.local);
    const valueOfRank = new Map(plan.ranks.map((rank, r) => [rank, found[r]]));
    record(out[plan.layer], plan.group, qs.map((q) => quantileFromRanks(plan.n, q, (rank) => valueOfRank.get(rank) ?? NaN)));
  });
  return out;
}

function record(into: Float64Array, group: number, found: readonly number[]): void {
  for (let i = 0; i < found.length; i++) into[group * found.length + i] = found[i];
}

/** The `size` values of one group, copied to the scratch buffer. */
function copyGroup(values: Float64Array, start: Int32Array, layer: Layer, group: number, size: number, scratch: QuantileScratch): Float64Array {
  const into = scratch.values(size);
  let at = 0;
  for (let cell = 0; cell + 1 < start.length; cell++) {
    if (layer.groupOfCell[cell] !== group) continue;
    into.set(values.subarray(start[cell], start[cell + 1]), at);
    at += start[cell + 1] - start[cell];
  }
  return into;
}

/**
 * Calls `visit(from, to, rows)` for each cell and each run of up to four
 * layers, with the first count of each layer's slot for that cell (slot 0
 * for a small group, no group or no layer).
 */
function forEachChunk(
  layers: readonly Layer[],
  slotOf: readonly Int32Array[],
  start: Int32Array,
  visit: (from: number, to: number, rows: Int32Array) => void,
): void {
  const rows = new Int32Array(LAYERS_PER_PASS);
  for (let first = 0; first < layers.length; first += LAYERS_PER_PASS) {
    for (let cell = 0; cell + 1 < start.length; cell++) {
      if (start[cell + 1] === start[cell]) continue;
      for (let k = 0; k < LAYERS_PER_PASS; k++) {
        const l = first + k;
        const group = l < layers.length ? layers[l].groupOfCell[cell] : -1;
        rows[k] = group < 0 ? 0 : slotOf[l][group] * BUCKETS;
      }
      visit(start[cell], start[cell + 1], rows);
    }
  }
}

/**
 * The bucket of each of `values[0, count)`: its fine bucket by key, then the
 * bucket of about equal counts that fine bucket falls in.
 */
function bucketValues(values: Float64Array, count: number, bucketOf: Uint16Array): Uint16Array {
  const highs = new Int32Array(values.buffer, values.byteOffset, 2 * count);
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < count; i++) {
    const key = keyOf(highs[2 * i + HIGH]);
    if (key < low) low = key;
    if (key > high) high = key;
  }
  // The smallest shift that maps the key range onto FINE buckets.
  let shift = 0;
  while (high > low && (high - low) / 2 ** shift >= FINE) shift++;
  const fine = new Int32Array(FINE);
  fineBuckets(highs, count, low, shift, bucketOf, fine);
  // Fine bucket f goes to bucket floor(values in fine buckets before f * BUCKETS / count):
  // monotonic, so bucket order is value order.
  const merged = new Uint16Array(FINE);
  let before = 0;
  for (let f = 0; f < FINE; f++) {
    merged[f] = Math.floor((before * BUCKETS) / count);
    before += fine[f];
  }
  mergeBuckets(bucketOf, count, merged);
  return bucketOf;
}

function fineBuckets(highs: Int32Array, count: number, low: number, shift: number, bucketOf: Uint16Array, fine: Int32Array): void {
  for (let i = 0; i < count; i++) {
    const bucket = (keyOf(highs[2 * i + HIGH]) - low) >>> shift;
    bucketOf[i] = bucket;
    fine[bucket]++;
  }
}

function mergeBuckets(bucketOf: Uint16Array, count: number, merged: Uint16Array): void {
  for (let i = 0; i < count; i++) bucketOf[i] = merged[bucketOf[i]];
}

/** Counts the buckets of `[from, to)` in four layers' rows of counts. */
function countBuckets(bucketOf: Uint16Array, from: number, to: number, counts: Int32Array, a: number, b: number, c: number, d: number): void {
  for (let i = from; i < to; i++) {
    const bucket = bucketOf[i];
    counts[a + bucket]++;
    counts[b + bucket]++;
    counts[c + bucket]++;
    counts[d + bucket]++;
  }
}

/** Copies each value of `[from, to)` to the area of each of four rows that wants its bucket. */
function collect(
  values: Float64Array,
  bucketOf: Uint16Array,
  wantedByAny: Uint8Array,
  wanted: Uint8Array,
  from: number,
  to: number,
  into: Float64Array,
  cursor: Int32Array,
  a: number,
  b: number,
  c: number,
  d: number,
): void {
  for (let i = from; i < to; i++) {
    const bucket = bucketOf[i];
    if (wantedByAny[bucket] === 0) continue;
    if (wanted[a + bucket] === 1) into[cursor[a >> BUCKET_BITS]++] = values[i];
    if (wanted[b + bucket] === 1) into[cursor[b >> BUCKET_BITS]++] = values[i];
    if (wanted[c + bucket] === 1) into[cursor[c >> BUCKET_BITS]++] = values[i];
    if (wanted[d + bucket] === 1) into[cursor[d >> BUCKET_BITS]++] = values[i];
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
