/**
 * The incremental parser (grammar/syntax/incremental.ts) against the whole-file
 * parser: over thousands of edit sequences, each run through one incremental
 * parser as an editor would, every intermediate text must parse to exactly
 * what `parse` gives. Most edits keep the text valid (a digit changed, a line
 * or comment inserted, a declaration removed or repeated), so the reuse path
 * is what gets exercised; fuzz edits that break the text are mixed in, so the
 * switches between the two paths are too. A few cases pin the reuse itself:
 * unchanged declarations come back as the very same objects.
 */

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createIncrementalParser, parse } from '../../../grammar/syntax';
import type { KpiDecl } from '../../../grammar/syntax';
import { parseMarkers } from '../../support/markers';
import { apply, edit as fuzzEdit, type Edit as FuzzEdit } from './edits';
import { fixtureNames, kpiBlocks, readFixture, readRepoFile } from './fixture-files';

function samples(): string[] {
  const texts = [
    readRepoFile('samples', 'after-sales', 'after-sales.kpi'),
    readRepoFile('samples', 'after-sales', 'datasets.kpi'),
    readRepoFile('samples', 'acsi', 'acsi.kpi'),
    ...kpiBlocks(readRepoFile('docs', 'language.md')),
  ];
  for (const name of fixtureNames('valid')) texts.push(parseMarkers(readFixture('valid', name)).text);
  return texts;
}

/** Edits an analyst makes while the file stays (mostly) valid. */
type ValidEdit =
  | { kind: 'digit'; at: number; digit: number }
  | { kind: 'line'; at: number; inserted: '' | '// note' | '/// note' | '\r' }
  | { kind: 'delete-line'; at: number }
  | { kind: 'repeat-lines'; at: number; count: number };

const validEdit: fc.Arbitrary<ValidEdit> = fc.oneof(
  fc.record({ kind: fc.constant('digit' as const), at: fc.nat({ max: 10_000 }), digit: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat({ max: 10_000 }), inserted: fc.constantFrom('' as const, '// note' as const, '/// note' as const, '\r' as const) }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat({ max: 10_000 }) }),
  fc.record({ kind: fc.constant('repeat-lines' as const), at: fc.nat({ max: 10_000 }), count: fc.integer({ min: 1, max: 12 }) }),
);

function applyValid(text: string, change: ValidEdit): string {
  if (change.kind === 'digit') {
    const digits = [...text.matchAll(/\d/g)].map((match) => match.index ?? 0);
    if (digits.length === 0) return text;
    const at = digits[change.at % digits.length];
    return text.slice(0, at) + String(change.digit) + text.slice(at + 1);
  }
  const lines = text.split('\n');
  const at = change.at % lines.length;
  if (change.kind === 'line') lines.splice(at, 0, change.inserted);
  else if (change.kind === 'delete-line') lines.splice(at, 1);
  else lines.splice(at, 0, ...lines.slice(at, at + change.count));
  return lines.join('\n');
}

type AnyEdit = { valid: ValidEdit } | { fuzz: FuzzEdit };

function applyAny(text: string, change: AnyEdit): string {
  return 'valid' in change ? applyValid(text, change.valid) : apply(text, change.fuzz);
}

const anyEdit: fc.Arbitrary<AnyEdit> = fc.oneof(
  { weight: 5, arbitrary: validEdit.map((valid) => ({ valid })) },
  { weight: 1, arbitrary: fuzzEdit.map((fuzz) => ({ fuzz })) },
);

/** Runs one incremental parser through the edits, comparing every step with a whole-file parse. */
function agreesThroughout(start: string, edits: AnyEdit[]): void {
  const incremental = createIncrementalParser();
  let text = start;
  assert.deepStrictEqual(incremental.parse(text), parse(text));
  for (const change of edits) {
    text = applyAny(text, change);
    assert.deepStrictEqual(incremental.parse(text), parse(text), `after ${JSON.stringify(change)}:\n${text}`);
  }
}

const KPI = (name: string, target: number): string => `kpi ${name} {\n  value count(tickets)\n  target >= ${target}\n}\n`;

describe('syntax: incremental parsing', function () {
  // Thousands of parses of both kinds; generous for a loaded CI machine.
  this.timeout(120_000);
  const texts = samples();

  it('gives what parse gives over random edit sequences of the samples', () => {
    fc.assert(
      fc.property(fc.nat({ max: texts.length - 1 }), fc.array(anyEdit, { minLength: 1, maxLength: 12 }), (which, edits) => {
        agreesThroughout(texts[which], edits);
      }),
      { numRuns: 400 },
    );
  });

  it('gives what parse gives when every sample is one long file', () => {
    const joined = texts.join('\n');
    fc.assert(
      fc.property(fc.array(validEdit.map((valid) => ({ valid }) as AnyEdit), { minLength: 1, maxLength: 8 }), (edits) => {
        agreesThroughout(joined, edits);
      }),
      { numRuns: 40 },
    );
  });

  it('reuses the declarations an edit did not touch, moved to where they now stand', () => {
    const incremental = createIncrementalParser();
    const before = incremental.parse(KPI('a', 1) + KPI('b', 2) + KPI('c', 3));
    const after = incremental.parse(KPI('a', 1) + KPI('b', 200) + KPI('c', 3));
    const [a1, b1, c1] = before.file.declarations;
    const [a2, b2, c2] = after.file.declarations;
    assert.equal(a2, a1, 'the declaration before the edit is the same object');
    assert.notEqual(b2, b1, 'the edited declaration is parsed again');
    assert.equal((b2 as KpiDecl).thresholds[0].quantity?.value, 200);
    assert.notEqual(c2, c1, 'the declaration after the edit moved two characters');
    assert.equal(c2.span.start, c1.span.start + 2);
    assert.deepStrictEqual(after, parse(KPI('a', 1) + KPI('b', 200) + KPI('c', 3)));
  });

  it('answers the same text with the same result', () => {
    const incremental = createIncrementalParser();
    const text = KPI('a', 1);
    assert.equal(incremental.parse(text), incremental.parse(text));
  });

  it('does not carry a doc comment from the top of the file to a declaration after another token', () => {
    // The same region text: first at the start of the file (a doc comment), then after `}` (not one).
    const incremental = createIncrementalParser();
    const first = '/// Tickets opened\n' + KPI('a', 1);
    const second = `kpi z {\n  value count(tickets)\n}${first}`;
    for (const text of [first, second, first]) assert.deepStrictEqual(incremental.parse(text), parse(text));
    assert.equal((incremental.parse(first).file.declarations[0] as KpiDecl).doc, 'Tickets opened');
    assert.equal((incremental.parse(second).file.declarations[1] as KpiDecl).doc, undefined);
  });

  it('takes the whole-file path, with its error recovery, when a declaration is broken', () => {
    const incremental = createIncrementalParser();
    const valid = KPI('a', 1) + KPI('b', 2);
    incremental.parse(valid);
    const broken = valid.replace('target >= 2', 'target >= ');
    const result = incremental.parse(broken);
    assert.deepStrictEqual(result, parse(broken));
    assert.ok(result.errors.length > 0);
    assert.deepStrictEqual(incremental.parse(valid), parse(valid));
  });
});
