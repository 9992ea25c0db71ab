/**
 * Where the running code sits on disk, for the files shipped beside it: the
 * CSV worker's bundle, package.json (the version), docs/diagnostics.md.
 *
 * Modules ask with their own `__dirname`, which is right when node loaded
 * them from a file (dist/kpi.js, or tsc's out/ folder in the tests). Code
 * restored from kpi's startup snapshot (dist/kpi.blob, see
 * server/cli/snapshot-entry.ts) keeps the `__dirname` of the folder the
 * snapshot was built in, which the installation may have moved away from
 * since; the snapshot's start therefore names the folder it was restored from.
 */

let restoredFrom: string | undefined;

/** The folder holding the running code: `ownFolder` (the caller's `__dirname`) unless restored from a snapshot. */
export function codeFolder(ownFolder: string): string {
  return restoredFrom ?? ownFolder;
}

/** Called once by a start from the startup snapshot: the bundle's files are in `folder`. */
export function codeRestoredFrom(folder: string): void {
  restoredFrom = folder;
}
