/**
 * The edge between the core's coordinates and LSP's: the only module that
 * turns offsets and spans into LSP positions and ranges (and back), and file
 * identities into URIs (and back).
 *
 * Invariants: the core speaks in UTF-16 offsets with exclusive ends
 * (`Span.end` is the offset after the last character), and so does an LSP
 * `Range.end`; both go through grammar/syntax/line-index.ts so every surface
 * counts lines the same way (`\n`, `\r\n`, lone `\r`). File identities are
 * absolute paths for `file:` URIs; any other URI (an `untitled:` buffer) is
 * its own identity, so it can still be analysed.
 */

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Position, Range } from 'vscode-languageserver/node';
import type { Span } from '../../grammar/syntax/ast';
import { LineIndex } from '../../grammar/syntax/line-index';

export function toPosition(lines: LineIndex, offset: number): Position {
  const { line, column } = lines.position(offset);
  return { line, character: column };
}

export function toRange(lines: LineIndex, span: Span): Range {
  return { start: toPosition(lines, span.start), end: toPosition(lines, span.end) };
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offset({ line: position.line, column: position.character });
}

export function toSpan(lines: LineIndex, range: Range): Span {
  return { start: toOffset(lines, range.start), end: toOffset(lines, range.end) };
}

/** The file identity the core works with for a document URI. */
export function uriToFile(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return uri;
  }
}

/**
 * The URI for a file identity. Open documents keep the URI their client sent
 * (`known`), because clients compare URIs as strings and encode them in
 * their own way (VS Code escapes `:` in drive letters, for one).
 */
export function fileToUri(file: string, known?: ReadonlyMap<string, string>): string {
  const open = known?.get(file);
  if (open !== undefined) return open;
  return path.isAbsolute(file) ? pathToFileURL(file).href : file;
}

/** A line index for a text, for the few places that hold a text but no parsed file. */
export function linesOf(text: string): LineIndex {
  return new LineIndex(text);
}
