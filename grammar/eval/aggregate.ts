/**
 * Aggregation kernels: one pass over a table's rows that fills the overall
 * accumulator and every group's accumulator at once.
 *
 * Accumulators live in "slots": slot 0 is the whole table (in the filter's
 * scope); each grouping (a breakdown column, a trend) owns a consecutive run
 * of slots, one per group. Counting kernels tally each row once, in the cell
 * of its groups (cells.ts), and fold the cells into slots at the end; sums
 * add each row to slot 0 and to its group's slot in row order, so every
 * slot's total is the same left-to-right sum a query per slot would give.
 *
 * Counting rules (docs/language.md, Semantics): only rows whose filter is
 * true are in scope; in scope, a row with a value is "used", a row whose
 * value is missing (or whose condition is unknown) is "skipped". The kernels
 * take materialised typed arrays (see row-expr.ts) and never allocate per row.
 */

import type { GroupIds, Grouping } from './groups';
import { foldCells, foldExtremes, type CellSet } from './cells';
import type { ColumnComparison } from './row-expr';
import { groupQuantiles, type Layer, type QuantileScratch } from './quantile-buckets';

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
  /** The groupings crossed into cells (cells.ts); the first set carries the overall totals. */
  readonly cellSets: readonly CellSet[];
}

export function rowScope(
  rowCount: number,
  filter: Uint8Array | null,
  groupings: readonly Grouping[],
  cellSets: readonly CellSet[],
): RowScope {
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
    cellSets,
  };
}

/** Rows in scope that were used and skipped, per slot. */
export interface RowCounts {
  used: Int32Array;
  skipped: Int32Array;
}

/**
 * Per-cell tallies of `categories` categories of rows, one cell set at a
 * time: `tally(set)` counts rows in scope into `[category * set.count + cell]`
 * and the tallies are folded into one array of slots per category. The
 * kernels below write their own row loops, so each stays monomorphic.
 */
function foldTallies(scope: RowScope, categories: number, tally: (set: CellSet, index: number) => Int32Array): Int32Array[] {
  const into = Array.from({ length: categories }, () => new Int32Array(scope.slotCount));
  scope.cellSets.forEach((set, index) => {
    const cells = set.count;
    const counts = tally(set, index);
    for (let c = 0; c < categories; c++) {
      foldCells(set, counts.subarray(c * cells, (c + 1) * cells), into[c], scope.offsets, index === 0);
    }
  });
  return into;
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
  const { rowCount, filter, offsets, slotCount } = scope;
  if (filter === null && truth === null) {
    // Every row is in scope and true: the group sizes are the counts, no pass needed.
    const trues = new Int32Array(slotCount);
    trues[0] = rowCount;
    scope.groupSizes.forEach((sizes, g) => trues.set(sizes, offsets[g]));
    return { trues, falses: new Int32Array(slotCount), unknowns: new Int32Array(slotCount) };
  }
  const [falses, trues, unknowns] = foldTallies(scope, 3, (set) => tallyTruth(set, filter, truth, rowCount));
  return { trues, falses, unknowns };
}

/** countTruth of a column comparison, tested row by row rather than read from a filled array. */
export function countComparison(scope: RowScope, comparison: ColumnComparison): TruthCounts {
  const { rowCount, filter } = scope;
  const { column, threshold, truthAt } = comparison;
  const [falses, trues, unknowns] = foldTallies(scope, 3, (set) => {
    const cells = set.count;
    const ids = set.ids;
    const tally = new Int32Array(3 * cells);
    for (let row = 0; row < rowCount; row++) {
      if (filter !== null && filter[row] !== TRUE) continue;
      const a = column[row];
      tally[truthAt[+(a > threshold) + +(a >= threshold) + 3 * +(a !== a)] * cells + ids[row]]++;
    }
    return tally;
  });
  return { trues, falses, unknowns };
}

/** Rows in scope per truth (0 false, 1 true, 2 unknown) and cell; `truth` null: all true. */
function tallyTruth(set: CellSet, filter: Uint8Array | null, truth: Uint8Array | null, rowCount: number): Int32Array {
  const cells = set.count;
  const ids = set.ids;
  const tally = new Int32Array(3 * cells);
  if (truth === null) {
    for (let row = 0; row < rowCount; row++) if (filter === null || filter[row] === TRUE) tally[cells + ids[row]]++;
  } else if (filter === null) {
    for (let row = 0; row < rowCount; row++) tally[truth[row] * cells + ids[row]]++;
  } else {
    for (let row = 0; row < rowCount; row++) if (filter[row] === TRUE) tally[truth[row] * cells + ids[row]]++;
  }
  return tally;
}

/** Count, sum, min and max of present values per slot. */
export interface Moments extends RowCounts {
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/**
 * One pass per cell set: present and missing rows and the extremes per cell
 * (folded into slots), and the sums. A sum adds each value to the slot of
 * each of the row's groups as the row comes, so every slot's total is the
 * left-to-right sum over its rows, the same number a query per slot gives.
 */
export function moments(scope: RowScope, values: Float64Array): Moments {
  const { rowCount, filter, offsets, slotCount } = scope;
  const min = new Float64Array(slotCount).fill(Infinity);
  const max = new Float64Array(slotCount).fill(-Infinity);
  // One more slot: where the sums of rows without a group go, unread.
  const sums = new Float64Array(slotCount + 1);
  const [skipped, used] = foldTallies(scope, 2, (set, index) => {
    const cells = set.count;
    const ids = set.ids;
    const width = set.members.length;
    const slots = Int32Array.from(set.groups, (group, i) => (group < 0 ? slotCount : offsets[set.members[i % width]] + group));
    const tally = new Int32Array(2 * cells);
    const low = new Float64Array(cells).fill(Infinity);
    const high = new Float64Array(cells).fill(-Infinity);
    let total = 0;
    for (let row = 0; row < rowCount; row++) {
      if (filter !== null && filter[row] !== TRUE) continue;
      const value = values[row];
      const cell = ids[row];
      if (value !== value) {
        tally[cell]++;
        continue;
      }
      tally[cells + cell]++;
      if (value < low[cell]) low[cell] = value;
      if (value > high[cell]) high[cell] = value;
      total += value;
      for (let m = 0, at = cell * width; m < width; m++, at++) sums[slots[at]] += value;
    }
    if (index === 0) sums[0] = total;
    foldExtremes(set, low, min, offsets, index === 0, 1);
    foldExtremes(set, high, max, offsets, index === 0, -1);
    return tally;
  });
  return { used, skipped, sum: sums.subarray(0, slotCount), min, max };
}

/** Promoters (9..10) and detractors (0..6) among present answers, per slot. */
export interface NpsCounts extends RowCounts {
  promoters: Int32Array;
  detractors: Int32Array;
}

/** Categories of an answer: missing (0), passive or out of range (1), promoter (2), detractor (3). */
const PASSIVE = 1;

export function npsCounts(scope: RowScope, values: Float64Array): NpsCounts {
  const { rowCount, filter } = scope;
  const [skipped, passives, promoters, detractors] = foldTallies(scope, 4, (set) => {
    const cells = set.count;
    const ids = set.ids;
    const tally = new Int32Array(4 * cells);
    for (let row = 0; row < rowCount; row++) {
      if (filter !== null && filter[row] !== TRUE) continue;
      const value = values[row];
      // Branch-free (see row-expr.ts fillComparison): PASSIVE + 1 for a
      // promoter, + 2 for a detractor; SKIPPED when missing (every comparison false).
      const category =
        (PASSIVE + +(value >= 9) * +(value <= 10) + 2 * +(value >= 0) * +(value <= 6)) * +(value === value);
      tally[category * cells + ids[row]]++;
    }
    return tally;
  });
  const used = Int32Array.from(passives, (passive, slot) => passive + promoters[slot] + detractors[slot]);
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
 * Each cell set's present values are laid out once, cell after cell, in a
 * buffer (one pass over the rows: a counting sort by cell, with the rows per
 * cell known from the cell set). A group's values are then the regions of
 * its cells, and the overall values the whole buffer; quantile-buckets.ts
 * finds the quantiles of every group of every grouping from there, without
 * moving them.
 *
 * The buffer (one value per row) and the ones quantile-buckets.ts works in
 * are kept from one pass to the next and only grow: a million rows fill
 * 8 MB, and touching that much fresh memory on every pass costs more than
 * the quantiles themselves.
 */
export function quantileValues(scope: RowScope, values: Float64Array, quantiles: readonly number[]): QuantileValues {
  const { rowCount, filter, offsets, slotCount, cellSets } = scope;
  const used = new Int32Array(slotCount);
  const skipped = new Int32Array(slotCount);
  const results = quantiles.map(() => new Float64Array(slotCount).fill(NaN));
  cellSets.forEach((set, index) => {
    const cells = set.count;
    const ids = set.ids;
    const width = set.members.length;
    // Each cell gets room for all its rows, from room[cell], and its present
    // values in scope are copied there in one pass; the cells are then
    // packed together (cell c from start[c]) by moving each left.
    const room = new Int32Array(cells + 1);
    for (let cell = 0; cell < cells; cell++) room[cell + 1] = room[cell] + set.sizes[cell];
    const buffer = scratch(rowCount);
    const cursor = room.slice(0, cells);
    // Rows in scope per cell: every row, unless there is a filter.
    const inScope = filter === null ? set.sizes : new Int32Array(cells);
    if (filter === null) {
      for (let row = 0; row < rowCount; row++) {
        const value = values[row];
        if (value === value) buffer[cursor[ids[row]]++] = value;
      }
    } else {
      for (let row = 0; row < rowCount; row++) {
        if (filter[row] !== TRUE) continue;
        const cell = ids[row];
        inScope[cell]++;
        const value = values[row];
        if (value === value) buffer[cursor[cell]++] = value;
      }
    }
    const present = Int32Array.from(cursor, (end, cell) => end - room[cell]);
    foldCells(set, present, used, offsets, index === 0);
    foldCells(set, Int32Array.from(present, (count, cell) => inScope[cell] - count), skipped, offsets, index === 0);
    const start = new Int32Array(cells + 1);
    for (let cell = 0; cell < cells; cell++) {
      start[cell + 1] = start[cell] + present[cell];
      if (start[cell] < room[cell]) buffer.copyWithin(start[cell], room[cell], cursor[cell]);
    }

    // Layers: the whole table (the first set only), then each member grouping.
    const layers: Layer[] = set.members.map((member, m) => ({
      groupOfCell: Int32Array.from({ length: cells }, (_, cell) => set.groups[cell * width + m]),
      groups: scope.groupSizes[member].length,
    }));
    const firsts = set.members.map((member) => offsets[member]);
    if (index === 0) {
      layers.unshift({ groupOfCell: new Int32Array(cells), groups: 1 });
      firsts.unshift(0);
    }
    const found = groupQuantiles(buffer, start, layers, quantiles, QUANTILE_SCRATCH);
    layers.forEach((layer, l) => {
      for (let group = 0; group < layer.groups; group++) {
        for (let i = 0; i < quantiles.length; i++) results[i][firsts[l] + group] = found[l][group * quantiles.length + i];
      }
    });
  });
  return { used, skipped, byQuantile: new Map(quantiles.map((q, i) => [q, results[i]])) };
}

/** Buffers kept from one quantile pass to the next (see quantileValues); they only grow. */
let valueBuffer = new Float64Array(0);
let candidateBuffer = new Float64Array(0);
let bucketBuffer = new Uint16Array(0);

/** The value buffer, with room for at least `size` values (its contents are left over). */
function scratch(size: number): Float64Array {
  if (valueBuffer.length < size) valueBuffer = new Float64Array(size);
  return valueBuffer;
}

const QUANTILE_SCRATCH: QuantileScratch = {
  values(size) {
    if (candidateBuffer.length < size) candidateBuffer = new Float64Array(size);
    return candidateBuffer;
  },
  buckets(size) {
    if (bucketBuffer.length < size) bucketBuffer = new Uint16Array(size);
    return bucketBuffer;
  },
};
