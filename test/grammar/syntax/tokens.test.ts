/**
 * The lexer: numbers and ranges, reserved words against names, comments kept
 * in their own group, strings (terminated or not), and exact error spans for
 * characters that belong to no token.
 */

import { strict as assert } from 'node:assert';
import { tokenize, COMMENT_GROUP } from '../../../grammar/syntax/tokens';
import { RESERVED_WORDS } from '../../../grammar/syntax';
import { decodeString } from '../../../grammar/syntax/strings';

function kinds(text: string): string[] {
  return tokenize(text).tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

describe('syntax: lexer', () => {
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
