/**
 * Incremental parsing for an editor: `createIncrementalParser().parse(text)`
 * gives exactly what `parse(text)` gives, but re-parses only the top-level
 * declarations whose text changed since the previous call. A keystroke in one
 * KPI of a 2,000-line file then costs one lexing pass and the parse of that
 * KPI, instead of the whole file's CST and AST.
 *
 * How: the file is lexed whole, and its tokens are cut into pieces at every
 * declaration keyword (`import`, `dataset`, `kpi`, `index`, `breakdown`,
 * `trend`) outside braces. A piece's *region* runs from the end of the
 * previous piece's last token (or the start of the file) to the end of its own
 * last token, so it holds the `///` comments above its keyword. A piece whose
 * region text was parsed before, without errors, reuses that declaration with
 * its spans moved to where it stands now; any other piece is parsed on its own
 * tokens, against the whole text and comment list.
 *
 * Invariants (checked by test/grammar/syntax/incremental.test.ts, which
 * compares both parsers over thousands of edits):
 * - The result deep-equals `parse(text)`. Only error-free pieces are kept or
 *   reused; a file with any lexical, string or parse error, or whose braces do
 *   not balance, or with anything before its first declaration, takes the
 *   whole-file path (so error recovery is always the whole-file one).
 * - What a piece's AST depends on lies inside its region: the builder reads
 *   doc comments only between the keyword and the previous token, and the
 *   first piece (which starts the file) is keyed apart from the others.
 * - Memory is bounded by the last text: only the pieces of the last parse are
 *   kept. Results are never mutated after they are returned.
 */

import { tokenMatcher, type IToken } from 'chevrotain';
import type { Declaration, KpiFile, ParseResult } from './ast';
import { buildAst, commentsOf } from './ast-builder';
import { parse, parseLexed, stringErrors } from './parse';
import { parseTokens } from './parser';
import * as t from './tokens';

export interface IncrementalParser {
  /** The same result as `parse(text)`, reusing the unchanged declarations of earlier calls. */
  parse(text: string): ParseResult;
}

/** The declarations parsed from one region, as they stood when parsed. */
interface KeptPiece {
  regionStart: number;
  declarations: Declaration[];
}

/** Token indexes of one top-level declaration: `first` is its keyword. */
interface Piece {
  first: number;
  last: number;
}

const DECLARATION_KEYWORDS = [t.Import, t.Dataset, t.Kpi, t.Index, t.Breakdown, t.Trend];

export function createIncrementalParser(): IncrementalParser {
  let kept = new Map<string, KeptPiece>();
  let last: { text: string; result: ParseResult } | undefined;
  return {
    parse(text: string): ParseResult {
      if (last !== undefined && last.text === text) return last.result;
      let result: ParseResult;
      try {
        const next = new Map<string, KeptPiece>();
        result = parsePieces(text, kept, next);
        kept = next;
      } catch {
        // parse() has its own promise never to throw; it reports what failed.
        kept = new Map();
        result = parse(text);
      }
      last = { text, result };
      return result;
    },
  };
}

function parsePieces(text: string, kept: ReadonlyMap<string, KeptPiece>, next: Map<string, KeptPiece>): ParseResult {
  const lexed = t.tokenize(text);
  const tokens = lexed.tokens;
  const pieces = lexed.errors.length === 0 ? cut(tokens) : undefined;
  if (pieces === undefined || stringErrors(tokens).length > 0) return parseLexed(text, lexed);

  const commentTokens = lexed.groups[t.COMMENT_GROUP] ?? [];
  const declarations: Declaration[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index];
    const regionStart = index === 0 ? 0 : t.tokenEnd(tokens[pieces[index - 1].last]);
    const regionEnd = t.tokenEnd(tokens[piece.last]);
    const key = (index === 0 ? 'F' : 'N') + text.slice(regionStart, regionEnd);
    let found = next.get(key) ?? kept.get(key);
    if (found === undefined) {
      const fresh = parsePiece(text, tokens.slice(piece.first, piece.last + 1), commentTokens);
      if (fresh === undefined) return parseLexed(text, lexed);
      found = { regionStart, declarations: fresh };
    } else if (found.regionStart !== regionStart) {
      found = { regionStart, declarations: moved(found.declarations, regionStart - found.regionStart) };
    }
    next.set(key, found);
    declarations.push(...found.declarations);
  }
  const file: KpiFile = { declarations, comments: commentsOf(commentTokens), span: { start: 0, end: text.length } };
  return { file, errors: [] };
}

/** The pieces of an error-free token list, or undefined when it cannot be cut safely. */
function cut(tokens: readonly IToken[]): Piece[] | undefined {
  const pieces: Piece[] = [];
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (depth === 0 && DECLARATION_KEYWORDS.some((keyword) => tokenMatcher(token, keyword))) {
      pieces.push({ first: index, last: index });
    } else if (pieces.length === 0) {
      return undefined;
    }
    if (tokenMatcher(token, t.LCurly)) depth++;
    else if (tokenMatcher(token, t.RCurly) && --depth < 0) return undefined;
    pieces[pieces.length - 1].last = index;
  }
  return depth === 0 ? pieces : undefined;
}

/** One piece's declarations, or undefined when it has any error (the whole file is parsed then). */
function parsePiece(text: string, tokens: IToken[], comments: IToken[]): Declaration[] | undefined {
  const { cst, errors } = parseTokens(tokens);
  if (errors.length > 0) return undefined;
  const built = buildAst(cst, text, comments);
  if (built.errors.length > 0) return undefined;
  return built.file.declarations;
}

/** A copy of `value` with every span moved by `delta` characters. */
function moved<T>(value: T, delta: number): T {
  if (Array.isArray(value)) return value.map((item: unknown) => moved(item, delta)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = moved(field, delta);
  if (isSpan(copy)) {
    copy.start += delta;
    copy.end += delta;
  }
  return copy as T;
}

function isSpan(value: Record<string, unknown>): value is { start: number; end: number } {
  const keys = Object.keys(value);
  return keys.length === 2 && typeof value.start === 'number' && typeof value.end === 'number';
}
