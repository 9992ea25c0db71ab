/**
 * Aggregation kernels: one pass over a table's rows that fills the overall
 * accumulator and every group's accumulator at once.
 *
 * Accumulators live in "slots": slot 0 is the whole table (in the filter's
 * scope); each grouping (a breakdown column, a trend) owns a consecutive run
 * of slots, one per group. A row updates slot 0 and, for each grouping, the
 * slot of its group (none when its group id is -1). So a breakdown by two
 * columns plus a trend costs one pass, not one pass per segment and period.
 *
 * Counting rules (docs/language.md, Semantics): only rows whose filter is
 * true are in scope; in scope, a row with a value is "used", a row whose
 * value is missing (or whose condition is unknown) is "skipped". The kernels
 * take materialised typed arrays (see row-expr.ts) and never allocate per row.
 */

import type { GroupIds, Grouping } from './groups';
import { quantilesOfRegion } from './quantile';

/**
 * The truth a filter must have to keep a row (row-expr.ts TRUE), as a local
 * constant so the loops do not read it from another module's exports.
 */
const TRUE = 1;

export interface RowScope {
  readonly rowCount: number;
  /** Truth per row (1 keeps the row), or null to keep every row. */
  readonly filter: Uint8Array | null;
  readonly groupIds: readonly GroupIds[];
  readonly groupSizes: readonly Int32Array[];
  /** The slot of group 0 of each grouping. */
  readonly offsets: readonly number[];
  readonly slotCount: number;
}

export function rowScope(rowCount: number, filter: Uint8Array | null, groupings: readonly Grouping[]): RowScope {
  const offsets: number[] = [];
  let slotCount = 1;
  for (const grouping of groupings) {
    offsets.push(slotCount);
    slotCount += grouping.keys.length;
  }
  return {
    rowCount,
    filter,
    groupIds: groupings.map((g) => g.ids),
    groupSizes: groupings.map((g) => g.sizes),
    offsets,
    slotCount,
  };
}

/** Rows in scope that were used and skipped, per slot. */
export interface RowCounts {
  used: Int32Array;
  skipped: Int32Array;
}

/**
 * Rows whose truth is true, false and unknown, per slot (`truth` null: every
 * row in scope is true). Serves `count(ds)`, `count(ds.col)` (truth =
 * presence) and `share`.
 */
export interface TruthCounts {
  trues: Int32Array;
  falses: Int32Array;
  unknowns: Int32Array;
}

export function countTruth(scope: RowScope, truth: Uint8Array | null): TruthCounts {
  const { rowCount, filter, groupIds, offsets, slotCount } = scope;
  const groupings = groupIds.length;
  // counts[t * slotCount + slot]: t = 0 false, 1 true, 2 unknown.
  const counts = new Int32Array(3 * slotCount);
  if (filter === null && truth === null) {
    // Every row is in scope and true: the group sizes are the counts, no pass needed.
    counts[slotCount] = rowCount;
    scope.groupSizes.forEach((sizes, g) => counts.set(sizes, slotCount + offsets[g]));
    return splitTruthCounts(counts, slotCount);
  }
  for (let row = 0; row < rowCount; row++) {
    if (filter !== null && filter[row] !== TRUE) continue;
    const base = (truth === null ? TRUE : truth[row]) * slotCount;
    counts[base]++;
    for (let g = 0; g < groupings; g++) {
      const group = groupIds[g][row];
      if (group >= 0) counts[base + offsets[g] + group]++;
    }
  }
  return splitTruthCounts(counts, slotCount);
}

function splitTruthCounts(counts: Int32Array, slotCount: number): TruthCounts {
  return {
    falses: counts.subarray(0, slotCount),
    trues: counts.subarray(slotCount, 2 * slotCount),
    unknowns: counts.subarray(2 * slotCount, 3 * slotCount),
  };
}

/** Count, sum, min and max of present values per slot. */
export interface Moments extends RowCounts {
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function moments(scope: RowScope, values: Float64Array): Moments {
  const { rowCount, filter, groupIds, offsets, slotCount } = scope;
  const groupings = groupIds.length;
  const used = new Int32Array(slotCount);
  const skipped = new Int32Array(slotCount);
  const sum = new Float64Array(slotCount);
  const min = new Float64Array(slotCount).fill(Infinity);
  const max = new Float64Array(slotCount).fill(-Infinity);
  for (let row = 0; row < rowCount; row++) {
    if (filter !== null && filter[row] !== TRUE) continue;
    const value = values[row];
    if (value !== value) {
      skipped[0]++;
      for (let g = 0; g < groupings; g++) {
        const group = groupIds[g][row];
        if (group >= 0) skipped[offsets[g] + group]++;
      }
      continue;
    }
    used[0]++;
    sum[0] += value;
    if (value < min[0]) min[0] = value;
    if (value > max[0]) max[0] = value;
    for (let g = 0; g < groupings; g++) {
      const group = groupIds[g][row];
      if (group < 0) continue;
      const slot = offsets[g] + group;
      used[slot]++;
      sum[slot] += value;
      if (value < min[slot]) min[slot] = value;
      if (value > max[slot]) max[slot] = value;
    }
  }
  return { used, skipped, sum, min, max };
}

/** Promoters (9..10) and detractors (0..6) among present answers, per slot. */
export interface NpsCounts extends RowCounts {
  promoters: Int32Array;
  detractors: Int32Array;
}

export function npsCounts(scope: RowScope, values: Float64Array): NpsCounts {
  const { rowCount, filter, groupIds, offsets, slotCount } = scope;
  const groupings = groupIds.length;
  const used = new Int32Array(slotCount);
  const skipped = new Int32Array(slotCount);
  const promoters = new Int32Array(slotCount);
  const detractors = new Int32Array(slotCount);
  for (let row = 0; row < rowCount; row++) {
    if (filter !== null && filter[row] !== TRUE) continue;
    const value = values[row];
    const target = value !== value ? skipped : used;
    const promoter = value >= 9 && value <= 10 ? 1 : 0;
    const detractor = value >= 0 && value <= 6 ? 1 : 0;
    target[0]++;
    promoters[0] += promoter;
    detractors[0] += detractor;
    for (let g = 0; g < groupings; g++) {
      const group = groupIds[g][row];
      if (group < 0) continue;
      const slot = offsets[g] + group;
      target[slot]++;
      promoters[slot] += promoter;
      detractors[slot] += detractor;
    }
  }
  return { used, skipped, promoters, detractors };
}

/** Number of distinct present keys per slot (see row-expr.ts `distinctKeys`). */
export interface DistinctCounts extends RowCounts {
  distinct: Int32Array;
}

export function distinctCounts(scope: RowScope, keys: Float64Array): DistinctCounts {
  const { rowCount, filter, groupIds, offsets, slotCount } = scope;
  const groupings = groupIds.length;
  const used = new Int32Array(slotCount);
  const skipped = new Int32Array(slotCount);
  const seen = Array.from({ length: slotCount }, () => new Set<number>());
  for (let row = 0; row < rowCount; row++) {
    if (filter !== null && filter[row] !== TRUE) continue;
    const key = keys[row];
    if (key !== key) {
      skipped[0]++;
      for (let g = 0; g < groupings; g++) {
        const group = groupIds[g][row];
        if (group >= 0) skipped[offsets[g] + group]++;
      }
      continue;
    }
    used[0]++;
    seen[0].add(key);
    for (let g = 0; g < groupings; g++) {
      const group = groupIds[g][row];
      if (group < 0) continue;
      used[offsets[g] + group]++;
      seen[offsets[g] + group].add(key);
    }
  }
  return { used, skipped, distinct: Int32Array.from(seen, (set) => set.size) };
}

/** The requested quantiles per slot (NaN for a slot without values), by quantile. */
export interface QuantileValues extends RowCounts {
  byQuantile: Map<number, Float64Array>;
}

/**
 * One buffer, refilled per grouping: count present values per slot, then for
 * each grouping copy its values into the buffer (each group a contiguous
 * region) and select the quantiles in each region. The overall quantiles
 * are selected over the whole buffer once some grouping that holds every
 * present value (no row lacks its segment or period) has been done with it;
 * when none does, the buffer is filled once more with every present value.
 *
 * A refill costs a pass over the rows; one buffer instead of one per
 * grouping keeps a million-row evaluation's memory to one copy of the values
 * (8 MB, not 8 MB per breakdown and trend) and its pages are touched once.
 */
export function quantileValues(scope: RowScope, values: Float64Array, quantiles: readonly number[]): QuantileValues {
  const { rowCount, filter, groupIds, offsets, slotCount } = scope;
  const groupings = groupIds.length;
  const { used, skipped } = countPresent(scope, values);
  const buffer = new Float64Array(used[0]);
  const results = quantiles.map(() => new Float64Array(slotCount));
  const record = (slot: number, found: number[]) => {
    for (let i = 0; i < quantiles.length; i++) results[i][slot] = found[i];
  };

  // Group slot s of grouping g keeps its values from start[s] to start[s] + used[s].
  const start = new Int32Array(slotCount);
  let overallDone = false;
  for (let g = 0; g < groupings; g++) {
    let size = 0;
    for (let slot = offsets[g]; slot < slotEnd(scope, g); slot++) {
      start[slot] = size;
      size += used[slot];
    }
    const ids = groupIds[g];
    const offset = offsets[g];
    const cursor = start.slice();
    for (let row = 0; row < rowCount; row++) {
      if (filter !== null && filter[row] !== TRUE) continue;
      const value = values[row];
      if (value !== value) continue;
      const group = ids[row];
      if (group >= 0) buffer[cursor[offset + group]++] = value;
    }
    for (let slot = offsets[g]; slot < slotEnd(scope, g); slot++) {
      record(slot, quantilesOfRegion(buffer, start[slot], start[slot] + used[slot], quantiles));
    }
    // After its groups: selecting over the whole buffer mixes their regions.
    if (!overallDone && size === used[0]) {
      record(0, quantilesOfRegion(buffer, 0, used[0], quantiles));
      overallDone = true;
    }
  }
  if (!overallDone) {
    let at = 0;
    for (let row = 0; row < rowCount; row++) {
      if (filter !== null && filter[row] !== TRUE) continue;
      const value = values[row];
      if (value === value) buffer[at++] = value;
    }
    record(0, quantilesOfRegion(buffer, 0, used[0], quantiles));
  }
  return { used, skipped, byQuantile: new Map(quantiles.map((q, i) => [q, results[i]])) };
}

/** One past the last slot of grouping `g`. */
function slotEnd(scope: RowScope, g: number): number {
  return g + 1 < scope.offsets.length ? scope.offsets[g + 1] : scope.slotCount;
}

function countPresent(scope: RowScope, values: Float64Array): RowCounts {
  const { rowCount, filter, groupIds, offsets, slotCount } = scope;
  const groupings = groupIds.length;
  const used = new Int32Array(slotCount);
  const skipped = new Int32Array(slotCount);
  for (let row = 0; row < rowCount; row++) {
    if (filter !== null && filter[row] !== TRUE) continue;
    const value = values[row];
    const target = value !== value ? skipped : used;
    target[0]++;
    for (let g = 0; g < groupings; g++) {
      const group = groupIds[g][row];
      if (group >= 0) target[offsets[g] + group]++;
    }
  }
  return { used, skipped };
}
