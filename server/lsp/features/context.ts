/**
 * Where the cursor is, read from the tokens before it: the block it is in
 * (dataset, KPI, index or top level), the statement it is typing, the word
 * under it, and the function call it is inside. Completion and signature
 * help use this rather than the AST because the text around a cursor is
 * usually incomplete, and tokens survive any amount of brokenness.
 */

import { tokenMatcher, type IToken } from 'chevrotain';
import * as t from '../../../grammar/syntax/tokens';

export type BlockKind = 'top' | 'dataset' | 'kpi' | 'index' | 'other';

export interface OpenCall {
  callee: IToken;
  /** Tokens inside the parentheses, before the cursor. */
  args: IToken[];
  /** Commas at this call's level before the cursor. */
  commas: number;
}

export interface CursorContext {
  /** The block the cursor is directly in. */
  block: BlockKind;
  /** Tokens of the current statement before the word being typed. */
  statement: IToken[];
  /** The start of the word being typed (the cursor itself when none). */
  wordStart: number;
  /** The innermost call whose parentheses are open at the cursor. */
  call: OpenCall | undefined;
  /** The cursor is in a comment or a string: nothing to complete. */
  inert: boolean;
}

/** Statement keywords inside a KPI or index block. */
export const MEASURE_KEYWORDS = ['value', 'unit', 'direction', 'target', 'warn', 'critical', 'breakdown', 'trend'] as const;
export const TOP_KEYWORDS = ['import', 'dataset', 'kpi', 'index', 'breakdown', 'trend'] as const;

const STATEMENT_STARTS = new Set<string>([...TOP_KEYWORDS, ...MEASURE_KEYWORDS]);
const WORD_CHAR = /[A-Za-z0-9_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]/;

export function cursorContext(text: string, offset: number): CursorContext {
  let wordStart = offset;
  while (wordStart > 0 && WORD_CHAR.test(text.charAt(wordStart - 1))) wordStart--;
  const lexed = t.tokenize(text.slice(0, offset));
  const comments = lexed.groups[t.COMMENT_GROUP] ?? [];
  const inComment = comments.some((c) => c.startOffset < offset && offset <= c.startOffset + c.image.length);
  const last = lexed.tokens[lexed.tokens.length - 1];
  const inString = last !== undefined && tokenMatcher(last, t.StringLiteral)
    && last.startOffset + last.image.length >= offset
    && (tokenMatcher(last, t.UnterminatedString) || last.startOffset + last.image.length > offset);
  const tokens = lexed.tokens.filter((token) => token.startOffset + token.image.length <= wordStart);

  // Blocks and statements: a statement starts at a statement keyword, at a
  // name that begins a line inside a dataset or index block, or after `{`.
  const blocks: BlockKind[] = [];
  let pendingKind: BlockKind = 'other';
  let statementStart = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const block = blocks.length > 0 ? blocks[blocks.length - 1] : 'top';
    const startsLine = i === 0 || text.slice(tokens[i - 1].startOffset, token.startOffset).includes('\n');
    if (STATEMENT_STARTS.has(token.image) && tokenMatcher(token, t.Keyword)) statementStart = i;
    else if (startsLine && tokenMatcher(token, t.Identifier) && (block === 'dataset' || block === 'index') && depthIn(tokens, statementStart, i) === 0) statementStart = i;
    if (tokenMatcher(token, t.Dataset)) pendingKind = 'dataset';
    else if (tokenMatcher(token, t.Kpi)) pendingKind = 'kpi';
    else if (tokenMatcher(token, t.Index)) pendingKind = 'index';
    if (token.image === '{' && tokenMatcher(token, t.LCurly)) {
      blocks.push(blocks.length === 0 ? pendingKind : 'other');
      pendingKind = 'other';
      statementStart = i + 1;
    } else if (tokenMatcher(token, t.RCurly)) {
      blocks.pop();
      statementStart = i + 1;
    }
  }
  // A name at the start of the cursor's line begins a new statement in dataset and index blocks.
  const block = blocks.length > 0 ? blocks[blocks.length - 1] : 'top';
  let statement = tokens.slice(statementStart);
  const lineStart = text.lastIndexOf('\n', wordStart - 1) + 1;
  if ((block === 'dataset' || block === 'index' || block === 'kpi' || block === 'top')
      && statement.length > 0 && statement.every((token) => token.startOffset < lineStart)
      && depthIn(statement, 0, statement.length) === 0) {
    statement = [];
  }
  return { block, statement, wordStart, call: openCall(statement), inert: inComment || inString };
}

/** Open parentheses among tokens[from..to). */
function depthIn(tokens: IToken[], from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (tokenMatcher(tokens[i], t.LParen)) depth++;
    else if (tokenMatcher(tokens[i], t.RParen)) depth = Math.max(0, depth - 1);
  }
  return depth;
}

function openCall(statement: IToken[]): OpenCall | undefined {
  const stack: Array<{ callee: IToken | undefined; start: number; commas: number }> = [];
  statement.forEach((token, i) => {
    if (tokenMatcher(token, t.LParen)) {
      const before = statement[i - 1];
      stack.push({ callee: before && tokenMatcher(before, t.Identifier) ? before : undefined, start: i + 1, commas: 0 });
    } else if (tokenMatcher(token, t.RParen)) {
      stack.pop();
    } else if (tokenMatcher(token, t.Comma) && stack.length > 0) {
      stack[stack.length - 1].commas++;
    }
  });
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame.callee) return { callee: frame.callee, args: statement.slice(frame.start), commas: frame.commas };
  }
  return undefined;
}

export function isKeyword(token: IToken | undefined, word: string): boolean {
  return token !== undefined && token.image === word && tokenMatcher(token, t.Keyword);
}

export function isName(token: IToken | undefined): token is IToken {
  return token !== undefined && tokenMatcher(token, t.Identifier);
}

export function isNumber(token: IToken | undefined): boolean {
  return token !== undefined && (tokenMatcher(token, t.NumberLiteral) || tokenMatcher(token, t.Percent));
}
