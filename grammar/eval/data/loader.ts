/**
 * Loading a data file into a Table: the entry point of the data layer.
 *
 * The host (CLI, language server) reads the file and pushes its bytes in
 * chunks of any size; nothing here touches the file system. The loader keeps
 * only the unfinished tail of the last chunk (one partial record), so memory
 * stays proportional to the stored columns, not to the file.
 */

import { CsvReader } from './csv-reader';
import type { FormatReader } from './format-reader';
import { JsonArrayReader, JsonLinesReader } from './json-reader';
import type { ColumnSchema, DataFormat, LoadOptions, LoadResult } from './table';
import { TableBuilder } from './table-builder';

export interface LoaderOptions extends LoadOptions {
  /** Check that key columns hold no value twice (a duplicate rejects the row). Default false. */
  checkKeys?: boolean;
  /**
   * The file's size in bytes, when the host knows it. After the first chunk
   * the loader estimates the row count from it and sizes the columns once,
   * instead of doubling them as rows arrive (less memory touched, no copies).
   */
  sizeHint?: number;
  /**
   * CSV: read plain records through the fast lane (plain-csv-lane.ts).
   * Default true; false reads every record the general way, which gives the
   * same table (tests compare the two).
   */
  fastLane?: boolean;
}

export interface DataLoader {
  /** Feeds the next bytes of the file. The loader copies what it keeps: the chunk may be reused. */
  push(chunk: Uint8Array): void;
  /** Ends the file and returns what was loaded. Call once. */
  finish(): LoadResult;
  /**
   * Bytes handed to the format reader so far, counting the re-reads of
   * unfinished records: a few times the file's size at most, whatever the
   * records and chunks.
   */
  bytesScanned(): number;
  /** Column names of the file so far (the CSV header once read). */
  fileColumns(): string[];
  /** Physical line where the next record starts. */
  nextLine(): number;
  /** True when every byte pushed so far is consumed: no unfinished record is held (the next byte starts a record). */
  atRecordStart(): boolean;
  /**
   * Takes the result of another loader (same format, schema and options,
   * keys not checked) that read the rest of this file from where this one
   * stands (`atRecordStart`): its rows, counts and problems join this
   * loader's as if it had read them. The part numbered its lines from 1 at
   * its own start plus `lineShift`. After `absorb` only `finish` is called.
   */
  absorb(part: LoadResult, lineShift: number): void;
}

const DEFAULT_MAX_PROBLEMS = 20;
/** Rows to read before estimating a file's row count from its size. */
const MIN_ROWS_FOR_ESTIMATE = 256;
const ESTIMATE_MARGIN = 1.03;
/** Bytes read before the estimate: a few hundred rows of a typical export. */
const ESTIMATE_SLICE = 32 * 1024;
const NO_BYTES = new Uint8Array(0);
const LF = 0x0a;
/**
 * The first line of a Git LFS pointer file, which a clone without `git lfs`
 * leaves in place of the data (spec: https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md).
 */
const LFS_POINTER_START = 'version https://git-lfs.github.com/spec/';
/** Pointer files are small; anything bigger is data that happens to start that way. */
const LFS_POINTER_MAX_BYTES = 1024;

export function createLoader(
  format: DataFormat, schema: readonly ColumnSchema[], options: LoaderOptions = {},
): DataLoader {
  const builder = new TableBuilder(schema, {
    columns: options.columns,
    maxProblems: options.maxProblems ?? DEFAULT_MAX_PROBLEMS,
    checkKeys: options.checkKeys ?? false,
  });
  const reader = createReader(format, schema, builder, options.fastLane ?? true);
  let scanned = 0;
  const read = (bytes: Uint8Array, final: boolean): number => {
    scanned += bytes.length;
    return reader.read(bytes, final);
  };
  let pending: Uint8Array = NO_BYTES;
  /**
   * An unfinished record is read again only once its bytes have doubled: a
   * record that runs on for megabytes (a stray quote opens a field that never
   * closes) then costs a few reads in all, not one per chunk (which made a
   * 70 MB file take 13 s). Chunks meanwhile go to `pending`, which grows
   * by doubling too.
   */
  let rereadAt = 0;
  let finished = false;
  let bytesPushed = 0;
  let reserved = false;
  /** The file's first bytes and its size so far, to tell a Git LFS pointer from data. */
  let head: Uint8Array = NO_BYTES;
  let bytesSeen = 0;

  /** Sizes the columns for the rows the whole file should hold, at the rate seen so far (plus a margin). */
  const reserveRows = (sizeHint: number): void => {
    const rows = builder.rowsSoFar;
    if (rows < MIN_ROWS_FOR_ESTIMATE && bytesPushed < sizeHint) return;
    reserved = true;
    if (rows > 0) builder.reserve((rows * sizeHint / bytesPushed) * ESTIMATE_MARGIN + MIN_ROWS_FOR_ESTIMATE);
  };

  /** Reads `bytes`, keeping an unfinished record for the next push. */
  const pushBytes = (bytes: Uint8Array): void => {
    bytesPushed += bytes.length;
    if (pending.length > 0 && pending.length + bytes.length < rereadAt) {
      pending = append(pending, bytes);
      return;
    }
    let rest = bytes;
    if (pending.length > 0) {
      // Finish the pending record with the chunk's first line only, rather than copying the whole chunk.
      const split = bytes.indexOf(LF) + 1 || bytes.length;
      const joined = concat(pending, bytes.subarray(0, split));
      const consumed = read(joined, false);
      rest = consumed === joined.length
        ? bytes.subarray(split)
        : concat(joined.subarray(consumed), bytes.subarray(split)); // the record goes on past that line
    }
    const consumed = read(rest, false);
    pending = consumed >= rest.length ? NO_BYTES : copyOf(rest, consumed);
    rereadAt = 2 * pending.length;
    if (!reserved && options.sizeHint !== undefined) reserveRows(options.sizeHint);
  };

  return {
    push(chunk: Uint8Array): void {
      if (finished) throw new Error('DataLoader.push called after finish');
      if (head.length < LFS_POINTER_START.length) head = concat(head, chunk.subarray(0, LFS_POINTER_START.length - head.length));
      bytesSeen += chunk.length;
      if (reader.fatal !== undefined || chunk.length === 0) return;
      // A plain Uint8Array view (a Node Buffer is a subclass): keeps the readers' byte loads monomorphic.
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (!reserved && options.sizeHint !== undefined && bytes.length > ESTIMATE_SLICE) {
        // Estimate the row count from the first rows, so the columns are sized before the
        // loops that fill them get hot (replacing the arrays later makes V8 redo that work).
        pushBytes(bytes.subarray(0, ESTIMATE_SLICE));
        pushBytes(bytes.subarray(ESTIMATE_SLICE));
      } else {
        pushBytes(bytes);
      }
    },
    finish(): LoadResult {
      if (finished) throw new Error('DataLoader.finish called twice');
      finished = true;
      if (reader.fatal === undefined) read(pending, true);
      pending = NO_BYTES;
      // A Git LFS pointer was read as if it were data; none of that reading means anything.
      const pointer = isLfsPointer(head, bytesSeen);
      const fatal = pointer ? LFS_POINTER_PROBLEM : reader.fatal;
      const built = fatal === undefined ? builder.finish() : builder.finishEmpty();
      return {
        table: built.table,
        rowsRead: built.rowsRead,
        rowsRejected: built.rowsRejected,
        problems: pointer ? [] : built.problems,
        missingColumns: fatal === undefined ? reader.missingColumns() : [],
        fileColumns: pointer ? [] : reader.fileColumns(),
        ...(fatal === undefined ? {} : { fatal: { ...fatal } }),
      };
    },
    bytesScanned: () => scanned,
    fileColumns: () => reader.fileColumns(),
    nextLine: () => reader.nextLine,
    atRecordStart: () => pending.length === 0 && reader.fatal === undefined,
    absorb(part: LoadResult, lineShift: number): void {
      if (finished) throw new Error('DataLoader.absorb called after finish');
      if (pending.length > 0) throw new Error('DataLoader.absorb: an unfinished record is pending');
      if (part.fatal !== undefined) throw new Error('DataLoader.absorb: the part could not be read');
      builder.absorb(part, lineShift);
    },
  };
}

/** Loads a whole file held in memory. */
export function loadTable(
  bytes: Uint8Array, format: DataFormat, schema: readonly ColumnSchema[], options: LoaderOptions = {},
): LoadResult {
  const loader = createLoader(format, schema, options);
  loader.push(bytes);
  return loader.finish();
}

function createReader(
  format: DataFormat, schema: readonly ColumnSchema[], builder: TableBuilder, fastLane: boolean,
): FormatReader {
  switch (format) {
    case 'csv': return new CsvReader(schema, builder, fastLane);
    case 'json': return new JsonArrayReader(schema, builder);
    case 'jsonl': return new JsonLinesReader(schema, builder);
  }
}

/** A copy of `bytes` from `start`: the caller may reuse its chunk after `push`. */
function copyOf(bytes: Uint8Array, start: number): Uint8Array {
  const copy = new Uint8Array(bytes.length - start);
  copy.set(bytes.subarray(start));
  return copy;
}

/**
 * `pending` followed by `bytes`, reusing the spare room of `pending`'s buffer
 * (a view from its start) and doubling it when there is too little.
 */
function append(pending: Uint8Array, bytes: Uint8Array): Uint8Array {
  const length = pending.length + bytes.length;
  let store = new Uint8Array(pending.buffer, pending.byteOffset, pending.buffer.byteLength - pending.byteOffset);
  if (store.length < length) {
    store = new Uint8Array(Math.max(length, 2 * store.length));
    store.set(pending);
  }
  store.set(bytes, pending.length);
  return store.subarray(0, length);
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

const LFS_POINTER_PROBLEM = {
  line: 1,
  message: 'this is a Git LFS pointer, not the data: fetch the file with `git lfs pull` (or check it in without LFS)',
};

/** True when a file of `size` bytes starting with `head` is a Git LFS pointer. */
function isLfsPointer(head: Uint8Array, size: number): boolean {
  if (size > LFS_POINTER_MAX_BYTES || head.length < LFS_POINTER_START.length) return false;
  for (let i = 0; i < LFS_POINTER_START.length; i++) {
    if (head[i] !== LFS_POINTER_START.charCodeAt(i)) return false;
  }
  return true;
}
