/**
 * The base side of the editor's deltas: each open entry file evaluated at
 * the base revision (resolve-base.ts), with `kpi diff`'s own pieces (a
 * GitTree read through a RevisionHost by evaluateSide), so a delta in the
 * editor is the delta `kpi diff` reports.
 *
 * `lookup` answers synchronously from what is known and never waits: on
 * analysis the workspace attaches its answer to the snapshot, and hints and
 * hovers read it from there. What is not known yet is worked out in the
 * background and `changed(file)` says when the answer for an entry file
 * changed, so the workspace re-analyses that entry.
 *
 * Invariants:
 * - The base revision is resolved once per folder and setting, again when
 *   files change on disk (`stale()`) or when an analysis finds it older than
 *   RESOLVE_EVERY_MS (a commit or a checkout changes nothing the client
 *   watches); git is never run per keystroke.
 * - An entry is evaluated at the base once per (repository, commit, file,
 *   row limit), off the request path, and kept (the last KEEP_SIDES).
 *   Evaluation reads git synchronously (kpi diff's GitTree) but runs after
 *   the current turn, once per base commit per file, never per edit.
 * - Nothing here throws to its caller: no git, no repository, no commit, a
 *   file outside the repository all mean "no base" (undefined).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluateSide, type SideScorecard } from '../../diff/evaluate-side';
import { GitTree } from '../../host/file-tree';
import { comparesWithBase, resolveBase, type BaseRevision } from './resolve-base';
import { RowLimitedTree } from './row-limited-tree';

/** The base of one entry file, as attached to its snapshot. */
export interface BaseComparison {
  revision: BaseRevision;
  /** The entry evaluated at the base; null when the file is not in that commit. */
  side: SideScorecard | null;
}

export interface BaseListener {
  /** What `lookup` answers for this entry file changed. */
  changed(file: string): void;
  /** Something failed while evaluating at the base: logged, then no delta for that file. */
  failed(file: string, error: unknown): void;
}

export const RESOLVE_EVERY_MS = 10_000;
const KEEP_SIDES = 8;

interface Resolution {
  revision: BaseRevision | undefined;
  /** When the last resolution started (ms since the epoch); 0 when stale. */
  checkedAt: number;
  running: boolean;
  /** Entry files that asked: told when the revision changes. */
  files: Set<string>;
}

type SideState =
  | { state: 'pending' }
  | { state: 'done'; side: SideScorecard | null }
  | { state: 'failed' };

export class BaseScorecards {
  private readonly resolutions = new Map<string, Resolution>();
  private readonly sides = new Map<string, SideState>();
  private readonly work = new Set<Promise<void>>();

  constructor(private readonly listener: BaseListener, private readonly now: () => number = Date.now) {}

  /** The base of entry `file` as known now; starts whatever is missing. */
  lookup(file: string, setting: string, maxRows: number): BaseComparison | undefined {
    if (!comparesWithBase(setting) || !path.isAbsolute(file)) return undefined;
    const revision = this.revisionFor(file, setting);
    if (!revision) return undefined;
    const relative = relativeInside(revision.root, file);
    if (relative === undefined) return undefined;
    const key = JSON.stringify([revision.root, revision.commit, relative, maxRows]);
    const known = this.sides.get(key);
    if (known === undefined) {
      this.evaluateLater(key, file, revision, relative, maxRows);
      return undefined;
    }
    if (known.state !== 'done') return undefined;
    // Most recently used last, so eviction drops the oldest.
    this.sides.delete(key);
    this.sides.set(key, known);
    return { revision, side: known.side };
  }

  /** Files changed on disk: resolve every base again on the next lookup (a checkout rewrites files). */
  stale(): void {
    for (const resolution of this.resolutions.values()) resolution.checkedAt = 0;
  }

  /** True while a resolution or an evaluation is under way. */
  get busy(): boolean {
    return this.work.size > 0;
  }

  /** Settles once no resolution or evaluation is under way (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.all([...this.work]);
  }

  private revisionFor(file: string, setting: string): BaseRevision | undefined {
    const folder = path.dirname(file);
    const key = JSON.stringify([folder, setting]);
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      resolution = { revision: undefined, checkedAt: 0, running: false, files: new Set() };
      this.resolutions.set(key, resolution);
    }
    resolution.files.add(file);
    if (!resolution.running && this.now() - resolution.checkedAt >= RESOLVE_EVERY_MS) this.resolve(resolution, folder, setting);
    return resolution.revision;
  }

  private resolve(resolution: Resolution, folder: string, setting: string): void {
    resolution.running = true;
    resolution.checkedAt = this.now();
    this.track((async () => {
      const revision = await resolveBase(folder, setting).catch(() => undefined);
      resolution.running = false;
      if (sameRevision(resolution.revision, revision)) return;
      resolution.revision = revision;
      for (const file of resolution.files) this.listener.changed(file);
    })());
  }

  private evaluateLater(key: string, file: string, revision: BaseRevision, relative: string, maxRows: number): void {
    this.sides.set(key, { state: 'pending' });
    this.track((async () => {
      // After the current turn: the analysis that asked is answered first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      let state: SideState;
      try {
        const tree = new RowLimitedTree(new GitTree(revision.label, revision.root, revision.commit), maxRows);
        const side = evaluateSide(tree, relative, { cwd: revision.root, root: revision.root });
        state = { state: 'done', side: side ? withoutData(side) : null };
      } catch (error) {
        this.listener.failed(file, error);
        state = { state: 'failed' };
      }
      this.sides.set(key, state);
      this.evict();
      if (state.state === 'done') this.listener.changed(file);
    })());
  }

  private evict(): void {
    for (const [key, known] of this.sides) {
      if (this.sides.size <= KEEP_SIDES) break;
      if (known.state !== 'pending') this.sides.delete(key);
    }
  }

  private track(work: Promise<void>): void {
    // The bodies catch their own failures; a listener's bug must not become an unhandled rejection.
    const settled = work.catch(() => undefined);
    this.work.add(settled);
    void settled.then(() => this.work.delete(settled));
  }
}

/**
 * Only the program and the result are compared; the loaded tables (which
 * can be large) are not kept.
 */
function withoutData(side: SideScorecard): SideScorecard {
  return { entry: side.entry, program: side.program, result: side.result, data: new Map(), digests: new Map() };
}

function sameRevision(a: BaseRevision | undefined, b: BaseRevision | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.root === b.root && a.commit === b.commit && a.label === b.label);
}

/**
 * `file` relative to the repository root, `/`-separated, as git names it;
 * undefined outside the repository. The folder is resolved through symbolic
 * links, since git prints the real path of the root.
 */
function relativeInside(root: string, file: string): string | undefined {
  let folder = path.dirname(file);
  try {
    folder = fs.realpathSync(folder);
  } catch {
    // a folder that is gone: compare the path as it is
  }
  const relative = path.relative(path.resolve(root), path.join(folder, path.basename(file)));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
