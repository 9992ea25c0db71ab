/**
 * The type a data file's column most likely has, for the quick fix that
 * declares a column the file has and the dataset does not (KPI085).
 *
 * The file's first rows are read with the real loader, the column declared
 * under each candidate type in turn (int, number, bool, date, datetime); the
 * first type that accepts every sampled row, with at least one value, wins,
 * else `text`. So the declaration the fix writes is one the loader accepts on
 * those rows, whatever the format (CSV, JSON, JSON Lines). `optional` when a
 * sampled row has no value. Reads the file once per candidate (the head only).
 */

import type { DatasetBinding } from '../../grammar/program';
import type { Column, ColumnType } from '../../grammar/eval/data/table';
import { BOOL_MISSING, TEXT_MISSING } from '../../grammar/eval/data/table';
import { loadDataset } from './load-data';

export interface ColumnGuess {
  type: ColumnType;
  optional: boolean;
}

const CANDIDATES: readonly ColumnType[] = ['int', 'number', 'bool', 'date', 'datetime'];
/** Enough rows to see blanks and odd values, few enough to answer a code action at once. */
export const SAMPLE_ROWS = 200;

/** The guess for `column` of `binding`'s file; undefined when the file cannot be read. */
export function guessColumn(binding: DatasetBinding, column: string, root: string): ColumnGuess | undefined {
  let text: ColumnGuess | undefined;
  for (const type of [...CANDIDATES, 'text' as const]) {
    const probe: DatasetBinding = {
      ...binding,
      schema: [{ name: column, type, optional: true, key: false }],
      usedColumns: new Set([column]),
    };
    const data = loadDataset(probe, { mode: 'eval', root, maxRows: SAMPLE_ROWS });
    if (data.status !== 'loaded' || data.result.fatal !== undefined) return undefined;
    const { table, rowsRead, rowsRejected } = data.result;
    const stored = table.columns.get(column);
    if (stored === undefined || data.result.missingColumns.length > 0) return undefined;
    const present = presentValues(stored, table.rowCount);
    const guess = { type, optional: present < rowsRead };
    if (type === 'text') text = guess;
    else if (rowsRejected === 0 && present > 0) return guess;
  }
  return text;
}

function presentValues(column: Column, rowCount: number): number {
  let present = 0;
  for (let row = 0; row < rowCount; row++) {
    switch (column.kind) {
      case 'numeric':
        if (!Number.isNaN(column.values[row])) present++;
        break;
      case 'bool':
        if (column.values[row] !== BOOL_MISSING) present++;
        break;
      case 'text':
        if (column.codes[row] !== TEXT_MISSING) present++;
        break;
    }
  }
  return present;
}
