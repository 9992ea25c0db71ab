/**
 * Go to definition: from any use of a dataset, column, KPI or index (in this
 * file or an imported one) to its declared name; from an `import "..."` path
 * to the imported file.
 */

import type { Location } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import { fileToUri, toRange } from '../convert';
import type { Snapshot } from '../workspace';
import { NodeSourceHost } from '../../host/node-source-host';
import { symbolAt, touches } from './lookup';

export function definition(
  snapshot: Snapshot,
  source: SourceFile,
  offset: number,
  openUris: ReadonlyMap<string, string>,
): Location[] {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (found) {
    const target = snapshot.program.files.get(found.symbol.file);
    if (!target) return [];
    return [{ uri: fileToUri(found.symbol.file, openUris), range: toRange(target.lines, found.symbol.nameSpan) }];
  }
  for (const decl of source.ast.declarations) {
    if (decl.kind !== 'import' || !decl.path || !touches(decl.path.span, offset)) continue;
    const imported = IMPORTS.resolveImport(source.file, decl.path.value);
    if (!snapshot.program.files.has(imported)) return [];
    const start = { line: 0, character: 0 };
    return [{ uri: fileToUri(imported, openUris), range: { start, end: start } }];
  }
  return [];
}

/** Resolves imports exactly as analyses do. */
const IMPORTS = new NodeSourceHost();
