/**
 * Builds evaluator input tables from plain JavaScript arrays, so tests state
 * their data as values: `null` is a missing value; text, bool and numbers are
 * written as themselves; date and datetime columns take ISO strings
 * (`2025-03-14`, `2025-03-14T09:00:00`, read as UTC).
 */

import {
  BOOL_MISSING, TEXT_MISSING, type Column, type ColumnType, type Table,
} from '../../../../grammar/eval/data/table';

export type CellValue = number | string | boolean | null;

export interface ColumnData {
  type: ColumnType;
  values: readonly CellValue[];
}

/** `table({ channel: text('chat', null), csat: int(5, null) })`: all columns the same length. */
export function table(columns: Record<string, ColumnData>): Table {
  const lengths = new Set(Object.values(columns).map((c) => c.values.length));
  if (lengths.size > 1) throw new Error(`columns differ in length: ${[...lengths].join(', ')}`);
  const rowCount = lengths.size === 0 ? 0 : [...lengths][0];
  const stored = new Map<string, Column>();
  for (const [name, data] of Object.entries(columns)) stored.set(name, column(name, data));
  return { rowCount, columns: stored };
}

export const text = (...values: Array<string | null>): ColumnData => ({ type: 'text', values });
export const num = (...values: Array<number | null>): ColumnData => ({ type: 'number', values });
export const int = (...values: Array<number | null>): ColumnData => ({ type: 'int', values });
export const bool = (...values: Array<boolean | null>): ColumnData => ({ type: 'bool', values });
export const date = (...values: Array<string | null>): ColumnData => ({ type: 'date', values });
export const datetime = (...values: Array<string | null>): ColumnData => ({ type: 'datetime', values });

/** Epoch milliseconds of an ISO date or datetime; no zone means UTC. */
export function utc(iso: string): number {
  const zoned = /T/.test(iso) && !/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? `${iso}Z` : iso;
  const ms = Date.parse(zoned);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date: ${iso}`);
  return ms;
}

function column(name: string, data: ColumnData): Column {
  const { type, values } = data;
  const wrong = (value: CellValue) => new Error(`column ${name} (${type}): unexpected value ${JSON.stringify(value)}`);
  switch (type) {
    case 'text': {
      const dictionary: string[] = [];
      const codeOf = new Map<string, number>();
      const codes = Int32Array.from(values, (value) => {
        if (value === null) return TEXT_MISSING;
        if (typeof value !== 'string') throw wrong(value);
        let code = codeOf.get(value);
        if (code === undefined) {
          code = dictionary.push(value) - 1;
          codeOf.set(value, code);
        }
        return code;
      });
      return { kind: 'text', type, codes, dictionary };
    }
    case 'bool':
      return {
        kind: 'bool',
        type,
        values: Uint8Array.from(values, (value) => {
          if (value === null) return BOOL_MISSING;
          if (typeof value !== 'boolean') throw wrong(value);
          return value ? 1 : 0;
        }),
      };
    case 'date':
    case 'datetime':
      return {
        kind: 'numeric',
        type,
        values: Float64Array.from(values, (value) => {
          if (value === null) return NaN;
          if (typeof value !== 'string') throw wrong(value);
          return utc(value);
        }),
      };
    case 'number':
    case 'int':
      return {
        kind: 'numeric',
        type,
        values: Float64Array.from(values, (value) => {
          if (value === null) return NaN;
          if (typeof value !== 'number') throw wrong(value);
          return value;
        }),
      };
  }
}
