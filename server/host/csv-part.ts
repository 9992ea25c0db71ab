/**
 * Reading one part of a CSV file, as the part worker (csv-part-worker.ts)
 * does for parallel-csv.ts: from a record start to the end of the part, with
 * the file's header given first as a line of its own, so fields map to
 * columns exactly as in the main thread's loader. The part's lines are
 * therefore numbered from 2 at its start; the main thread moves them.
 */

import { createLoader, csvHeaderLine } from '../../grammar/eval/data/index';
import type { LoadResult } from '../../grammar/eval/data/table';
import { pushFileRange } from './file-chunks';
import type { PartRequest } from './part-channel';

export function readCsvPart(request: PartRequest): LoadResult {
  const loader = createLoader('csv', request.schema, {
    columns: request.columns === undefined ? undefined : new Set(request.columns),
    maxProblems: request.maxProblems,
    sizeHint: request.end - request.start,
  });
  loader.push(new TextEncoder().encode(csvHeaderLine(request.header)));
  pushFileRange(request.file, request.start, request.end, loader);
  return loader.finish();
}
