/**
 * Values derived from a table, computed once per table and key and kept as
 * long as the table lives (tables are immutable; a host keeps the same Table
 * while its file is unchanged). Groupings (groups.ts) and cell sets
 * (cells.ts) are kept this way.
 */

import type { Table } from './data/table';

export class TableMemo<T> {
  private readonly byTable = new WeakMap<Table, Map<string, T>>();

  /** The value for `key` on `table`, computed by `compute` the first time. */
  get(table: Table, key: string, compute: () => T): T {
    let byKey = this.byTable.get(table);
    if (byKey === undefined) {
      byKey = new Map();
      this.byTable.set(table, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined) {
      value = compute();
      byKey.set(key, value);
    }
    return value;
  }
}
