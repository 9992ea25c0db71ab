/**
 * `parse(text)`: the one entry point of the syntax layer. Text in, a (possibly
 * partial) AST and the syntax errors out.
 *
 * Invariants:
 * - Never throws, whatever the input. An unexpected internal failure becomes
 *   one syntax error covering the whole file (no stack trace reaches a user).
 * - Every error has a span inside the text: the bad characters for a lexer
 *   error, the offending token for a parser error, or (at the end of the
 *   file) a zero-length span at the end of the last token.
 * - Errors are sorted by offset; the parser reports at most one error per
 *   token.
 */

import { tokenMatcher, type IRecognitionException, type IToken, type ILexingError, type ILexingResult } from 'chevrotain';
import type { KpiFile, ParseResult, Span, SyntaxError } from './ast';
import * as t from './tokens';
import { parseTokens } from './parser';
import { buildAst } from './ast-builder';
import { decodeString } from './strings';
import { describeFound } from './messages';

export function parse(text: string): ParseResult {
  const source = typeof text === 'string' ? text : '';
  try {
    return parseOrThrow(source);
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    const file: KpiFile = { declarations: [], comments: [], span: { start: 0, end: source.length } };
    return {
      file,
      errors: [{ message: `The parser failed on this file (internal error: ${reason}). Please report it.`, span: file.span }],
    };
  }
}

function parseOrThrow(text: string): ParseResult {
  return parseLexed(text, t.tokenize(text));
}

/** The whole parse of `text` from its tokens (for incremental.ts, which lexes first). */
export function parseLexed(text: string, lexed: ILexingResult): ParseResult {
  const comments = lexed.groups[t.COMMENT_GROUP] ?? [];
  const { cst, errors: parserErrors } = parseTokens(lexed.tokens);
  const built = buildAst(cst, text, comments);
  const lexical = [...lexed.errors.map((error) => lexerError(error, text)), ...stringErrors(lexed.tokens)];
  // A parser error on a token the lexer already reported (an unterminated
  // string) says nothing more: keep the lexer's explanation.
  const parsing = recognitionErrors(parserErrors, lexed.tokens).filter(
    (error) => !lexical.some((known) => known.span.start <= error.span.start && error.span.start < known.span.end),
  );
  const errors: SyntaxError[] = [...lexical, ...parsing, ...built.errors];
  errors.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { file: built.file, errors };
}

function lexerError(error: ILexingError, text: string): SyntaxError {
  const start = Math.max(0, Math.min(error.offset, text.length));
  const end = Math.max(start, Math.min(start + error.length, text.length));
  const characters = text.slice(start, end);
  const plural = characters.length > 1 ? 'characters' : 'character';
  return { message: `Unexpected ${plural} \`${characters}\``, span: { start, end } };
}

/** Strings the lexer accepted but that are unterminated or hold bad escapes. */
export function stringErrors(tokens: IToken[]): SyntaxError[] {
  const errors: SyntaxError[] = [];
  for (const token of tokens) {
    if (!tokenMatcher(token, t.StringLiteral)) continue;
    const decoded = decodeString(token.image);
    if (!decoded.terminated) {
      errors.push({
        message: 'Unterminated string: add the closing `"` (a string ends on its line)',
        span: { start: token.startOffset, end: t.tokenEnd(token) },
      });
    }
    for (const problem of decoded.problems) {
      errors.push({ message: problem.message, span: { start: token.startOffset + problem.start, end: token.startOffset + problem.end } });
    }
  }
  return errors;
}

/** Parser errors, one per offending token (the first reported wins). */
function recognitionErrors(exceptions: IRecognitionException[], tokens: IToken[]): SyntaxError[] {
  const lastToken = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
  const endOfInput: Span = lastToken === undefined ? { start: 0, end: 0 } : { start: t.tokenEnd(lastToken), end: t.tokenEnd(lastToken) };
  const seen = new Set<number>();
  const errors: SyntaxError[] = [];
  for (const exception of exceptions) {
    const token = exception.token;
    const real = token !== undefined && !t.isVirtual(token) && token.image.length > 0;
    const span: Span = real ? { start: token.startOffset, end: t.tokenEnd(token) } : endOfInput;
    if (seen.has(span.start)) continue;
    seen.add(span.start);
    errors.push({ message: exception.message || `Unexpected ${describeFound(token)}`, span });
  }
  return errors;
}
