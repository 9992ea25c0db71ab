/**
 * Which `.kpi` files `kpi diff` evaluates when no file is named: the
 * scorecard entry files of each side. An entry declares at least one KPI or
 * index and is not imported by another `.kpi` file, other than one in its
 * own import cycle (so two files that import each other are still
 * evaluated). Dataset-only files and shared definitions pulled in by an
 * import are compared through the entries that import them.
 *
 * The union over both sides is compared, each entry on every side where it
 * exists; an entry on one side only makes its measures added or removed.
 */

import { parse } from '../../grammar/syntax/parse';
import { folderOf, normalizeRelative, type FileTree } from '../host/file-tree';

interface KpiFileFacts {
  declaresMeasure: boolean;
  imports: string[];
}

export function entryFiles(tree: FileTree): string[] {
  const facts = new Map<string, KpiFileFacts>();
  for (const file of tree.files()) {
    if (!file.endsWith('.kpi')) continue;
    const read = tree.read(file);
    if (read.status !== 'ok') continue;
    const { file: ast } = parse(new TextDecoder('utf-8').decode(read.bytes));
    const imports: string[] = [];
    let declaresMeasure = false;
    for (const decl of ast.declarations) {
      if (decl.kind === 'kpi' || decl.kind === 'index') declaresMeasure = true;
      if (decl.kind === 'import' && decl.path) {
        const target = normalizeRelative(folderOf(file), decl.path.value);
        if (target !== undefined) imports.push(target);
      }
    }
    facts.set(file, { declaresMeasure, imports });
  }

  const importers = new Map<string, string[]>();
  for (const [file, { imports }] of facts) {
    for (const target of imports) importers.set(target, [...(importers.get(target) ?? []), file]);
  }
  const closure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const pending = [start];
    while (pending.length > 0) {
      const file = pending.pop()!;
      for (const target of facts.get(file)?.imports ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          pending.push(target);
        }
      }
    }
    return seen;
  };
  return [...facts]
    .filter(([file, f]) => f.declaresMeasure && (importers.get(file) ?? []).every((importer) => closure(file).has(importer)))
    .map(([file]) => file)
    .sort();
}

/** The entries of both sides, sorted, each once. */
export function entryFilesOfBoth(base: FileTree, head: FileTree): string[] {
  return [...new Set([...entryFiles(base), ...entryFiles(head)])].sort();
}
