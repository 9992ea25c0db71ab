/**
 * The worker thread of parallel-csv.ts: waits for one request, reads that
 * part of a CSV file (csv-part.ts), posts the LoadResult back, its column
 * buffers transferred, not copied, and ends.
 *
 * It raises the READY flag once it listens for its request. Whatever happens
 * next, it answers and raises the DONE flag, so the main thread, blocked in
 * Atomics.wait, always wakes up.
 */

import { workerData } from 'node:worker_threads';
import type { LoadResult } from '../../grammar/eval/data/table';
import { readCsvPart } from './csv-part';
import { DONE, READY, type PartAnswer, type PartChannel, type PartRequest } from './part-channel';

const channel = workerData as PartChannel;

/** The distinct buffers behind the result's columns (views may share one). */
function buffersOf(result: LoadResult): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of result.table.columns.values()) {
    buffers.add((column.kind === 'text' ? column.codes : column.values).buffer as ArrayBuffer);
  }
  return [...buffers];
}

function answer(request: PartRequest): void {
  let reply: PartAnswer;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = readCsvPart(request);
    reply = { ok: true, result };
    transfer = buffersOf(result);
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  try {
    channel.port.postMessage(reply, transfer);
  } finally {
    channel.port.close();
    Atomics.store(channel.flags, DONE, 1);
    Atomics.notify(channel.flags, DONE);
  }
}

channel.port.once('message', (request: PartRequest) => answer(request));
// The main thread splits the file once this is up (it reads alone until then).
Atomics.store(channel.flags, READY, 1);
Atomics.notify(channel.flags, READY);
