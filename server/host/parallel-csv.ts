/**
 * Reading a large CSV file on two threads (`kpi eval` on a big export).
 *
 * The main thread reads the file from the start. Once the worker
 * (csv-part-worker.ts) is ready, the main thread splits what is left at a
 * line break a little past its middle (MAIN_SHARE): the worker reads from
 * there to the end while the main thread reads up to it, and the main
 * thread's loader then absorbs the worker's rows, counts and problems. A
 * worker takes ~30-80 ms to start (longer on a busy machine); splitting only
 * once it is ready gives both threads about the same share of what is left,
 * instead of the main thread reading half the file and then waiting for a
 * late worker.
 *
 * The split is a guess: a line break inside a quoted field looks like any
 * other. It holds only if the main thread's loader, having consumed every
 * byte before the split, stands at the start of a record; otherwise the
 * worker's result is dropped and the main thread reads the rest itself.
 * Failing to start the worker, a worker not ready before little is left, or
 * a worker that reports an error, also means reading the rest here. So the
 * table is always the one a single pass gives (test/cli/two-threads.test.ts
 * compares them); only the time differs.
 *
 * The main thread waits for the worker's answer with Atomics.wait and takes
 * it with receiveMessageOnPort, so loading stays synchronous like the rest of
 * the host. `kpi eval` starts the worker before it analyses the .kpi files
 * (PartReaders.warmUp) and hands it the first large file.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { DataLoader } from '../../grammar/eval/data/loader';
import type { ColumnSchema, LoadResult } from '../../grammar/eval/data/table';
import { CHUNK_SIZE, pushRange } from './file-chunks';
import { codeFolder } from './code-folder';
import { DONE, READY, type PartAnswer, type PartChannel, type PartRequest } from './part-channel';

/**
 * node:worker_threads, loaded when a worker is first needed: most runs read no
 * file that large, and loading the module costs every `kpi` run about 1 ms.
 */
function workerThreads(): typeof import('node:worker_threads') {
  return require('node:worker_threads') as typeof import('node:worker_threads');
}

/**
 * What loadCsvInTwo needs of a worker reading one part: PartReader, or a
 * stand-in in tests.
 */
export interface PartWorker {
  /** Whether the worker listens for its request (it has started). */
  ready(): boolean;
  /** Sends the one request. */
  read(request: PartRequest): void;
  /** Waits for the answer to `read`: the part's result, or undefined when the worker failed. Ends the worker. */
  result(): LoadResult | undefined;
  /** Ends the worker, whatever it is doing. */
  close(): void;
}

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
/**
 * The main thread's share of what is left when the worker is ready: a little
 * over half, since the worker then still compiles its code and the main
 * thread does not (1M rows: 0.54 ran ~10 ms faster than 0.5 or 0.6).
 */
export const MAIN_SHARE = 0.54;
/** Below this much left to read, a worker that is only now ready is not given a part. */
const MIN_SPLIT_REST = 2 * CHUNK_SIZE;
const WAIT_SLICE_MS = 1000;
/** A worker that has not answered by then is given up on (it cannot be heard dying while the main thread waits). */
const MAX_WAIT_MS = 10 * 60 * 1000;

/**
 * Loads the CSV file `file` of `size` bytes into `loader`, on two threads
 * when it can (`reader`, which this call uses up or closes), and finishes the
 * loader.
 */
export function loadCsvInTwo(
  file: string, size: number, loader: DataLoader, options: PartOptions, reader: PartWorker | undefined = PartReader.start(),
): TwoThreadLoad {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = new Uint8Array(CHUNK_SIZE);
    const alone = (from: number): TwoThreadLoad => {
      reader?.close();
      pushRange(fd, from, size, loader, buffer);
      return { result: loader.finish(), threads: 1 };
    };
    let position = Math.min(CHUNK_SIZE, size);
    pushRange(fd, 0, position, loader, buffer); // the header first
    const header = loader.fileColumns();
    if (reader === undefined || header.length === 0) return alone(position);
    // Read on alone, a chunk at a time, until the worker is ready; then split what is left.
    let split = -1;
    while (split < 0) {
      if (size - position < MIN_SPLIT_REST) return alone(position);
      if (reader.ready()) {
        split = lineStartAfter(fd, position + Math.floor((size - position) * MAIN_SHARE), size);
        if (split < 0) return alone(position);
      } else {
        pushRange(fd, position, position + CHUNK_SIZE, loader, buffer);
        position += CHUNK_SIZE;
      }
    }
    reader.read({
      file, start: split, end: size, header, schema: [...options.schema],
      columns: options.columns === undefined ? undefined : [...options.columns],
      maxProblems: options.maxProblems,
    });
    pushRange(fd, position, split, loader, buffer);
    if (!loader.atRecordStart()) return alone(split); // the split fell inside a quoted field
    const result = reader.result();
    if (result === undefined) return alone(split);
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
export class PartReader implements PartWorker {
  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flags: Int32Array,
  ) {}

  /** Starts the worker (it boots while the caller goes on), or undefined when it cannot be started. */
  static start(): PartReader | undefined {
    const workerFile = path.join(codeFolder(__dirname), 'csv-part-worker.js');
    if (!fs.existsSync(workerFile)) return undefined;
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const channel: PartChannel = { port: port2, flags };
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
    return new PartReader(worker, port1, flags);
  }

  ready(): boolean {
    return Atomics.load(this.flags, READY) === 1;
  }

  /** Waits until the worker is ready, or `timeoutMs` has passed: whether it is ready. */
  waitUntilReady(timeoutMs: number): boolean {
    Atomics.wait(this.flags, READY, 0, timeoutMs);
    return this.ready();
  }

  read(request: PartRequest): void {
    this.port.postMessage(request);
  }

  result(): LoadResult | undefined {
    for (let waited = 0; Atomics.load(this.flags, DONE) === 0 && waited < MAX_WAIT_MS; waited += WAIT_SLICE_MS) {
      Atomics.wait(this.flags, DONE, 0, WAIT_SLICE_MS);
    }
    const answer = workerThreads().receiveMessageOnPort(this.port)?.message as PartAnswer | undefined;
    this.close();
    return answer?.ok === true ? answer.result : undefined;
  }

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
