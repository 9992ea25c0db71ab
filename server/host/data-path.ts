/**
 * Where a dataset's file is, and whether the CLI may read it.
 *
 * A `from "..."` path is written in a `.kpi` file, which may come from a pull
 * request: it resolves against that file's folder and must stay inside the
 * workspace root, both as written (no `..` escape, no absolute path elsewhere)
 * and once symlinks are followed (the real path of the file, or of its
 * deepest existing ancestor when the file does not exist, must be inside the
 * real path of the root). A `--data NAME=PATH` override is typed by the user
 * running the command: it resolves against the current folder and may be
 * anywhere.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

/** `message` adds to what the status says (the core words the diagnostic); it may be empty. */
export type DataPath =
  | { kind: 'ok'; path: string }
  | { kind: 'outside'; path: string; message: string }
  | { kind: 'missing'; path: string; message: string };

/** Resolves `source` (as written in `kpiFile`) inside `root`. */
export function resolveDataPath(kpiFile: string, source: string, root: string): DataPath {
  return checkInsideRoot(path.resolve(path.dirname(kpiFile), source), root);
}

/** Whether the absolute path `resolved` stays inside `root`, as written and once symlinks are followed. */
export function checkInsideRoot(resolved: string, root: string): DataPath {
  if (!isInside(path.resolve(root), resolved)) {
    return { kind: 'outside', path: resolved, message: '' };
  }
  const realRoot = realPathOrSelf(root);
  const real = realPathOfDeepestAncestor(resolved);
  if (!isInside(realRoot, real.path)) {
    return {
      kind: 'outside',
      path: resolved,
      message: 'it leads there through a symbolic link',
    };
  }
  if (!real.exists) return { kind: 'missing', path: resolved, message: '' };
  return { kind: 'ok', path: resolved };
}

/** Resolves a `--data` override against `cwd`; no root restriction. */
export function resolveOverridePath(given: string, cwd: string = process.cwd()): DataPath {
  const resolved = path.resolve(cwd, given);
  if (!fs.existsSync(resolved)) return { kind: 'missing', path: resolved, message: 'given with --data' };
  return { kind: 'ok', path: resolved };
}

/** True when `target` is `folder` or below it (both absolute). */
export function isInside(folder: string, target: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * `target` relative to `root` with `/` separators when inside it; otherwise
 * `fallback` (the path as the user or the file wrote it).
 */
export function displayPathFor(target: string, root: string, fallback: string): string {
  if (!isInside(root, target)) return fallback;
  return path.relative(root, target).split(path.sep).join('/');
}

function realPathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The real path of `file` when it exists; else the real path of its deepest
 * existing ancestor joined with the rest, so a missing file under a symlinked
 * folder is still judged by where the folder really is.
 */
function realPathOfDeepestAncestor(file: string): { path: string; exists: boolean } {
  const rest: string[] = [];
  for (let current = file; ; ) {
    try {
      const real = fs.realpathSync(current);
      return { path: path.join(real, ...rest.reverse()), exists: rest.length === 0 };
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return { path: file, exists: false };
      rest.push(path.basename(current));
      current = parent;
    }
  }
}
