/**
 * Find references: every use of the symbol under the cursor, in every file of
 * every open document's closure and of every other `.kpi` file of the
 * workspace (`closed`), so uses in a file that imports this one are found
 * whether it is open or not; optionally with the declaration. Of the closed
 * files, only those that write the name are analysed.
 */

import type { Location } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import { fileToUri, toRange } from '../convert';
import type { ClosedPrograms, Snapshot } from '../workspace';
import { occurrencesOf, programsOf, symbolAt } from './lookup';

export function references(
  all: readonly Snapshot[],
  snapshot: Snapshot,
  source: SourceFile,
  offset: number,
  includeDeclaration: boolean,
  openUris: ReadonlyMap<string, string>,
  closedMentioning: (names: readonly string[]) => ClosedPrograms = () => ({ programs: [], complete: true }),
): Location[] {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (!found) return [];
  // A closed file that never writes the name holds no use of it.
  const programs = programsOf(snapshot, all, closedMentioning([found.symbol.name]).programs);
  const locations: Location[] = [];
  for (const occurrence of occurrencesOf(programs, found.symbol)) {
    if (occurrence.isDeclaration && !includeDeclaration) continue;
    const lines = programs.map((p) => p.files.get(occurrence.file)).find((f) => f !== undefined)?.lines;
    if (!lines) continue;
    locations.push({ uri: fileToUri(occurrence.file, openUris), range: toRange(lines, occurrence.span) });
  }
  return locations;
}
