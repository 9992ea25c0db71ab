/**
 * One side of a `kpi diff`: the files of a repository at a git commit, of
 * the working tree, or of a folder, read through one interface.
 *
 * Paths are relative to the side's root, with `/` separators and no `.` or
 * `..` segments (see `normalizeRelative`). A path that would leave the root
 * is `outside`, and so is a symbolic link that leads out of it (in a folder)
 * or any symbolic link (at a commit, where a link is only its target text):
 * the same rule `kpi eval` applies to data paths written in `.kpi` files.
 * Reads never throw for a missing or unreadable file; they say why.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkInsideRoot } from './data-path';
import { isFile, walkProject } from './project-files';
import { describeFsError } from './fs-errors';
import { GitError, listCommit, listWorkingTree, readBlob, readBlobs, type TreeEntry } from './git';

export type TreeRead =
  | { status: 'ok'; bytes: Uint8Array }
  | { status: 'missing' | 'outside' | 'unreadable'; message: string };

export interface FileTree {
  /** The side as the user named it: `origin/main`, `working tree`, `before/`. */
  readonly label: string;
  /** Every file of the side, sorted. */
  files(): readonly string[];
  read(file: string): TreeRead;
}

/**
 * `file` joined to `folder` (both root-relative) and normalised; undefined
 * when the result leaves the root or is absolute.
 */
export function normalizeRelative(folder: string, file: string): string | undefined {
  if (file.startsWith('/') || /^[A-Za-z]:/.test(file)) return undefined;
  const parts: string[] = [];
  for (const part of `${folder}/${file}`.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/');
}

/** The folder part of a root-relative path (`''` at the root). */
export function folderOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/**
 * A commit of the repository at `root`. The `.kpi` files are small and read
 * more than once (to find entries, then to analyse them): they are fetched
 * all at once with the first one asked for, and kept. Data files are read
 * when asked, once each.
 */
export class GitTree implements FileTree {
  private listing: Map<string, TreeEntry> | undefined;
  private kpiBlobs: Map<string, Buffer> | undefined;

  constructor(readonly label: string, private readonly root: string, private readonly commit: string) {}

  files(): readonly string[] {
    return [...this.entries()].filter(([, entry]) => entry.type === 'blob').map(([file]) => file).sort();
  }

  read(file: string): TreeRead {
    const entry = this.entries().get(file);
    if (!entry) return { status: 'missing', message: `not in ${this.label}` };
    if (entry.mode === '120000') return { status: 'outside', message: 'a symbolic link; kpi diff does not follow links at a revision' };
    if (entry.type !== 'blob') return { status: 'unreadable', message: 'not a file' };
    try {
      const cached = file.endsWith('.kpi') ? this.kpiBlob(entry.oid) : undefined;
      return { status: 'ok', bytes: cached ?? readBlob(this.root, entry.oid) };
    } catch (error) {
      if (error instanceof GitError) return { status: 'unreadable', message: error.message };
      throw error;
    }
  }

  private entries(): Map<string, TreeEntry> {
    this.listing ??= listCommit(this.root, this.commit);
    return this.listing;
  }

  private kpiBlob(oid: string): Buffer | undefined {
    if (!this.kpiBlobs) {
      const oids = [...this.entries()].filter(([file, e]) => file.endsWith('.kpi') && e.type === 'blob' && e.mode !== '120000').map(([, e]) => e.oid);
      this.kpiBlobs = readBlobs(this.root, [...new Set(oids)]);
    }
    return this.kpiBlobs.get(oid);
  }
}

/** Files on disk under `root`: the working tree of a repository, or a plain folder. */
export class FolderTree implements FileTree {
  private listing: string[] | undefined;

  /** `gitListing`: list files as git sees the working tree (ignored files left out); else walk the folder. */
  constructor(readonly label: string, private readonly root: string, private readonly gitListing: boolean) {}

  files(): readonly string[] {
    this.listing ??= (this.gitListing ? listWorkingTree(this.root) : walk(this.root))
      .filter((f) => isFile(path.join(this.root, f)))
      .sort();
    return this.listing;
  }

  read(file: string): TreeRead {
    const relative = normalizeRelative('', file);
    if (relative === undefined) return { status: 'outside', message: '' };
    const located = checkInsideRoot(path.join(this.root, relative), this.root);
    if (located.kind !== 'ok') return { status: located.kind, message: located.message };
    try {
      return { status: 'ok', bytes: fs.readFileSync(located.path) };
    } catch (error) {
      const failure = describeFsError(error);
      if (!failure) throw error;
      return { status: failure.status, message: failure.reason };
    }
  }
}

/** Every file below `root` (relative, `/`-separated), as `kpi check` sees a folder. */
function walk(root: string): string[] {
  const found: string[] = [];
  walkProject(root, (_entry, _full, relative) => found.push(relative) > 0);
  return found;
}
