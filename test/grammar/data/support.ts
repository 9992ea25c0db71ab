/**
 * Helpers for the data loader tests: one-line column schemas, loading a text
 * fixture, reading stored columns back as plain values, and finding the
 * lines of rows marked with `‸` in a fixture (so no test counts lines by hand).
 */

import {
  BOOL_MISSING, TEXT_MISSING, createLoader, loadTable,
  type ColumnSchema, type DataFormat, type LoadResult, type LoaderOptions,
} from '../../../grammar/eval/data/index';
import { parseMarkers } from '../../support/markers';

export type Value = number | string | boolean | null;

/** `column('csat', 'int', { optional: true, range: { min: 1, max: 5 } })`. */
export function column(name: string, type: ColumnSchema['type'], extra: Partial<ColumnSchema> = {}): ColumnSchema {
  return { name, type, optional: false, key: false, ...extra };
}

export const optional = (name: string, type: ColumnSchema['type'], extra: Partial<ColumnSchema> = {}): ColumnSchema =>
  column(name, type, { ...extra, optional: true });

export function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export function load(
  text: string, schema: ColumnSchema[], options: LoaderOptions = {}, format: DataFormat = 'csv',
): LoadResult {
  return loadTable(bytesOf(text), format, schema, options);
}

/** A stored column's values: null for missing; numbers, strings and booleans as themselves. */
export function values(result: LoadResult, name: string): Value[] {
  const stored = result.table.columns.get(name);
  if (stored === undefined) throw new Error(`column ${name} is not stored`);
  switch (stored.kind) {
    case 'numeric':
      return Array.from(stored.values, (v) => (Number.isNaN(v) ? null : v));
    case 'bool':
      return Array.from(stored.values, (v) => (v === BOOL_MISSING ? null : v === 1));
    case 'text':
      return Array.from(stored.codes, (code) => (code === TEXT_MISSING ? null : stored.dictionary[code]));
  }
}

/**
 * Everything a load gives, for deep comparisons: counts, problems, columns
 * (stored values as plain values, NaN-free) and text dictionaries.
 */
export function loadSummary(result: LoadResult): unknown {
  return {
    rowsRead: result.rowsRead,
    rowsRejected: result.rowsRejected,
    problems: problemList(result),
    missingColumns: result.missingColumns,
    fileColumns: result.fileColumns,
    fatal: result.fatal,
    columns: [...result.table.columns.keys()].map((name) => [name, values(result, name)]),
    dictionaries: [...result.table.columns.values()].map((stored) => (stored.kind === 'text' ? stored.dictionary : null)),
  };
}

/** Loads `bytes` pushed to one loader in pieces cut at `cuts` (any order, out-of-range cuts clamp). */
export function loadInPieces(
  format: DataFormat, bytes: Uint8Array, schema: ColumnSchema[], cuts: number[], options: LoaderOptions = {},
): LoadResult {
  const loader = createLoader(format, schema, options);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    loader.push(bytes.slice(at, cut));
    at = cut;
  }
  loader.push(bytes.slice(at));
  return loader.finish();
}

/** Problems as `line: message`, the way a user reads them. */
export function problemList(result: LoadResult): string[] {
  return result.problems.map((problem) => `${problem.line}: ${problem.message}`);
}

/** The fixture without its `‸` markers, and the 1-based line of each marker. */
export function markedLines(marked: string): { text: string; lines: number[] } {
  const { text, cursors } = parseMarkers(marked);
  return { text, lines: cursors.map((offset) => lineAt(text, offset)) };
}

/** Physical line of an offset: LF, CRLF and a lone CR each end a line. */
export function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split(/\r\n|\r|\n/).length;
}

/** Epoch milliseconds of an ISO date-time (no zone = UTC). */
export function utc(iso: string): number {
  const zoned = /T/.test(iso) && !/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? `${iso}Z` : iso;
  return Date.parse(zoned);
}
