/**
 * The lexer of the KPI language (Chevrotain), built once, on first use.
 *
 * Invariants:
 * - Whitespace is skipped; `//` and `///` comments go to the `comments` group
 *   (not to the parser) so the AST builder can collect them and attach doc
 *   comments. A comment never includes its line break.
 * - Only the reserved words of docs/language.md are keywords (each with
 *   `longer_alt: Identifier`, so `keys` or `index_v2` stay names). Type, unit,
 *   period and function words lex as `Identifier`: the parser and the checker
 *   decide by their text.
 * - `1..5` lexes as NUMBER `..` NUMBER: `..` is tried before numbers, and a
 *   number's fraction needs a digit after the dot.
 * - A string missing its closing quote lexes as `UnterminatedString` (up to the
 *   end of its line), which the parser accepts as a string; parse.ts reports
 *   it. Escapes are checked by strings.ts, not here.
 * - A token's exclusive end is `startOffset + image.length` (see `tokenEnd`).
 * - Every token says whether it can hold a line break (`line_breaks`), and
 *   every token with a RegExp pattern which characters it can start with
 *   (`start_chars_hint`); reserved words and punctuation are plain strings.
 *   Chevrotain would otherwise work both out by parsing each RegExp when the
 *   lexer is built, about 3 ms of every `kpi` run. The hints must hold every
 *   character the pattern can start with: tokens.test.ts lexes a corpus with
 *   this lexer and with one that ignores the hints and compares.
 */

import { createToken, Lexer, type IToken, type TokenType, type ILexingResult } from 'chevrotain';
import { RESERVED_WORDS } from './vocabulary';
import { skipGrammarValidations } from './build-mode';

/** The group name under which the lexer collects `//` and `///` comments. */
export const COMMENT_GROUP = 'comments';

// ASCII and Latin letters (accented column names are common in CSV exports), as inclusive code ranges.
const LETTER_RANGES: readonly (readonly [number, number])[] = [
  [0x41, 0x5a], [0x61, 0x7a], [0x5f, 0x5f], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x24f],
];
const unicodeEscape = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
/** LETTER_RANGES as the inside of a RegExp character class. */
const letter = LETTER_RANGES.map(([first, last]) => `${unicodeEscape(first)}-${unicodeEscape(last)}`).join('');
/** A whole text that lexes as one name (or a reserved word). */
export const NAME_PATTERN = new RegExp(`^[${letter}][${letter}0-9]*$`);
/** A character that can continue a name. */
export const NAME_CHARACTER = new RegExp(`[${letter}0-9]`);

/** Every code from each inclusive [first, last] range. */
function codes(...ranges: readonly (readonly [number, number])[]): number[] {
  const all: number[] = [];
  for (const [first, last] of ranges) for (let code = first; code <= last; code++) all.push(code);
  return all;
}

export const Identifier = createToken({
  name: 'Identifier',
  pattern: new RegExp(`[${letter}][${letter}0-9]*`),
  start_chars_hint: codes(...LETTER_RANGES),
  line_breaks: false,
  label: 'a name',
});

/** Abstract category of every reserved word. */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA });

function keyword(word: string): TokenType {
  const name = word.charAt(0).toUpperCase() + word.slice(1);
  return createToken({
    name,
    pattern: word,
    line_breaks: false,
    longer_alt: Identifier,
    categories: [Keyword],
    label: `\`${word}\``,
  });
}

export const keywords: Readonly<Record<(typeof RESERVED_WORDS)[number], TokenType>> = Object.fromEntries(
  RESERVED_WORDS.map((word) => [word, keyword(word)]),
) as Record<(typeof RESERVED_WORDS)[number], TokenType>;

export const Import = keywords.import;
export const Dataset = keywords.dataset;
export const From = keywords.from;
export const Kpi = keywords.kpi;
export const Index = keywords.index;
export const Value = keywords.value;
export const Unit = keywords.unit;
export const Direction = keywords.direction;
export const Target = keywords.target;
export const Warn = keywords.warn;
export const Critical = keywords.critical;
export const Breakdown = keywords.breakdown;
export const Trend = keywords.trend;
export const By = keywords.by;
export const Where = keywords.where;
export const And = keywords.and;
export const Or = keywords.or;
export const Not = keywords.not;
export const In = keywords.in;
export const Is = keywords.is;
export const Missing = keywords.missing;
export const Weight = keywords.weight;
export const Score = keywords.score;
export const For = keywords.for;
export const True = keywords.true;
export const False = keywords.false;
export const Key = keywords.key;
export const Optional = keywords.optional;
export const Higher = keywords.higher;
export const Lower = keywords.lower;

export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\f\v\u00A0\uFEFF]+/,
  start_chars_hint: [' ', '\t', '\r', '\n', '\f', '\v', '\u00A0', '\uFEFF'],
  line_breaks: true,
  group: Lexer.SKIPPED,
});

/** `///` but not `////...` (a separator line is an ordinary comment). */
export const DocComment = createToken({
  name: 'DocComment',
  pattern: /\/\/\/(?!\/)[^\r\n]*/,
  start_chars_hint: ['/'],
  line_breaks: false,
  group: COMMENT_GROUP,
});

export const Comment = createToken({
  name: 'Comment',
  pattern: /\/\/[^\r\n]*/,
  start_chars_hint: ['/'],
  line_breaks: false,
  group: COMMENT_GROUP,
});

/** Abstract category: what the parser consumes as a string. */
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA, label: 'a string' });

export const ClosedString = createToken({
  name: 'ClosedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*"/,
  start_chars_hint: ['"'],
  line_breaks: false,
  categories: [StringLiteral],
  label: 'a string',
});

export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\[^\r\n])*\\?/,
  start_chars_hint: ['"'],
  line_breaks: false,
  categories: [StringLiteral],
  label: 'a string',
});

export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/,
  start_chars_hint: ['.', ...'0123456789'],
  line_breaks: false,
  label: 'a number',
});

function punctuation(name: string, text: string): TokenType {
  return createToken({ name, pattern: text, line_breaks: false, label: `\`${text}\`` });
}

export const Arrow = punctuation('Arrow', '->');
export const GreaterEqual = punctuation('GreaterEqual', '>=');
export const LessEqual = punctuation('LessEqual', '<=');
export const NotEqual = punctuation('NotEqual', '!=');
export const Equal = punctuation('Equal', '=');
export const Greater = punctuation('Greater', '>');
export const Less = punctuation('Less', '<');
export const Plus = punctuation('Plus', '+');
export const Minus = punctuation('Minus', '-');
export const Star = punctuation('Star', '*');
export const Slash = punctuation('Slash', '/');
export const Percent = punctuation('Percent', '%');
export const LParen = punctuation('LParen', '(');
export const RParen = punctuation('RParen', ')');
export const LCurly = punctuation('LCurly', '{');
export const RCurly = punctuation('RCurly', '}');
export const LBracket = punctuation('LBracket', '[');
export const RBracket = punctuation('RBracket', ']');
export const Comma = punctuation('Comma', ',');
export const DotDot = punctuation('DotDot', '..');
export const Dot = punctuation('Dot', '.');

/** Lexer order matters: first match wins (longer operators and `..` first). */
export const allTokens: TokenType[] = [
  WhiteSpace,
  DocComment,
  Comment,
  StringLiteral,
  ClosedString,
  UnterminatedString,
  Arrow,
  GreaterEqual,
  LessEqual,
  NotEqual,
  Equal,
  Greater,
  Less,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  Comma,
  DotDot,
  NumberLiteral,
  Dot,
  Keyword,
  // Longest first, so a keyword that is a prefix of another (`in`, `index`) never wins early.
  ...Object.values(keywords).sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length),
  Identifier,
];

let lexer: Lexer | undefined;

export function tokenize(text: string): ILexingResult {
  // Built on first use, like the parser: a server answers `initialize` without paying for it.
  // Full tracking gives tokens an `endOffset`, which the parser's node location tracking needs.
  lexer ??= new Lexer(allTokens, {
    positionTracking: 'full',
    ensureOptimizations: true,
    skipValidations: skipGrammarValidations,
  });
  return lexer.tokenize(text);
}

/** Exclusive end offset of a real token. */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** A token the parser invented while recovering (it has no place in the text). */
export function isVirtual(token: IToken): boolean {
  return token.isInsertedInRecovery === true || Number.isNaN(token.startOffset);
}
