/**
 * The lexer: numbers and ranges, reserved words against names, comments kept
 * in their own group, strings (terminated or not), and exact error spans for
 * characters that belong to no token.
 */

import { strict as assert } from 'node:assert';
import { Lexer, type ILexingResult, type IToken } from 'chevrotain';
import fc from 'fast-check';
import { tokenize, allTokens, COMMENT_GROUP } from '../../../grammar/syntax/tokens';
import { RESERVED_WORDS } from '../../../grammar/syntax';
import { decodeString } from '../../../grammar/syntax/strings';
import { fixtureNames, kpiBlocks, readFixture, readRepoFile } from './fixture-files';

function kinds(text: string): string[] {
  return tokenize(text).tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

/**
 * [line, column] (1-based) of every offset of `text`, counted the way the
 * lexer is configured to: CR LF, LF and CR each end a line.
 */
function positions(text: string): [number, number][] {
  const at: [number, number][] = [];
  let line = 1;
  let lineStart = 0;
  for (let offset = 0; offset <= text.length; offset++) {
    at.push([line, offset - lineStart + 1]);
    const char = text[offset];
    if (char === '\n' || (char === '\r' && text[offset + 1] !== '\n')) {
      line++;
      lineStart = offset + 1;
    }
  }
  return at;
}

/** Every token's line and column agree with its offsets: the line-break flags are right. */
function assertPositions(text: string, result: ILexingResult): void {
  const at = positions(text);
  for (const t of [...result.tokens, ...(result.groups[COMMENT_GROUP] ?? [])]) {
    const end = t.endOffset ?? t.startOffset;
    assert.deepEqual([t.startLine, t.startColumn, t.endLine, t.endColumn], [...at[t.startOffset], ...at[end]], `${t.image} at ${t.startOffset} in ${JSON.stringify(text)}`);
  }
}

/** Everything a lexing result says, in plain values, to compare two lexers by. */
function lexed(result: ILexingResult): unknown {
  const token = (t: IToken) => [t.tokenType.name, t.image, t.startOffset, t.startLine, t.startColumn, t.endOffset, t.endLine, t.endColumn];
  return {
    tokens: result.tokens.map(token),
    comments: (result.groups[COMMENT_GROUP] ?? []).map(token),
    errors: result.errors.map((e) => [e.offset, e.length, e.line, e.column]),
  };
}

describe('syntax: lexer', () => {
  describe('start-character hints and line-break flags (tokens.ts)', () => {
    // The same tokens with Chevrotain's first-character optimisation off: it
    // then tries every pattern at every offset, so hints play no part. The
    // line-break flags are checked against line and column counted from offsets.
    const reference = new Lexer(allTokens, { positionTracking: 'full', safeMode: true, skipValidations: true });
    // Characters at the edges of each hint: letters at the ends of every
    // Latin range and just outside them, digits, quotes, escapes, every
    // blank, line breaks, and characters no token starts with.
    const alphabet = [
      ...'azAZ_09.,;:!?"\\/\'()[]{}<>=+-*%@#$&|~`^',
      '\u00bf', '\u00c0', '\u00d6', '\u00d7', '\u00d8', '\u00f6', '\u00f7', '\u00f8', '\u00ff', '\u0100',
      '\u01fe', '\u01ff', '\u024f', '\u0250', '\u20ac',
      ' ', '\t', '\r', '\n', '\f', '\v', '\u00a0', '\ufeff', '\u2028',
      'kpi', 'index', 'in', 'is', 'e5', 'E-2', '//', '///',
    ];

    it('lexes the samples, fixtures and docs exactly as without them', () => {
      const texts = kpiBlocks(readRepoFile('docs', 'language.md'));
      for (const folder of ['valid', 'errors']) for (const name of fixtureNames(folder)) texts.push(readFixture(folder, name));
      texts.push(readRepoFile('samples', 'after-sales', 'after-sales.kpi'), readRepoFile('samples', 'after-sales', 'datasets.kpi'));
      assert.ok(texts.length >= 10);
      for (const text of texts) {
        assert.deepEqual(lexed(tokenize(text)), lexed(reference.tokenize(text)));
        assertPositions(text, tokenize(text));
      }
    });

    it('lexes random text exactly as without them', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), (parts) => {
          const text = parts.join('');
          assert.deepEqual(lexed(tokenize(text)), lexed(reference.tokenize(text)));
          assertPositions(text, tokenize(text));
        }),
        { numRuns: 3000 },
      );
    });
  });

  it('lexes 1..5 as NUMBER .. NUMBER', () => {
    assert.deepEqual(kinds('1..5'), ['NumberLiteral:1', 'DotDot:..', 'NumberLiteral:5']);
    assert.deepEqual(kinds('1.5..2.5'), ['NumberLiteral:1.5', 'DotDot:..', 'NumberLiteral:2.5']);
    assert.deepEqual(kinds('-5..-1'), ['Minus:-', 'NumberLiteral:5', 'DotDot:..', 'Minus:-', 'NumberLiteral:1']);
  });

  it('lexes numbers in every written form, and % as its own token', () => {
    assert.deepEqual(kinds('42 3.5 .5 1e3 2.5E-2 85%'), [
      'NumberLiteral:42',
      'NumberLiteral:3.5',
      'NumberLiteral:.5',
      'NumberLiteral:1e3',
      'NumberLiteral:2.5E-2',
      'NumberLiteral:85',
      'Percent:%',
    ]);
  });

  it('lexes every operator', () => {
    assert.deepEqual(
      tokenize('-> >= <= != = < > + - * / ( ) { } [ ] , . ..').tokens.map((t) => t.image),
      ['->', '>=', '<=', '!=', '=', '<', '>', '+', '-', '*', '/', '(', ')', '{', '}', '[', ']', ',', '.', '..'],
    );
  });

  it('makes every reserved word a keyword, and longer words names', () => {
    for (const word of RESERVED_WORDS) {
      const [token] = tokenize(word).tokens;
      assert.notEqual(token.tokenType.name, 'Identifier', word);
      assert.deepEqual(kinds(`${word}s`), [`Identifier:${word}s`]);
      assert.deepEqual(kinds(`${word}_2`), [`Identifier:${word}_2`]);
    }
    assert.deepEqual(kinds('in index int is'), ['In:in', 'Index:index', 'Identifier:int', 'Is:is']);
  });

  it('keeps type, unit, period and function words as names', () => {
    for (const word of ['text', 'number', 'date', 'datetime', 'minutes', 'hours', 'h', 'count', 'month', 'mean', 'p90', 'percentile']) {
      assert.deepEqual(kinds(word), [`Identifier:${word}`]);
    }
  });

  it('accepts accented names', () => {
    assert.deepEqual(kinds('délai_réponse'), ['Identifier:délai_réponse']);
  });

  it('sends comments to their own group, without the line break', () => {
    const result = tokenize('kpi // note\r\n/// doc\n//// rule\nx');
    assert.deepEqual(
      result.tokens.map((t) => t.image),
      ['kpi', 'x'],
    );
    assert.deepEqual(
      result.groups[COMMENT_GROUP].map((t) => `${t.tokenType.name}:${t.image}`),
      ['Comment:// note', 'DocComment:/// doc', 'Comment://// rule'],
    );
  });

  it('lexes an unterminated string up to the end of its line', () => {
    const result = tokenize('"abc def\nkpi');
    assert.deepEqual(kinds('"abc def\nkpi'), ['UnterminatedString:"abc def', 'Kpi:kpi']);
    assert.deepEqual(result.errors, []);
  });

  it('reports characters that belong to no token with their exact offsets', () => {
    const result = tokenize('a @# b ! c');
    assert.deepEqual(
      result.errors.map((e) => [e.offset, e.length]),
      [
        [2, 2],
        [7, 1],
      ],
    );
  });

  describe('string escapes', () => {
    it('resolves \\" \\\\ \\n \\t and \\uXXXX', () => {
      assert.deepEqual(decodeString('"a\\"b\\\\c\\nd\\te\\u00e9"'), { value: 'a"b\\c\nd\te\u00e9', terminated: true, problems: [] });
    });

    it('reports unknown and incomplete escapes with their offsets in the literal', () => {
      const decoded = decodeString('"x\\qy\\u12z"');
      assert.equal(decoded.value, 'x\\qy\\u12z');
      assert.deepEqual(
        decoded.problems.map((p) => [p.start, p.end]),
        [
          [2, 4],
          [5, 9],
        ],
      );
    });

    it('knows an unterminated literal, even one ending in an escaped quote', () => {
      assert.equal(decodeString('"abc').terminated, false);
      assert.equal(decodeString('"abc\\"').terminated, false);
      assert.equal(decodeString('"abc\\\\"').terminated, true);
      assert.equal(decodeString('"').terminated, false);
    });
  });
});
