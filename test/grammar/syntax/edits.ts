/**
 * Random edits of `.kpi` texts for the property tests of the parser (fuzz.test.ts
 * and incremental.test.ts): character and token deletions, insertions,
 * duplications, swaps and truncations, as fast-check arbitraries, and `apply`
 * to make the edited text. Token edits keep the rest of the text intact.
 */

import fc from 'fast-check';
import { RESERVED_WORDS } from '../../../grammar/syntax';

export const FRAGMENTS = [
  ...RESERVED_WORDS,
  '{', '}', '(', ')', '[', ']', ',', '.', '..', '->', '>=', '<=', '!=', '=', '<', '>', '+', '-', '*', '/', '%',
  '"', '"x"', '"\\', '\\u', '//', '///', '\n', '\r\n', ' ', '\t', '0', '85%', '1..5', '.5', '1e3', '1e999',
  'tickets', 'csat', 'p90', 'count', 'hours', 'month', 'é', '@', '#', '\u0000', '\uFEFF',
];

/** Words and symbols of a text, whitespace runs included, so token edits keep the rest intact. */
function splitTokens(text: string): string[] {
  return text.match(/\s+|[\p{L}_][\p{L}\p{N}_]*|\d+(?:\.\d+)?%?|"[^"\n]*"?|\/\/[^\n]*|\.\.|->|[<>!]=|[\s\S]/gu) ?? [];
}

export type Edit =
  | { kind: 'delete-chars'; at: number; length: number }
  | { kind: 'insert'; at: number; fragment: string }
  | { kind: 'duplicate-chars'; at: number; length: number }
  | { kind: 'swap-chars'; at: number; other: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-token'; at: number }
  | { kind: 'duplicate-token'; at: number }
  | { kind: 'swap-tokens'; at: number; other: number };

const position = fc.nat({ max: 100_000 });
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete-chars' as const), at: position, length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: position, fragment: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('duplicate-chars' as const), at: position, length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constant('swap-chars' as const), at: position, other: position, length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('delete-token' as const), at: position }),
  fc.record({ kind: fc.constant('duplicate-token' as const), at: position }),
  fc.record({ kind: fc.constant('swap-tokens' as const), at: position, other: position }),
);

export function apply(text: string, change: Edit): string {
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
