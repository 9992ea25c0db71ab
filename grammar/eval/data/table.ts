/**
 * The columnar table contract between data loading and evaluation.
 *
 * A loaded dataset is a set of typed columns of equal length. Missing values
 * (empty cell, JSON null, absent key) have one encoding per storage kind so the
 * evaluator's inner loops never allocate or branch on `undefined`:
 * - numeric columns (`number`, `int`, `date`, `datetime`): Float64Array, NaN =
 *   missing; dates and datetimes are epoch milliseconds (UTC).
 * - `bool`: Uint8Array, 0 = false, 1 = true, BOOL_MISSING = missing.
 * - `text`: Int32Array of dictionary codes, TEXT_MISSING = missing.
 * Rows rejected by the schema are not stored at all.
 */

export type ColumnType = 'text' | 'number' | 'int' | 'bool' | 'date' | 'datetime';

export const BOOL_MISSING = 2;
export const TEXT_MISSING = -1;

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly type: 'number' | 'int' | 'date' | 'datetime';
  readonly values: Float64Array;
}

export interface BoolColumn {
  readonly kind: 'bool';
  readonly type: 'bool';
  readonly values: Uint8Array;
}

export interface TextColumn {
  readonly kind: 'text';
  readonly type: 'text';
  readonly codes: Int32Array;
  /** Distinct values; `codes[i]` indexes into it. */
  readonly dictionary: readonly string[];
}

export type Column = NumericColumn | BoolColumn | TextColumn;

export interface Table {
  readonly rowCount: number;
  /** Columns by declared name; only the columns that were loaded. */
  readonly columns: ReadonlyMap<string, Column>;
}

/** What a dataset declares about one column: the loader validates against it. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  optional: boolean;
  key: boolean;
  /** Inclusive bounds for number/int. */
  range?: { min: number; max: number };
  /** Allowed values for text. */
  allowed?: readonly string[];
}

export type DataFormat = 'csv' | 'json' | 'jsonl';

/** One problem found in a data file: a rejected row, a bad header, a parse error. */
export interface DataProblem {
  /** 1-based physical line of the file where the row (or problem) starts. */
  line: number;
  /** The column concerned, if any. */
  column?: string;
  message: string;
}

export interface LoadResult {
  table: Table;
  /** Data rows read (accepted + rejected). */
  rowsRead: number;
  rowsRejected: number;
  /** The first problems found (at most `maxProblems`), in file order. */
  problems: DataProblem[];
  /** Declared columns that the file does not have (header / keys). */
  missingColumns: string[];
  /** Column names found in the file (CSV header or keys of the first objects), in file order. */
  fileColumns: string[];
  /** A problem that made the whole file unreadable (not valid JSON, empty file...). */
  fatal?: DataProblem;
}

export interface LoadOptions {
  /**
   * Only these columns are stored; undefined = all declared. Every declared
   * column is still checked, so row counts do not depend on the projection.
   */
  columns?: ReadonlySet<string>;
  /** How many problems to keep in `problems` (all are counted). Default 20. */
  maxProblems?: number;
}
