/**
 * Cells: the groupings of a pass crossed into one number per row, so a pass
 * counts each row once, in one small histogram, instead of once overall and
 * once more per breakdown and trend.
 *
 * A row's cell is its group in every grouping at once (channel "chat",
 * region "North", month "2025-03" is one cell); a row without a group in some
 * grouping (its value is missing, or its period was cut) has that grouping's
 * "none" digit. A kernel tallies cells, then `foldCells` adds each cell's
 * tally to the overall slot and to the slot of each of its groups: integer
 * tallies and minimums come out exactly as a per-grouping pass would give.
 *
 * Crossing multiplies group counts. Groupings are crossed while the product
 * stays within `cellLimit` cells; the next ones start another cell set (a
 * set may hold a single grouping of any size), and a pass covers each set in
 * turn. In the usual scorecard (a few breakdowns and a monthly trend) there
 * is one set. Cell sets depend only on the table and the groupings, so they
 * are computed once per table and list of dimensions and cached on the
 * table, like the groupings themselves.
 */

import type { Table } from './data/table';
import type { GroupIds, Grouping } from './groups';
import { TableMemo } from './table-memo';

/** The cell of each row: 16 bits while a set has at most 65,536 cells (half the memory to touch and read). */
export type CellIds = Uint16Array | Int32Array;

export interface CellSet {
  /** The cell of each row. */
  readonly ids: CellIds;
  /** Cells in the set: the product of (groups + 1) over its members. */
  readonly count: number;
  /** Rows per cell. */
  readonly sizes: Int32Array;
  /** The groupings crossed, as indexes into the list the set was made from. */
  readonly members: readonly number[];
  /**
   * groups[cell * members.length + m]: the cell's group in member m, -1 for
   * its "none" digit.
   */
  readonly groups: Int32Array;
}

/**
 * Upper bound on the cells of one set. Small tables get few cells (a fold
 * costs one step per cell and member, whatever the rows); large ones up to
 * 65,536, which keeps a tally of a few categories per cell in cache.
 */
export function cellLimit(rowCount: number): number {
  return Math.max(1024, Math.min(65_536, rowCount));
}

const cellSets = new TableMemo<readonly CellSet[]>();

/**
 * The cell sets of `groupings` over `table`; `key` names the list of
 * groupings (the same key, the same groupings in the same order).
 */
export function cellSetsOf(table: Table, key: string, groupings: readonly Grouping[]): readonly CellSet[] {
  return cellSets.get(table, key, () => crossGroupings(groupings, table.rowCount, cellLimit(table.rowCount)));
}

/** Crosses `groupings` in order into as few sets of at most `limit` cells as that order allows. */
export function crossGroupings(groupings: readonly Grouping[], rowCount: number, limit: number): CellSet[] {
  const sets: CellSet[] = [];
  let members: number[] = [];
  let count = 1;
  groupings.forEach((grouping, index) => {
    const radix = grouping.keys.length + 1;
    if (members.length > 0 && count * radix > limit) {
      sets.push(crossed(groupings, members, count, rowCount));
      members = [];
      count = 1;
    }
    members.push(index);
    count *= radix;
  });
  if (members.length > 0 || sets.length === 0) sets.push(crossed(groupings, members, count, rowCount));
  return sets;
}

/**
 * Cell = sum over members of digit * stride, the first member's digit
 * varying slowest; a member's digit is its group, or its group count for
 * "none". So the cells of one group of the first member are consecutive.
 */
function crossed(groupings: readonly Grouping[], members: readonly number[], count: number, rowCount: number): CellSet {
  const ids = count <= 65_536 ? new Uint16Array(rowCount) : new Int32Array(rowCount);
  // Per member, digit * stride by group + 1 (entry 0: "none", group -1).
  const parts: Int32Array[] = [];
  let stride = count;
  for (const member of members) {
    const groups = groupings[member].keys.length;
    stride /= groups + 1;
    const part = new Int32Array(groups + 1);
    part[0] = groups * stride;
    for (let group = 0; group < groups; group++) part[group + 1] = group * stride;
    parts.push(part);
  }
  // Three members per pass over the rows; a missing one adds nothing.
  for (let m = 0; m < members.length; m += 3) {
    const a = groupings[members[m]].ids;
    const [b, c] = [m + 1, m + 2].map((i) => (i < members.length ? groupings[members[i]].ids : a));
    const nothing = new Int32Array(parts[m].length);
    addDigits(ids, a, parts[m], b, parts[m + 1] ?? nothing, c, parts[m + 2] ?? nothing, rowCount);
  }
  const sizes = new Int32Array(count);
  countCells(ids, sizes, rowCount);
  const groups = new Int32Array(count * members.length);
  for (let cell = 0; cell < count; cell++) {
    let rest = cell;
    for (let m = members.length - 1; m >= 0; m--) {
      const radix = groupings[members[m]].keys.length + 1;
      const digit = rest % radix;
      rest = (rest - digit) / radix;
      groups[cell * members.length + m] = digit === radix - 1 ? -1 : digit;
    }
  }
  return { ids, count, sizes, members, groups };
}

function countCells(ids: CellIds, sizes: Int32Array, rowCount: number): void {
  for (let row = 0; row < rowCount; row++) sizes[ids[row]]++;
}

/** Adds three members' digits times their strides (`part[group + 1]`) to each row's cell. */
function addDigits(
  cells: CellIds,
  a: GroupIds,
  partA: Int32Array,
  b: GroupIds,
  partB: Int32Array,
  c: GroupIds,
  partC: Int32Array,
  rowCount: number,
): void {
  for (let row = 0; row < rowCount; row++) cells[row] += partA[a[row] + 1] + partB[b[row] + 1] + partC[c[row] + 1];
}

/**
 * Adds `tally[cell]` (for each cell of `set`) to `into`: to slot 0 when
 * `overall` (one set of a pass carries the overall total), and to the slot
 * of each group the cell belongs to; `offsets` are the first slots of the
 * groupings the set was made from.
 */
export function foldCells(
  set: CellSet,
  tally: ArrayLike<number>,
  into: Int32Array | Float64Array,
  offsets: readonly number[],
  overall: boolean,
): void {
  const width = set.members.length;
  const firsts = set.members.map((member) => offsets[member]);
  for (let cell = 0; cell < set.count; cell++) {
    const value = tally[cell];
    if (value === 0) continue;
    if (overall) into[0] += value;
    for (let m = 0; m < width; m++) {
      const group = set.groups[cell * width + m];
      if (group >= 0) into[firsts[m] + group] += value;
    }
  }
}

/** Like foldCells, keeping the smallest (`sign` 1) or largest (`sign` -1) value per slot. */
export function foldExtremes(
  set: CellSet,
  extremes: Float64Array,
  into: Float64Array,
  offsets: readonly number[],
  overall: boolean,
  sign: 1 | -1,
): void {
  const width = set.members.length;
  const firsts = set.members.map((member) => offsets[member]);
  const keep = (slot: number, value: number) => {
    if (sign * value < sign * into[slot]) into[slot] = value;
  };
  for (let cell = 0; cell < set.count; cell++) {
    const value = extremes[cell];
    if (value !== value) continue;
    if (overall) keep(0, value);
    for (let m = 0; m < width; m++) {
      const group = set.groups[cell * width + m];
      if (group >= 0) keep(firsts[m] + group, value);
    }
  }
}
