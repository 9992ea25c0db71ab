/**
 * Find references: every use of the symbol under the cursor, in every file of
 * every open document's closure (so uses in a file that imports this one are
 * found while that file is open), optionally with the declaration.
 */

import type { Location } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import { fileToUri, toRange } from '../convert';
import type { Snapshot } from '../workspace';
import { occurrencesOf, programsOf, symbolAt } from './lookup';

export function references(
  all: readonly Snapshot[],
  snapshot: Snapshot,
  source: SourceFile,
  offset: number,
  includeDeclaration: boolean,
  openUris: ReadonlyMap<string, string>,
): Location[] {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (!found) return [];
  const programs = programsOf(snapshot, all);
  const locations: Location[] = [];
  for (const occurrence of occurrencesOf(programs, found.symbol)) {
    if (occurrence.isDeclaration && !includeDeclaration) continue;
    const lines = programs.map((p) => p.files.get(occurrence.file)).find((f) => f !== undefined)?.lines;
    if (!lines) continue;
    locations.push({ uri: fileToUri(occurrence.file, openUris), range: toRange(lines, occurrence.span) });
  }
  return locations;
}
