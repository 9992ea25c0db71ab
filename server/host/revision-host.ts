/**
 * The core's SourceHost over one side of a `kpi diff` (a FileTree: a git
 * commit, the working tree or a folder), and the loading of a program's data
 * files from that side.
 *
 * Identities are paths relative to the side's root (`samples/a/card.kpi`),
 * so results of both sides name files the same way and need no display
 * mapping. An import or a `from` path that leaves the root is not read
 * (KPI002 for an import, KPI081 for data). Texts are decoded as UTF-8 with
 * an optional BOM, as NodeSourceHost does; each text is read once per host.
 */

import { createHash } from 'node:crypto';
import type { DatasetBinding, DatasetData, Program, SourceHost } from '../../grammar/program';
import { folderOf, normalizeRelative, type FileTree } from './file-tree';
import { loadBytes, loadDataset, loaderFor } from './load-data';

/** Where an import that leaves the root points: an identity no tree holds. */
const OUTSIDE = '<outside the root>/';

export class RevisionHost implements SourceHost {
  private readonly texts = new Map<string, string | undefined>();

  constructor(readonly tree: FileTree) {}

  readKpi(file: string): string | undefined {
    if (this.texts.has(file)) return this.texts.get(file);
    const read = file.startsWith(OUTSIDE) ? undefined : this.tree.read(file);
    const text = read?.status === 'ok' ? decodeText(read.bytes) : undefined;
    this.texts.set(file, text);
    return text;
  }

  resolveImport(fromFile: string, importPath: string): string {
    return normalizeRelative(folderOf(fromFile), importPath) ?? `${OUTSIDE}${importPath}`;
  }
}

export interface RevisionData {
  data: Map<string, DatasetData>;
  /** sha-256 of each dataset's file as read (by dataset name); null when it was not read. */
  digests: Map<string, string | null>;
}

export interface RevisionDataOptions {
  /** `--data NAME=PATH` overrides, read from disk the same way on both sides. */
  overrides?: ReadonlyMap<string, string>;
  cwd: string;
  /** The folder overrides display relative to (the repository root). */
  root: string;
}

/** Loads every dataset of `program` from `tree` (only the columns the scorecard uses). */
export function loadRevisionData(program: Program, tree: FileTree, options: RevisionDataOptions): RevisionData {
  const data = new Map<string, DatasetData>();
  const digests = new Map<string, string | null>();
  for (const binding of program.datasets) {
    if (data.has(binding.name)) continue;
    if (options.overrides?.has(binding.name)) {
      data.set(binding.name, loadDataset(binding, { mode: 'eval', root: options.root, overrides: options.overrides, cwd: options.cwd }));
      digests.set(binding.name, null);
      continue;
    }
    const { loaded, digest } = loadFromTree(binding, tree);
    data.set(binding.name, loaded);
    digests.set(binding.name, digest);
  }
  return { data, digests };
}

function loadFromTree(binding: DatasetBinding, tree: FileTree): { loaded: DatasetData; digest: string | null } {
  const file = normalizeRelative(folderOf(binding.file), binding.source);
  if (file === undefined) return { loaded: { status: 'outside', displayPath: binding.source, message: '' }, digest: null };
  if (binding.format === undefined) {
    return { loaded: { status: 'unsupported', displayPath: file, message: 'unsupported file type' }, digest: null };
  }
  const read = tree.read(file);
  if (read.status !== 'ok') return { loaded: { status: read.status, displayPath: file, message: read.message }, digest: null };
  const result = loadBytes(read.bytes, loaderFor(binding, binding.format, 'eval'));
  return {
    loaded: { status: 'loaded', displayPath: file, result },
    digest: createHash('sha256').update(read.bytes).digest('hex'),
  };
}

/** UTF-8; TextDecoder drops a leading BOM by default. */
function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}
