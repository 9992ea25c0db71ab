/**
 * Rename a dataset, column, KPI or index everywhere it is used: every file of
 * the closure, and every other file of the workspace, open or not, whose
 * closure declares the same symbol (a file that imports this one).
 *
 * A new name is refused, with a message the editor shows, when it is not a
 * name (letters, digits and `_`, not starting with a digit), is a reserved
 * word, or would clash: datasets, KPIs and indices share one namespace in a
 * closure; a column clashes with the other columns of its dataset.
 */

import { LSPErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { Program, SourceFile, SymbolInfo } from '../../../grammar/program';
import { RESERVED_WORDS } from '../../../grammar/syntax/vocabulary';
import { fileToUri, toRange } from '../convert';
import type { Snapshot } from '../workspace';
import { occurrencesOf, programsOf, sameSymbol, symbolAt } from './lookup';

/** A name as the lexer reads one (tokens.ts: ASCII and Latin letters, digits, `_`). */
const NAME = /^[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F0-9]*$/;
const RESERVED: ReadonlySet<string> = new Set(RESERVED_WORDS);

export function prepareRename(snapshot: Snapshot, source: SourceFile, offset: number): { range: Range; placeholder: string } | null {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (!found) return null;
  return { range: toRange(source.lines, found.occurrence.span), placeholder: found.symbol.name };
}

export function rename(
  all: readonly Snapshot[],
  snapshot: Snapshot,
  source: SourceFile,
  offset: number,
  newName: string,
  openUris: ReadonlyMap<string, string>,
  closed: readonly Program[] = [],
): WorkspaceEdit | null {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (!found) return null;
  const programs = programsOf(snapshot, all, closed).filter((program) => sameSymbol(program, found.symbol));
  const refusal = refuse(found.symbol, newName, programs.map((program) => program.symbols));
  if (refusal) throw new ResponseError(LSPErrorCodes.RequestFailed, refusal);

  const changes: Record<string, TextEdit[]> = {};
  for (const occurrence of occurrencesOf(programs, found.symbol)) {
    const lines = programs.map((p) => p.files.get(occurrence.file)).find((f) => f !== undefined)?.lines;
    if (!lines) continue;
    const uri = fileToUri(occurrence.file, openUris);
    (changes[uri] ??= []).push({ range: toRange(lines, occurrence.span), newText: newName });
  }
  return { changes };
}

/** Why `newName` cannot replace `symbol`'s name, or undefined when it can. */
export function refuse(
  symbol: SymbolInfo,
  newName: string,
  symbolTables: ReadonlyArray<ReadonlyMap<string, SymbolInfo>>,
): string | undefined {
  if (!NAME.test(newName)) return `\`${newName}\` is not a name: use letters, digits and _, not starting with a digit`;
  if (RESERVED.has(newName)) return `\`${newName}\` is a reserved word`;
  if (newName === symbol.name) return undefined;
  for (const symbols of symbolTables) {
    for (const other of symbols.values()) {
      if (other.name !== newName) continue;
      if (symbol.kind === 'column') {
        if (other.kind === 'column' && other.dataset === symbol.dataset) {
          return `Dataset \`${symbol.dataset}\` already has a column \`${newName}\``;
        }
      } else if (other.kind !== 'column') {
        return `\`${newName}\` is already the name of a ${other.kind === 'kpi' ? 'KPI' : other.kind}`;
      }
    }
  }
  return undefined;
}
