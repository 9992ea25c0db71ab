/**
 * Finding `.kpi` files on disk: every `*.kpi` below a folder, the way `kpi
 * check FOLDER` and the language server's workspace-wide features (references,
 * rename, workspace symbols over files that are not open) see a project.
 * Skips `node_modules` and dot-folders, does not follow symbolic links to
 * folders, and never throws for an unreadable sub-folder.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The `.kpi` files at `target`: the file itself, or every `*.kpi` below the
 * folder (skipping `node_modules` and dot-folders, not following symlinked
 * folders), sorted, at most `limit` of them. A message when `target` cannot
 * be read.
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
  const walk = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      return; // An unreadable sub-folder holds nothing we can check.
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length >= limit) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (entry.name.endsWith('.kpi') && (entry.isFile() || isFileLink(full))) {
        found.push(full);
      }
    }
  };
  walk(target);
  return found;
}

function isFileLink(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
