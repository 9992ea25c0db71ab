/**
 * A FileTree whose data files read as their first `maxRows` records, cut
 * where the editor's live data is cut (server/host/row-limit.ts, setting
 * `kpi.evaluation.maxRows`): a delta compares the base and the working copy
 * on the same rows, so a large file does not show a change that is only the
 * row limit. `.kpi` files and anything that is not a data file pass through.
 */

import type { FileTree, TreeRead } from '../../host/file-tree';
import { formatOfPath } from '../../host/load-data';
import { RecordLimit } from '../../host/row-limit';

export class RowLimitedTree implements FileTree {
  constructor(private readonly tree: FileTree, private readonly maxRows: number) {}

  get label(): string {
    return this.tree.label;
  }

  files(): readonly string[] {
    return this.tree.files();
  }

  read(file: string): TreeRead {
    const read = this.tree.read(file);
    const format = formatOfPath(file);
    if (read.status !== 'ok' || format === undefined) return read;
    const limit = new RecordLimit(format, this.maxRows);
    const cut = limit.cutIn(read.bytes);
    if (cut === undefined) return read;
    const closing = limit.closing;
    const bytes = new Uint8Array(cut + closing.length);
    bytes.set(read.bytes.subarray(0, cut));
    bytes.set(closing, cut);
    return { status: 'ok', bytes };
  }
}
