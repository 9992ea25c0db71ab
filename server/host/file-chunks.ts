/**
 * Feeding a byte range of a file to a loader in fixed-size chunks through one
 * reused buffer, so memory holds one chunk of the file at a time (the loader
 * copies the unfinished record it keeps).
 */

import * as fs from 'node:fs';

export const CHUNK_SIZE = 1024 * 1024;

export interface ChunkSink {
  push(chunk: Uint8Array): void;
}

/** Pushes bytes `[start, end)` of the open file `fd` to `sink`; `buffer` is reused (CHUNK_SIZE bytes by default). */
export function pushRange(fd: number, start: number, end: number, sink: ChunkSink, buffer = new Uint8Array(CHUNK_SIZE)): void {
  let position = start;
  while (position < end) {
    const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, end - position), position);
    if (read === 0) break; // the file shrank meanwhile: what is there is what there is
    sink.push(buffer.subarray(0, read));
    position += read;
  }
}

/** `pushRange` on a file by path. */
export function pushFileRange(file: string, start: number, end: number, sink: ChunkSink): void {
  const fd = fs.openSync(file, 'r');
  try {
    pushRange(fd, start, end, sink);
  } finally {
    fs.closeSync(fd);
  }
}
