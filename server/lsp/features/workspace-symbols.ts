/**
 * Workspace symbols: the datasets, columns, KPIs and indices of every open
 * document's closure and of the workspace's other `.kpi` files, each
 * declaration once, filtered by the query as a
 * case-insensitive subsequence (`frp` finds `first_response_p90`).
 */

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import type { Program, SymbolInfo } from '../../../grammar/program';
import { fileToUri, toRange } from '../convert';

const KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  dataset: SymbolKind.Struct,
  column: SymbolKind.Field,
  kpi: SymbolKind.Variable,
  index: SymbolKind.Class,
};

export function workspaceSymbols(
  programs: readonly Program[],
  query: string,
  openUris: ReadonlyMap<string, string>,
): SymbolInformation[] {
  const seen = new Set<string>();
  const result: SymbolInformation[] = [];
  for (const program of programs) {
    for (const symbol of program.symbols.values()) {
      const key = `${symbol.file}|${symbol.nameSpan.start}|${symbol.id}`;
      if (seen.has(key) || !matches(symbol.name, query)) continue;
      const source = program.files.get(symbol.file);
      if (!source) continue;
      seen.add(key);
      result.push({
        name: symbol.name,
        kind: KIND[symbol.kind],
        location: { uri: fileToUri(symbol.file, openUris), range: toRange(source.lines, symbol.nameSpan) },
        ...(symbol.dataset ? { containerName: symbol.dataset } : {}),
      });
    }
  }
  return result.sort((a, b) => a.name.localeCompare(b.name) || a.location.uri.localeCompare(b.location.uri));
}

/** `query`'s characters appear in `name` in order, ignoring case. */
export function matches(name: string, query: string): boolean {
  const lower = name.toLowerCase();
  let at = 0;
  for (const ch of query.toLowerCase()) {
    at = lower.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}
