/**
 * A deliberately small CSV reader for the oracle tests: it turns a
 * machine-written CSV (header row, RFC 4180 quoting, LF or CRLF) into an
 * evaluator Table, so the evaluator can be checked against DuckDB without the
 * project's own data loader. Empty cells are missing values.
 */

import {
  BOOL_MISSING, TEXT_MISSING, type Column, type ColumnType, type Table,
} from '../../../grammar/eval/data/table';

export interface CsvColumn {
  name: string;
  type: ColumnType;
}

/** Rows of fields; quoted fields may hold commas, quotes (`""`) and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function tableFromCsv(text: string, schema: readonly CsvColumn[]): Table {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  const columns = new Map<string, Column>();
  for (const { name, type } of schema) {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`CSV has no column ${name}`);
    columns.set(name, column(rows.map((r) => r[at] ?? ''), type, name));
  }
  return { rowCount: rows.length, columns };
}

function column(cells: string[], type: ColumnType, name: string): Column {
  switch (type) {
    case 'text': {
      const dictionary: string[] = [];
      const codeOf = new Map<string, number>();
      const codes = Int32Array.from(cells, (cell) => {
        if (cell === '') return TEXT_MISSING;
        let code = codeOf.get(cell);
        if (code === undefined) {
          code = dictionary.push(cell) - 1;
          codeOf.set(cell, code);
        }
        return code;
      });
      return { kind: 'text', type, codes, dictionary };
    }
    case 'bool':
      return {
        kind: 'bool',
        type,
        values: Uint8Array.from(cells, (cell) => {
          if (cell === '') return BOOL_MISSING;
          if (cell === 'true') return 1;
          if (cell === 'false') return 0;
          throw new Error(`column ${name}: not a bool: ${cell}`);
        }),
      };
    case 'date':
    case 'datetime':
      return {
        kind: 'numeric',
        type,
        values: Float64Array.from(cells, (cell) => {
          if (cell === '') return NaN;
          const ms = Date.parse(/T/.test(cell) && !/(Z|[+-]\d\d:?\d\d)$/.test(cell) ? `${cell}Z` : cell);
          if (Number.isNaN(ms)) throw new Error(`column ${name}: not a date: ${cell}`);
          return ms;
        }),
      };
    case 'number':
    case 'int':
      return {
        kind: 'numeric',
        type,
        values: Float64Array.from(cells, (cell) => {
          if (cell === '') return NaN;
          const value = Number(cell);
          if (Number.isNaN(value)) throw new Error(`column ${name}: not a number: ${cell}`);
          return value;
        }),
      };
  }
}
