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
import { parse } from '../../../grammar/syntax';
import { apply, edit, FRAGMENTS } from './edits';
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
