/**
 * Walking a project folder the way kpi-lang sees a project: every file below
 * it, skipping `node_modules` and dot-folders (`.git`, `.vscode-test`...),
 * not following symbolic links to folders, and never throwing for an
 * unreadable sub-folder (it holds nothing to read). `kpi check FOLDER`, the
 * folder side of `kpi diff`, and the language server's workspace-wide
 * features (references, rename, workspace symbols over files that are not
 * open) all list files through here.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Calls `visit` for every entry below `root` that is not a folder, folder by
 * folder in name order, with its full path and its `/`-separated path
 * relative to `root`; stops as soon as `visit` returns false.
 */
export function walkProject(root: string, visit: (entry: fs.Dirent, full: string, relative: string) => boolean): void {
  let going = true;
  const walk = (folder: string, prefix: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (!going) return;
      const full = path.join(folder, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full, relative);
      } else {
        going = visit(entry, full, relative);
      }
    }
  };
  walk(root, '');
}

/**
 * The `.kpi` files at `target`: the file itself, or every `*.kpi` below the
 * folder (a symbolic link to a file counts), in path order, at most `limit`
 * of them. A message when `target` cannot be read.
 */
export function findKpiFiles(target: string, given: string, limit = Infinity): string[] | string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return `cannot read ${given}: no such file or folder`;
  }
  if (!stat.isDirectory()) return [target];
  const found: string[] = [];
  if (limit <= 0) return found;
  walkProject(target, (entry, full) => {
    if (entry.name.endsWith('.kpi') && (entry.isFile() || isFile(full))) found.push(full);
    return found.length < limit;
  });
  return found;
}

/** Whether `file` is a file, following a symbolic link; false when it cannot be read. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
