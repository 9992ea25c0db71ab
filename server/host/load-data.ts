/**
 * Loads the data of every dataset a Program declares, for the CLI and the
 * language server.
 *
 * Each file is streamed in 1 MiB chunks into the core's loader, so memory
 * holds the typed columns, never the whole file text. Every failure becomes a
 * DatasetData status with a short message that adds to it (`permission
 * denied`; the core words the KPI080-086 diagnostic at the dataset's `from`);
 * nothing here throws for a bad path or an unreadable file.
 *
 * Modes: both validate every declared column of every row and store only
 * the columns the scorecard reads; `check` also checks `key` uniqueness. With
 * `maxRows` only the head of the file is read (see row-limit.ts).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DatasetBinding, DatasetData, Program } from '../../grammar/program';
import type { DataFormat, LoadResult } from '../../grammar/eval/data/table';
import { createLoader, type DataLoader } from '../../grammar/eval/data/index';
import { displayPathFor, resolveDataPath, resolveOverridePath, type DataPath } from './data-path';
import { CHUNK_SIZE } from './file-chunks';
import { describeFsError } from './fs-errors';
import { loadCsvInTwo, type PartReaders } from './parallel-csv';
import { RecordLimit } from './row-limit';

export interface LoadDataOptions {
  mode: 'eval' | 'check';
  /** The workspace root that `from` paths must stay inside. */
  root: string;
  /** `--data NAME=PATH`: dataset name -> path as typed (resolved against `cwd`). */
  overrides?: ReadonlyMap<string, string>;
  cwd?: string;
  /** Read only the first `maxRows` data rows (the editor's limit for large files); all when undefined. */
  maxRows?: number;
  /**
   * `eval` mode: a whole CSV file of at least `from` bytes is read on two
   * threads (parallel-csv.ts), the worker taken from `readers`; `read` hears
   * how many threads read it (one when the split fails). Undefined: always one.
   */
  twoThreads?: { from: number; readers: PartReaders; read?: (displayPath: string, threads: 1 | 2) => void };
}

export function loadProgramData(program: Program, options: LoadDataOptions): Map<string, DatasetData> {
  const data = new Map<string, DatasetData>();
  for (const binding of program.datasets) {
    if (data.has(binding.name)) continue;
    data.set(binding.name, loadDataset(binding, options));
  }
  return data;
}

export function loadDataset(binding: DatasetBinding, options: LoadDataOptions): DatasetData {
  const cwd = options.cwd ?? process.cwd();
  const override = options.overrides?.get(binding.name);
  const written = override ?? binding.source;
  const located: DataPath = override !== undefined
    ? resolveOverridePath(override, cwd)
    : resolveDataPath(binding.file, binding.source, options.root);
  const displayPath = displayPathFor(located.path, options.root, written);
  if (located.kind !== 'ok') return { status: located.kind, displayPath, message: located.message };

  const format = override !== undefined ? formatOfPath(located.path) ?? binding.format : binding.format;
  if (format === undefined) {
    const extension = path.extname(located.path) || '(none)';
    return {
      status: 'unsupported',
      displayPath,
      message: `unsupported file type ${extension}: use .csv, .json, .jsonl or .ndjson`,
    };
  }
  try {
    const limit = options.maxRows === undefined ? undefined : new RecordLimit(format, options.maxRows);
    // Whole files only: the size tells the loader how many rows to make room for (a head read would over-reserve).
    const sizeHint = limit === undefined ? fs.statSync(located.path).size : undefined;
    const loader = loaderFor(binding, format, options.mode, sizeHint);
    const twoThreads = options.twoThreads;
    if (options.mode === 'eval' && format === 'csv' && sizeHint !== undefined && twoThreads !== undefined && sizeHint >= twoThreads.from) {
      const split = { schema: binding.schema, columns: binding.usedColumns };
      const { result, threads } = loadCsvInTwo(located.path, sizeHint, loader, split, twoThreads.readers.take());
      twoThreads.read?.(displayPath, threads);
      return { status: 'loaded', displayPath, result };
    }
    return { status: 'loaded', displayPath, result: streamFile(located.path, loader, limit) };
  } catch (error) {
    const failure = describeFsError(error);
    if (failure === undefined) throw error;
    return { status: failure.status, displayPath, message: failure.reason };
  }
}

/**
 * The loader for `binding`: `eval` stores only the columns used; `check` also checks keys.
 * `sizeHint`: the file's size in bytes when all of it will be read, so the columns are sized once.
 */
export function loaderFor(
  binding: DatasetBinding, format: DataFormat, mode: LoadDataOptions['mode'], sizeHint?: number,
): DataLoader {
  // Both modes validate every declared column; only the columns evaluation reads are
  // stored (a text key of a million rows would otherwise become a million strings).
  const loaderOptions = mode === 'check' ? { checkKeys: true, columns: binding.usedColumns } : { columns: binding.usedColumns };
  return createLoader(format, binding.schema, { ...loaderOptions, sizeHint });
}

/**
 * Feeds a file already in memory (a data file at a git revision, `kpi diff`)
 * to `loader` in CHUNK_SIZE pieces, as `streamFile` does from disk.
 */
export function loadBytes(bytes: Uint8Array, loader: Loader): LoadResult {
  for (let start = 0; start < bytes.length; start += CHUNK_SIZE) {
    loader.push(bytes.subarray(start, Math.min(bytes.length, start + CHUNK_SIZE)));
  }
  return loader.finish();
}

/** The data format a path's extension names, or undefined. */
export function formatOfPath(file: string): DataFormat | undefined {
  switch (path.extname(file).toLowerCase()) {
    case '.csv': return 'csv';
    case '.json': return 'json';
    case '.jsonl':
    case '.ndjson': return 'jsonl';
    default: return undefined;
  }
}

export interface Loader {
  push(chunk: Uint8Array): void;
  finish(): LoadResult;
}

/** Feeds `file` to `loader` in CHUNK_SIZE pieces, stopping at `limit` when given. */
function streamFile(file: string, loader: Loader, limit: RecordLimit | undefined): LoadResult {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = new Uint8Array(CHUNK_SIZE);
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, CHUNK_SIZE, null);
      if (read === 0) break;
      const cut = limit?.cutIn(buffer.subarray(0, read));
      // The loader copies what it keeps of a chunk (a partial record), so the buffer is reused as it is.
      loader.push(buffer.subarray(0, cut ?? read));
      if (cut !== undefined && limit) {
        loader.push(limit.closing);
        break;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return loader.finish();
}
