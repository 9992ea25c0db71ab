import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ByteDictionary } from '../../../grammar/eval/data/byte-dictionary';
import { KeyIndex } from '../../../grammar/eval/data/key-index';
import { bytesOf } from './support';

/** What KeyIndex must answer: the line that first had the key, 0 for a new key. */
function firstLinesByOracle(keys: string[]): number[] {
  const seen = new Map<string, number>();
  return keys.map((key, i) => {
    const first = seen.get(key);
    if (first !== undefined) return first;
    seen.set(key, i + 1);
    return 0;
  });
}

/** Mostly increasing keys with some repeats and some out of order, like real exports. */
const keySequence = fc.array(fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 5000 }).map((n) => `T${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'é', 'T1', 'T01', 'T10', '10', '9') },
), { maxLength: 200 }).chain((keys) => fc.oneof(fc.constant(keys), fc.constant([...keys].sort(shortlex))));

function shortlex(a: string, b: string): number {
  const ab = bytesOf(a);
  const bb = bytesOf(b);
  if (ab.length !== bb.length) return ab.length - bb.length;
  for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) return ab[i] - bb[i];
  return 0;
}

describe('key index', () => {
  it('reports the first line of every repeated key, sorted input or not', () => {
    fc.assert(fc.property(keySequence, (keys) => {
      const index = new KeyIndex();
      const answers = keys.map((key, i) => {
        const bytes = bytesOf(key);
        return index.check(bytes, 0, bytes.length, i + 1);
      });
      assert.deepEqual(answers, firstLinesByOracle(keys));
    }), { numRuns: 300 });
  });

  it('compares number keys by value, in any order', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(0.5, -0, 1e300, -1e-300)), { maxLength: 100 }), (numbers) => {
      const index = new KeyIndex();
      const answers = numbers.map((n, i) => index.checkNumber(n, i + 1));
      assert.deepEqual(answers, firstLinesByOracle(numbers.map((n) => String(n + 0))));
    }), { numRuns: 200 });
  });
});

describe('byte dictionary', () => {
  it('gives equal bytes the same id and new bytes the next id, across table growth', () => {
    const dictionary = new ByteDictionary();
    const words = Array.from({ length: 5000 }, (_, i) => `w${i % 1700}`);
    const ids = words.map((word) => {
      const bytes = bytesOf(word);
      return dictionary.intern(bytes, 0, bytes.length);
    });
    assert.equal(dictionary.size, 1700);
    words.forEach((_, i) => assert.equal(ids[i], i % 1700));
  });
});
