/**
 * Fuzzing the parser with fast-check: random edits of real sample texts
 * (character and token deletions, insertions, duplications, swaps,
 * truncations), random token soups and random strings. Whatever the input,
 * `parse` must return, and every span in the tree and in the errors must lie
 * inside the text with start <= end. On failure fast-check prints the seed
 * and the shrunk input to replay.
 */

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parse, RESERVED_WORDS } from '../../../grammar/syntax';
import { parseMarkers } from '../../support/markers';
import { fixtureNames, kpiBlocks, readFixture, readRepoFile } from './fixture-files';
import { allSpans } from './ast-helpers';

function samples(): string[] {
  const texts = kpiBlocks(readRepoFile('docs', 'language.md'));
  for (const folder of ['valid', 'errors']) {
    for (const name of fixtureNames(folder)) texts.push(parseMarkers(readFixture(folder, name)).text);
  }
  return texts;
}

/** Parses and checks the invariants; throws (failing the property) when one breaks. */
function parsesWithinBounds(text: string): void {
  const result = parse(text);
  for (const { path, span } of allSpans(result)) {
    if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
      throw new Error(`span ${JSON.stringify(span)} at ${path} is outside the text (length ${text.length})`);
    }
  }
  for (const error of result.errors) assert.ok(error.message.length > 0);
  assert.deepEqual(result.file.span, { start: 0, end: text.length });
}

const FRAGMENTS = [
  ...RESERVED_WORDS,
  '{', '}', '(', ')', '[', ']', ',', '.', '..', '->', '>=', '<=', '!=', '=', '<', '>', '+', '-', '*', '/', '%',
  '"', '"x"', '"\\', '\\u', '//', '///', '\n', '\r\n', ' ', '\t', '0', '85%', '1..5', '.5', '1e3', '1e999',
  'tickets', 'csat', 'p90', 'count', 'hours', 'month', 'é', '@', '#', '\u0000', '\uFEFF',
];

/** Words and symbols of a text, whitespace runs included, so token edits keep the rest intact. */
function splitTokens(text: string): string[] {
  return text.match(/\s+|[\p{L}_][\p{L}\p{N}_]*|\d+(?:\.\d+)?%?|"[^"\n]*"?|\/\/[^\n]*|\.\.|->|[<>!]=|[\s\S]/gu) ?? [];
}

type Edit =
  | { kind: 'delete-chars'; at: number; length: number }
  | { kind: 'insert'; at: number; fragment: string }
  | { kind: 'duplicate-chars'; at: number; length: number }
  | { kind: 'swap-chars'; at: number; other: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-token'; at: number }
  | { kind: 'duplicate-token'; at: number }
  | { kind: 'swap-tokens'; at: number; other: number };

const position = fc.nat({ max: 100_000 });
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete-chars' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, fragment: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('duplicate-chars' as const), at: position, length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('swap-chars' as const), at: position, other: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('delete-token' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate-token' as const), at: position }),
  fc.record({ kind: fc.constant('swap-tokens' as const), at: position, other: position }),
);

function apply(text: string, change: Edit): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  switch (change.kind) {
    case 'delete-chars':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'insert':
      return text.slice(0, at) + change.fragment + text.slice(at);
    case 'duplicate-chars':
      return text.slice(0, at + change.length) + text.slice(at, at + change.length) + text.slice(at + change.length);
    case 'swap-chars': {
      const other = text.length === 0 ? 0 : change.other % (text.length + 1);
      const [first, second] = at <= other ? [at, other] : [other, at];
      const length = Math.min(change.length, second - first);
      const a = text.slice(first, first + length);
      const b = text.slice(second, second + length);
      return text.slice(0, first) + b + text.slice(first + length, second) + a + text.slice(second + length);
    }
    case 'truncate':
      return text.slice(0, at);
    case 'delete-token':
    case 'duplicate-token':
    case 'swap-tokens': {
      const tokens = splitTokens(text);
      if (tokens.length === 0) return text;
      const index = change.at % tokens.length;
      if (change.kind === 'delete-token') tokens.splice(index, 1);
      else if (change.kind === 'duplicate-token') tokens.splice(index, 0, tokens[index]);
      else {
        const other = change.other % tokens.length;
        [tokens[index], tokens[other]] = [tokens[other], tokens[index]];
      }
      return tokens.join('');
    }
  }
}

describe('syntax: fuzzing', function () {
  // Thousands of parses; generous for a loaded CI machine, a few seconds normally.
  this.timeout(60_000);
  const texts = samples();

  it('has samples to mutate', () => {
    assert.ok(texts.length >= 10);
  });

  it('survives random edits of the sample texts', () => {
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (which, edits) => {
        parsesWithinBounds(edits.reduce(apply, texts[which]));
      }),
      { numRuns: 1500 },
    );
  });

  it('survives random token soups', () => {
    const word = fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constantFrom('a', 'b', 'x1', '42', '"s"', 'weight', 'score', 'text', 'minutes'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.constantFrom(' ', '\n', ''), (words, separator) => {
        parsesWithinBounds(words.join(separator));
      }),
      { numRuns: 1500 },
    );
  });

  it('survives random strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 })), (text) => {
        parsesWithinBounds(text);
      }),
      { numRuns: 1000 },
    );
  });
});
