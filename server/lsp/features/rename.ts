/**
 * Rename a dataset, column, KPI or index everywhere it is used: every file of
 * the closure, and every other file of the workspace, open or not, whose
 * closure declares the same symbol (a file that imports this one). Of the
 * closed files, only those that write the old or the new name are analysed
 * (workspace.ts closedProgramsMentioning); when the workspace has more files
 * than are looked at, the rename is refused rather than left incomplete.
 *
 * A new name is refused, with a message the editor shows, when it is not a
 * name (letters, digits and `_`, not starting with a digit), is a reserved
 * word, or would clash: datasets, KPIs and indices share one namespace in a
 * closure; a column clashes with the other columns of its dataset.
 */

import { LSPErrorCodes, ResponseError, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { SourceFile, SymbolInfo } from '../../../grammar/program';
import { NAME_PATTERN } from '../../../grammar/syntax/tokens';
import { RESERVED_WORDS } from '../../../grammar/syntax/vocabulary';
import { fileToUri, toRange } from '../convert';
import type { ClosedPrograms, Snapshot } from '../workspace';
import { occurrencesOf, programsOf, sameSymbol, symbolAt } from './lookup';

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
  closedMentioning: (names: readonly string[]) => ClosedPrograms = () => ({ programs: [], complete: true }),
): WorkspaceEdit | null {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (!found) return null;
  // Closed files matter when they use the name or already have the new one.
  const closed = closedMentioning([found.symbol.name, newName]);
  if (!closed.complete) {
    throw new ResponseError(LSPErrorCodes.RequestFailed,
      'This workspace has too many .kpi files to read them all: a rename would miss uses in the files not read');
  }
  const programs = programsOf(snapshot, all, closed.programs).filter((program) => sameSymbol(program, found.symbol));
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
  if (!NAME_PATTERN.test(newName)) return `\`${newName}\` is not a name: use letters, digits and _, not starting with a digit`;
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
