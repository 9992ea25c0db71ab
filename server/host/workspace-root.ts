/**
 * The workspace root: the folder that data paths written in `.kpi` files must
 * stay inside. `--root DIR` when given; otherwise the nearest ancestor of the
 * entry file that holds a `.git` (a folder, or a file in worktrees and
 * submodules); otherwise the entry file's own folder.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

export function findWorkspaceRoot(entryFile: string, explicitRoot?: string): string {
  if (explicitRoot !== undefined) return path.resolve(explicitRoot);
  const start = path.dirname(path.resolve(entryFile));
  return enclosingRepository(start) ?? start;
}

/** The nearest folder at or above `folder` that holds a `.git`; undefined when there is none. */
export function enclosingRepository(folder: string): string | undefined {
  for (let current = path.resolve(folder); ; ) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
