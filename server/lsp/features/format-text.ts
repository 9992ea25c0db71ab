/**
 * The canonical layout of a `.kpi` file, computed line by line from the
 * lexer's tokens (grammar/syntax/tokens.ts), so that it never loses a
 * character of meaning:
 *
 * - each line keeps its tokens and its place; only the whitespace between
 *   tokens changes: 2 spaces of indentation per open block `{` and per open
 *   `(` / `[`, one more for a line that continues the statement above, one
 *   space around operators and after commas, none inside `()`, `[]`, around
 *   `.` and `..`, before `%`, after a unary minus or between a function name
 *   and its `(`;
 * - the leading words of block lines line up: the keyword of `value` /
 *   `unit` / `target` ... lines (one column for the whole file), column
 *   name, type and first attribute in a dataset, component name and weight
 *   in an index; dataset and index columns are two spaces apart, a keyword
 *   is followed by one;
 * - comments are kept exactly as written (a trailing comment keeps its gap);
 * - runs of blank lines shrink to one, blank lines at the start and end go,
 *   trailing whitespace goes, the file ends with one line break; line breaks
 *   keep their style.
 *
 * The result is a plan per original line (new text, or removed), so editors
 * get small edits and range formatting can apply part of it. Formatting is
 * idempotent, and refuses (returns undefined) a text the lexer cannot read
 * or whose tokens would not survive unchanged.
 */

import { tokenMatcher, type IToken } from 'chevrotain';
import * as t from '../../../grammar/syntax/tokens';
import { LineIndex } from '../../../grammar/syntax/line-index';

const INDENT = '  ';

/** The new text of each original line (without its line break), or null when the line goes. */
export interface FormatPlan {
  lines: Array<string | null>;
  /** The original text of each line, without its line break. */
  original: string[];
  /** A line break must be added at the end of the file. */
  addFinalNewline: boolean;
  eol: string;
}

interface Piece {
  token: IToken;
  comment: boolean;
}

type BlockKind = 'dataset' | 'kpi' | 'index' | 'other';

interface LineInfo {
  pieces: Piece[];
  /** Indentation level. */
  level: number;
  /** The block the line sits directly in (statement lines at level 1 only), for alignment. */
  block: { id: number; kind: BlockKind } | undefined;
}

const STATEMENT_KEYWORDS = new Set(['import', 'dataset', 'kpi', 'index', 'value', 'unit', 'direction', 'target', 'warn', 'critical', 'breakdown', 'trend']);
const ALIGNED_KEYWORDS = new Set(['value', 'unit', 'direction', 'target', 'warn', 'critical', 'breakdown', 'trend']);

/** The formatted text, or undefined when the text cannot be formatted safely. */
export function formatText(text: string): string | undefined {
  const plan = planFormat(text);
  return plan && applyPlan(plan);
}

export function applyPlan(plan: FormatPlan): string {
  const kept = plan.lines.filter((line): line is string => line !== null);
  return kept.join(plan.eol) + (plan.addFinalNewline ? plan.eol : '');
}

export function planFormat(text: string): FormatPlan | undefined {
  const lexed = t.tokenize(text);
  if (lexed.errors.length > 0) return undefined;
  if (lexed.tokens.some((token) => tokenMatcher(token, t.UnterminatedString))) return undefined;
  const pieces: Piece[] = [
    ...lexed.tokens.map((token) => ({ token, comment: false })),
    ...(lexed.groups[t.COMMENT_GROUP] ?? []).map((token) => ({ token, comment: true })),
  ].sort((a, b) => a.token.startOffset - b.token.startOffset);

  const index = new LineIndex(text);
  const original = splitLines(text, index);
  const perLine: Piece[][] = original.map(() => []);
  for (const piece of pieces) perLine[index.position(piece.token.startOffset).line].push(piece);

  const infos = layout(perLine);
  if (!infos) return undefined;
  const contents = render(infos, text);

  const lines: Array<string | null> = [];
  const last = contents.length - 1;
  const lastContent = contents.reduce((found, content, i) => (content !== '' ? i : found), -1);
  if (lastContent < 0) return undefined; // nothing but whitespace: leave it alone
  let previousBlank = true; // drops leading blank lines
  for (let i = 0; i < contents.length; i++) {
    const blank = contents[i] === '';
    if (i === last && blank) {
      lines.push(''); // the empty remainder after the final line break
    } else if (blank && (previousBlank || i > lastContent)) {
      lines.push(null);
    } else {
      lines.push(contents[i]);
    }
    if (lines[i] !== null) previousBlank = blank;
  }
  const plan: FormatPlan = { lines, original, addFinalNewline: contents[last] !== '', eol: lineBreakOf(text) };

  // Never drop or alter a token: the formatted text must lex to the same tokens.
  if (!sameTokens(pieces, applyPlan(plan))) return undefined;
  return plan;
}

/** Indentation levels, blocks and continuations from the tokens. */
function layout(perLine: Piece[][]): LineInfo[] | undefined {
  const infos: LineInfo[] = [];
  const blocks: Array<{ id: number; kind: BlockKind }> = [];
  let nextBlockId = 0;
  let parens = 0;
  let statementKind: BlockKind = 'other';
  let statementOpen = false; // a statement started and may continue on the next line

  for (const pieces of perLine) {
    const code = pieces.filter((piece) => !piece.comment);
    const first = code[0]?.token;
    const closesFirst = first !== undefined && (isImage(first, '}') || isImage(first, ')') || isImage(first, ']'));
    const depthBlocks = blocks.length - (first && isImage(first, '}') ? 1 : 0);
    const depthParens = parens - (first && (isImage(first, ')') || isImage(first, ']')) ? 1 : 0);
    const block = blocks.length > 0 ? blocks[blocks.length - 1] : undefined;
    const startsStatement = first !== undefined && (
      STATEMENT_KEYWORDS.has(first.image)
      || (tokenMatcher(first, t.Identifier) && block !== undefined && (block.kind === 'dataset' || block.kind === 'index'))
    );
    const continuation = first !== undefined && !closesFirst && !startsStatement && parens === 0 && statementOpen;
    const level = Math.max(0, depthBlocks) + Math.max(0, depthParens) + (continuation ? 1 : 0);
    infos.push({
      pieces,
      level,
      block: blocks.length === 1 && parens === 0 && !continuation && !closesFirst ? block : undefined,
    });

    for (const piece of code) {
      const token = piece.token;
      if (tokenMatcher(token, t.Dataset)) statementKind = 'dataset';
      else if (tokenMatcher(token, t.Kpi)) statementKind = 'kpi';
      else if (tokenMatcher(token, t.Index)) statementKind = 'index';
      if (isImage(token, '{')) {
        blocks.push({ id: nextBlockId++, kind: blocks.length === 0 ? statementKind : 'other' });
        statementKind = 'other';
        statementOpen = false;
      } else if (isImage(token, '}')) {
        if (blocks.pop() === undefined) return undefined;
        statementOpen = false;
      } else if (isImage(token, '(') || isImage(token, '[')) {
        parens++;
        statementOpen = true;
      } else if (isImage(token, ')') || isImage(token, ']')) {
        parens = Math.max(0, parens - 1);
        statementOpen = true;
      } else {
        statementOpen = true;
      }
    }
  }
  return infos;
}

/** The text of every line: indentation, aligned leading words, spaced tokens, trailing comment. */
function render(infos: LineInfo[], text: string): string[] {
  const columns = alignmentColumns(infos);
  return infos.map((info) => {
    const code = info.pieces.filter((piece) => !piece.comment);
    const comment = info.pieces.find((piece) => piece.comment);
    const indent = INDENT.repeat(info.level);
    if (code.length === 0) return comment ? indent + comment.token.image : '';
    const alignment = alignmentOf(info, code);
    const ends = alignment && columns.get(alignment.key);
    const groups = alignment && ends ? alignment.groups : [code];
    const spacing = spacesBetween(code);
    let body = '';
    let at = 0;
    groups.forEach((group, g) => {
      const words = joined(group, spacing, at);
      body = g === 0 ? words : `${body.padEnd(ends![g - 1])}${' '.repeat(alignment!.gap)}${words}`;
      at += group.length;
    });
    if (comment) {
      const lastCode = code[code.length - 1].token;
      const gap = text.slice(lastCode.startOffset + lastCode.image.length, comment.token.startOffset);
      body += (gap.length > 0 ? gap : ' ') + comment.token.image;
    }
    return indent + body;
  });
}

interface Alignment {
  /** Lines with the same key line up: keyword lines file-wide, items per block. */
  key: string;
  groups: Piece[][];
  /** Spaces after a padded group. */
  gap: number;
}

/**
 * Where each aligned group ends (its padded width, from the line's
 * indentation), per alignment key. A group is padded only when more words
 * follow it, so its width counts on lines where something follows.
 */
function alignmentColumns(infos: LineInfo[]): Map<string, number[]> {
  const widths = new Map<string, { gap: number; widths: number[] }>();
  for (const info of infos) {
    const code = info.pieces.filter((piece) => !piece.comment);
    const alignment = code.length > 0 ? alignmentOf(info, code) : undefined;
    if (!alignment || alignment.groups.length < 2) continue;
    const spacing = spacesBetween(code);
    const entry = widths.get(alignment.key) ?? { gap: alignment.gap, widths: [] };
    let at = 0;
    for (let g = 0; g < alignment.groups.length - 1; g++) {
      entry.widths[g] = Math.max(entry.widths[g] ?? 0, joined(alignment.groups[g], spacing, at).length);
      at += alignment.groups[g].length;
    }
    widths.set(alignment.key, entry);
  }
  const ends = new Map<string, number[]>();
  for (const [key, entry] of widths) {
    let end = -entry.gap;
    ends.set(key, entry.widths.map((width) => (end += entry.gap + (width ?? 0))));
  }
  return ends;
}

/**
 * How a line lines up with its neighbours, if it does:
 * - `value` / `unit` / `target` ... lines in a KPI or index: `[keyword] [rest]`,
 *   the keyword column shared by the whole file;
 * - dataset columns: `[name] [type] [unit, range or in [...]] [flags]`;
 * - index components: `[name] [weight q] [score ...]`;
 * groups in dataset and index blocks are two spaces apart.
 */
function alignmentOf(info: LineInfo, code: Piece[]): Alignment | undefined {
  if (!info.block) return undefined;
  const first = code[0].token;
  if (code.some((piece) => isImage(piece.token, '{') || isImage(piece.token, '}'))) return undefined;
  if (ALIGNED_KEYWORDS.has(first.image) && tokenMatcher(first, t.Keyword)) {
    return { key: 'keyword', groups: cut(code, [1]), gap: 1 };
  }
  if (!tokenMatcher(first, t.Identifier)) return undefined;
  if (info.block.kind === 'dataset') {
    const attribute = code.length > 2 ? 2 + attributeLength(code, 2) : code.length;
    return { key: `${info.block.id}`, groups: cut(code, [1, 2, attribute]), gap: 2 };
  }
  if (info.block.kind === 'index') {
    let end = 1;
    if (end < code.length && tokenMatcher(code[end].token, t.Weight)) {
      end++;
      if (end < code.length && tokenMatcher(code[end].token, t.Minus)) end++;
      if (end < code.length && tokenMatcher(code[end].token, t.NumberLiteral)) end++;
      if (end < code.length && tokenMatcher(code[end].token, t.Percent)) end++;
      if (end < code.length && tokenMatcher(code[end].token, t.Identifier)) end++;
    }
    return { key: `${info.block.id}`, groups: cut(code, [1, end]), gap: 2 };
  }
  return undefined;
}

/** Tokens of the column attribute starting at `from`: a unit word, a range `a..b`, `in [...]`, or one flag. */
function attributeLength(code: Piece[], from: number): number {
  const token = code[from].token;
  if (tokenMatcher(token, t.In)) {
    const close = code.findIndex((piece, i) => i > from && isImage(piece.token, ']'));
    return close < 0 ? code.length - from : close - from + 1;
  }
  if (tokenMatcher(token, t.NumberLiteral) || tokenMatcher(token, t.Minus)) {
    let end = from;
    while (end < code.length && (tokenMatcher(code[end].token, t.NumberLiteral) || tokenMatcher(code[end].token, t.Minus)
      || tokenMatcher(code[end].token, t.DotDot))) end++;
    return end - from;
  }
  return 1;
}

/** `code` cut before each of `at` (ascending; cuts at or past the end are ignored). */
function cut(code: Piece[], at: number[]): Piece[][] {
  const groups: Piece[][] = [];
  let start = 0;
  for (const end of at) {
    if (end <= start || end >= code.length) continue;
    groups.push(code.slice(start, end));
    start = end;
  }
  groups.push(code.slice(start));
  return groups;
}

/** The tokens `group` (starting at `first` in the line) joined as `spacing` says. */
function joined(group: Piece[], spacing: boolean[], first: number): string {
  let words = '';
  group.forEach((piece, i) => {
    if (i > 0 && spacing[first + i]) words += ' ';
    words += piece.token.image;
  });
  return words;
}

/** For each code token of a line: whether one space goes before it (the first's entry is unused). */
function spacesBetween(code: Piece[]): boolean[] {
  const spacing: boolean[] = [false];
  let previousUnary = code.length > 0 && tokenMatcher(code[0].token, t.Minus) && !writtenSpaceAfter(code, 0);
  for (let i = 1; i < code.length; i++) {
    const left = code[i - 1].token;
    const right = code[i].token;
    spacing.push(!previousUnary && needsSpace(left, right));
    previousUnary = tokenMatcher(right, t.Minus) && isUnaryMinus(code, i);
  }
  return spacing;
}

function needsSpace(left: IToken, right: IToken): boolean {
  if (isImage(right, ')') || isImage(right, ']') || isImage(right, ',') || isImage(right, '.') || isImage(right, '..')) return false;
  if (isImage(left, '(') || isImage(left, '[') || isImage(left, '.') || isImage(left, '..')) return false;
  if (tokenMatcher(right, t.Percent) && tokenMatcher(left, t.NumberLiteral)) return false;
  if (isImage(right, '(') && tokenMatcher(left, t.Identifier)) return false;
  return true;
}

/**
 * A minus sign is unary where no value can end before it, or where it was
 * written against its operand with space before it (`int -100..100`): the
 * written spacing decides only where the grammar allows both, so formatting
 * twice gives the same text.
 */
function isUnaryMinus(code: Piece[], i: number): boolean {
  const previous = code[i - 1].token;
  if (!endsValue(previous)) return true;
  const minus = code[i].token;
  const spaceBefore = minus.startOffset > previous.startOffset + previous.image.length;
  return spaceBefore && !writtenSpaceAfter(code, i);
}

function writtenSpaceAfter(code: Piece[], i: number): boolean {
  const token = code[i].token;
  const next = code[i + 1]?.token;
  if (!next) return true;
  return next.startOffset > token.startOffset + token.image.length;
}

function endsValue(token: IToken): boolean {
  return tokenMatcher(token, t.Identifier) || tokenMatcher(token, t.NumberLiteral) || tokenMatcher(token, t.StringLiteral)
    || tokenMatcher(token, t.Percent) || tokenMatcher(token, t.True) || tokenMatcher(token, t.False)
    || tokenMatcher(token, t.Missing) || isImage(token, ')') || isImage(token, ']');
}

function isImage(token: IToken, image: string): boolean {
  return token.image === image && !tokenMatcher(token, t.StringLiteral);
}

function splitLines(text: string, index: LineIndex): string[] {
  const lines: string[] = [];
  for (let line = 0; line < index.lineCount; line++) {
    const start = index.lineStart(line);
    const next = line + 1 < index.lineCount ? index.lineStart(line + 1) : text.length;
    lines.push(text.slice(start, next).replace(/\r?\n$|\r$/, ''));
  }
  return lines;
}

function lineBreakOf(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

function sameTokens(before: Piece[], formatted: string): boolean {
  const lexed = t.tokenize(formatted);
  const after = [...lexed.tokens, ...(lexed.groups[t.COMMENT_GROUP] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  if (lexed.errors.length > 0 || after.length !== before.length) return false;
  return after.every((token, i) => token.image === before[i].token.image && token.tokenType === before[i].token.tokenType);
}
