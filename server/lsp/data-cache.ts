/**
 * Loaded data for live results, kept across keystrokes: a data file is parsed
 * once per change on disk, never per edit of a `.kpi` file.
 *
 * An entry is keyed by what decides its content: the resolved file, the
 * dataset's declared schema and the row limit. Every declared column is
 * loaded and validated (the loader's `check` mode, as `kpi check` does), so
 * editing a KPI never changes the key; only editing the dataset block does.
 * It is dropped when the client reports the file changed
 * (`workspace/didChangeWatchedFiles`), and also when the file's size or
 * modification time differs from when it was read, so clients that do not
 * watch files still see fresh data. Each file keeps its few most recent
 * entries, so typing a column name letter by letter cannot pile up tables.
 *
 * Loading goes through the node host's loader (server/host/load-data.ts);
 * this module only decides when to call it.
 */

import * as fs from 'node:fs';
import type { DatasetBinding, DatasetData } from '../../grammar/program';
import { resolveDataPath } from '../host/data-path';
import { loadDataset } from '../host/load-data';

/** Loaded data plus whether the row limit cut the file short. */
export interface CachedDataset {
  data: DatasetData;
  /** True when only the first `maxRows` rows were read. */
  truncated: boolean;
}

interface Entry {
  key: string;
  stamp: string;
  loaded: CachedDataset;
}

const ENTRIES_PER_FILE = 4;

export class DataCache {
  private readonly byFile = new Map<string, Entry[]>();
  /** How many times a file was actually read: for tests and trace logs. */
  loads = 0;

  /** The data of one dataset, read from disk only when not cached. */
  get(binding: DatasetBinding, root: string, maxRows: number): CachedDataset {
    const located = resolveDataPath(binding.file, binding.source, root);
    const stamp = located.kind === 'ok' ? stampOf(located.path) : undefined;
    if (located.kind !== 'ok' || stamp === undefined) {
      // Missing or outside files are not cached: the loader answers at once.
      this.byFile.delete(located.path);
      return this.load(binding, root, maxRows);
    }
    const key = keyOf(binding, maxRows);
    const entries = (this.byFile.get(located.path) ?? []).filter((entry) => entry.stamp === stamp);
    const found = entries.find((entry) => entry.key === key);
    if (found) {
      // Most recently used last, so eviction drops the oldest.
      entries.splice(entries.indexOf(found), 1);
      entries.push(found);
      this.byFile.set(located.path, entries);
      return found.loaded;
    }
    const loaded = this.load(binding, root, maxRows);
    entries.push({ key, stamp, loaded });
    while (entries.length > ENTRIES_PER_FILE) entries.shift();
    this.byFile.set(located.path, entries);
    return loaded;
  }

  /** Forget a file's data (it changed on disk). Returns whether anything was cached. */
  invalidate(file: string): boolean {
    return this.byFile.delete(file);
  }

  clear(): void {
    this.byFile.clear();
  }

  private load(binding: DatasetBinding, root: string, maxRows: number): CachedDataset {
    this.loads++;
    const data = loadDataset(binding, { mode: 'check', root, maxRows });
    const truncated = data.status === 'loaded' && data.result.rowsRead >= maxRows;
    return { data, truncated };
  }
}

function keyOf(binding: DatasetBinding, maxRows: number): string {
  return JSON.stringify([binding.format, binding.schema, maxRows]);
}

function stampOf(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
}
