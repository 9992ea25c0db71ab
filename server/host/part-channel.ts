/**
 * What the main thread and the CSV part worker (parallel-csv.ts,
 * csv-part-worker.ts) say to each other: the one request, the one answer,
 * and the two flags the worker raises. Types and constants only, so the
 * worker's bundle takes nothing else of the main thread's side.
 */

import type { MessagePort } from 'node:worker_threads';
import type { ColumnSchema, LoadResult } from '../../grammar/eval/data/table';

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
  /** Flags the worker raises (sets to 1): READY once it listens for its request, DONE once it has answered. */
  flags: Int32Array;
}

/** The one answer: the part loaded, or why it could not be. */
export type PartAnswer = { ok: true; result: LoadResult } | { ok: false; message: string };

/** Indexes in PartChannel.flags. */
export const READY = 0;
export const DONE = 1;
