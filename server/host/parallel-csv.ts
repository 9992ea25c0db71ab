/**
 * Reading a large CSV file on two threads (`kpi eval` on a big export).
 *
 * The main thread reads the file up to a line break near its middle while a
 * worker (csv-part-worker.ts) reads from there to the end; the main thread's
 * loader then absorbs the worker's rows, counts and problems.
 *
 * The split is a guess: a line break inside a quoted field looks like any
 * other. It holds only if the main thread's loader, having consumed every
 * byte before the split, stands at the start of a record; otherwise the
 * worker's result is dropped and the main thread reads the rest itself.
 * Failing to start the worker, or a worker that reports an error, also means
 * reading the rest here. So the table is always the one a single pass gives
 * (test/server/parallel-csv.test.ts compares them); only the time differs.
 *
 * The main thread waits for the worker with Atomics.wait and takes its
 * answer with receiveMessageOnPort, so loading stays synchronous like the
 * rest of the host. A worker takes ~30 ms to start, so `kpi eval` starts one
 * before it analyses the .kpi files (PartReaders.warmUp) and hands it the
 * first large file.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { DataLoader } from '../../grammar/eval/data/loader';
import type { ColumnSchema, LoadResult } from '../../grammar/eval/data/table';
import { CHUNK_SIZE, pushRange } from './file-chunks';
import { codeFolder } from './code-folder';

/**
 * node:worker_threads, loaded when a worker is first needed: most runs read no
 * file that large, and loading the module costs every `kpi` run about 1 ms.
 */
function workerThreads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/** What the worker is asked to read (the one message it receives). */
export interface PartRequest {
  file: string;
  /** Byte offset of the part: the start of a line. */
  start: number;
  end: number;
  /** The file's header names, as the main thread's loader read them. */
  header: string[];
  schema: ColumnSchema[];
  /** The columns to store (undefined: all). */
  columns?: string[];
  maxProblems?: number;
}

/** The worker's workerData: where requests come and answers go. */
export interface PartChannel {
  port: MessagePort;
  /** Set to 1 by the worker once it has answered. */
  done: Int32Array;
}

export type PartAnswer = { ok: true; result: LoadResult } | { ok: false; message: string };

/** The loader options the worker must share with the main thread's loader. */
export interface PartOptions {
  schema: readonly ColumnSchema[];
  columns?: ReadonlySet<string>;
  maxProblems?: number;
}

/** What loadCsvInTwo did: the loaded file, and whether the worker's rows were used (2) or not (1). */
export interface TwoThreadLoad {
  result: LoadResult;
  threads: 1 | 2;
}

/** How far past the middle to look for a line break. */
const SPLIT_WINDOW = 64 * 1024;
const WAIT_SLICE_MS = 1000;
/** A worker that has not answered by then is given up on (it cannot be heard dying while the main thread waits). */
const MAX_WAIT_MS = 10 * 60 * 1000;

/**
 * Loads the CSV file `file` of `size` bytes into `loader`, on two threads
 * when it can (`reader`, which this call uses up or closes), and finishes the
 * loader.
 */
export function loadCsvInTwo(
  file: string, size: number, loader: DataLoader, options: PartOptions, reader = PartReader.start(),
): TwoThreadLoad {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = new Uint8Array(CHUNK_SIZE);
    const head = Math.min(CHUNK_SIZE, size);
    pushRange(fd, 0, head, loader, buffer); // the header, and the rate of bytes per row
    const split = lineStartAfter(fd, Math.floor(size / 2), size);
    const header = loader.fileColumns();
    if (reader === undefined || split <= head || header.length === 0) {
      reader?.close();
      pushRange(fd, head, size, loader, buffer);
      return { result: loader.finish(), threads: 1 };
    }
    reader.read({
      file, start: split, end: size, header, schema: [...options.schema],
      columns: options.columns === undefined ? undefined : [...options.columns],
      maxProblems: options.maxProblems,
    });
    pushRange(fd, head, split, loader, buffer);
    let result: LoadResult | undefined;
    if (loader.atRecordStart()) {
      result = reader.result();
    } else {
      reader.close(); // the split fell inside a quoted field
    }
    if (result === undefined) {
      pushRange(fd, split, size, loader, buffer);
      return { result: loader.finish(), threads: 1 };
    }
    // The worker's first record was its line 2 (after the header line it was given).
    loader.absorb(result, loader.nextLine() - 2);
    return { result: loader.finish(), threads: 2 };
  } finally {
    fs.closeSync(fd);
  }
}

/** The offset just after the first line break at or after `at` (within SPLIT_WINDOW), or -1. */
function lineStartAfter(fd: number, at: number, size: number): number {
  const window = new Uint8Array(Math.min(SPLIT_WINDOW, size - at));
  const read = fs.readSync(fd, window, 0, window.length, at);
  const lineFeed = window.subarray(0, read).indexOf(0x0a);
  return lineFeed < 0 || at + lineFeed + 1 >= size ? -1 : at + lineFeed + 1;
}

/** A worker thread (csv-part-worker.ts) that reads one part of one file, then ends. */
export class PartReader {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly done: Int32Array,
  ) {}

  /** Starts the worker (it boots while the caller goes on), or undefined when it cannot be started. */
  static start(): PartReader | undefined {
    const workerFile = path.join(codeFolder(__dirname), 'csv-part-worker.js');
    if (!fs.existsSync(workerFile)) return undefined;
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const channel: PartChannel = { port: port2, done };
    let worker: Worker;
    try {
      worker = new Worker(workerFile, { workerData: channel, transferList: [port2] });
    } catch {
      port1.close();
      return undefined;
    }
    // Never keeps the process alive, and an error in it is an answer missing, not a crash here.
    worker.unref();
    worker.on('error', () => undefined);
    return new PartReader(worker, port1, done);
  }

  /** Sends the one request. */
  read(request: PartRequest): void {
    this.port.postMessage(request);
  }

  /** Waits for the answer to `read`: the part's result, or undefined when the worker failed. Ends the worker. */
  result(): LoadResult | undefined {
    for (let waited = 0; Atomics.load(this.done, 0) === 0 && waited < MAX_WAIT_MS; waited += WAIT_SLICE_MS) {
      Atomics.wait(this.done, 0, 0, WAIT_SLICE_MS);
    }
    const answer = workerThreads().receiveMessageOnPort(this.port)?.message as PartAnswer | undefined;
    this.close();
    return answer?.ok === true ? answer.result : undefined;
  }

  /** Ends the worker, whatever it is doing. */
  close(): void {
    this.port.close();
    this.worker.terminate().catch(() => undefined);
  }
}

/**
 * Part readers for the large files of one command: `warmUp` starts one
 * ahead of time, `take` hands it out (or a new one), `close` ends one never
 * taken.
 */
export class PartReaders {
  private spare: PartReader | undefined;

  warmUp(): void {
    this.spare ??= PartReader.start();
  }

  take(): PartReader | undefined {
    const reader = this.spare ?? PartReader.start();
    this.spare = undefined;
    return reader;
  }

  close(): void {
    this.spare?.close();
    this.spare = undefined;
  }
}
