/**
 * Row expressions compiled to closures: SQL three-valued logic, comparisons
 * of numbers, text (code units), bools and dates with date literals, `in`,
 * `is missing`, and arithmetic that propagates missing values. Conditions
 * materialised a column at a time agree with the row-at-a-time closures.
 */

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RowExpr } from '../../../grammar/eval/plan';
import type { Table } from '../../../grammar/eval/data/table';
import { compileRowExpr, numericValues, truthValues } from '../../../grammar/eval/row-expr';
import { and, arith, cmp, col, inList, isMissing, lit, not, or } from './support/plan';
import { bool, date, datetime, int, num, table, text } from './support/table';

/** Truth per row: true, false, or null for unknown. */
function truths(expr: RowExpr, t: Table): Array<boolean | null> {
  return Array.from(truthValues(compileRowExpr(expr, t), t.rowCount), (v) => (v === 2 ? null : v === 1));
}

/** Value per row, null for missing. */
function numbers(expr: RowExpr, t: Table): Array<number | null> {
  return Array.from(numericValues(compileRowExpr(expr, t), t.rowCount), (v) => (Number.isNaN(v) ? null : v));
}

describe('row expressions', () => {
  describe('comparisons', () => {
    const t = table({ x: num(1, null, 5, 2), channel: text('chat', 'email', null, 'Chat') });
    const x = col('t', 'x');
    const channel = col('t', 'channel', 'text');

    it('are unknown when an operand is missing', () => {
      assert.deepEqual(truths(cmp('>', x, 2), t), [false, null, true, false]);
      assert.deepEqual(truths(cmp('>=', x, 2), t), [false, null, true, true]);
      assert.deepEqual(truths(cmp('!=', x, 2), t), [true, null, true, false]);
      assert.deepEqual(truths(cmp('=', channel, 'chat'), t), [true, false, null, false]);
    });

    it('read the same with the literal on the left', () => {
      assert.deepEqual(truths(cmp('<', 2, x), t), truths(cmp('>', x, 2), t));
      assert.deepEqual(truths(cmp('=', 'chat', channel), t), truths(cmp('=', channel, 'chat'), t));
    });

    it('order text by UTF-16 code units', () => {
      // "Chat" < "chat" (upper case first) and "email" > "chat".
      assert.deepEqual(truths(cmp('<', channel, 'chat'), t), [false, false, null, true]);
      const words = table({ w: text('é', 'z', 'B', 'a') });
      assert.deepEqual(truths(cmp('>', col('t', 'w', 'text'), 'z'), words), [true, false, false, false]);
      assert.deepEqual(truths(cmp('<', col('t', 'w', 'text'), 'a'), words), [false, false, true, false]);
    });

    it('compare two columns row by row', () => {
      const pairs = table({ a: int(1, 2, null, 4), b: int(1, 3, 3, null), p: text('x', 'y', null, 'z'), q: text('x', 'x', 'x', 'zz') });
      assert.deepEqual(truths(cmp('<', col('t', 'a'), col('t', 'b')), pairs), [false, true, null, null]);
      assert.deepEqual(truths(cmp('=', col('t', 'p', 'text'), col('t', 'q', 'text')), pairs), [true, false, null, false]);
    });

    it('compare bools, and a date column with a date literal', () => {
      const rows = table({
        resolved: bool(true, false, null),
        opened: datetime('2025-02-28T23:59:59', '2025-03-01T00:00:00', null),
        day: date('2025-02-28', '2025-03-01', '2025-03-02'),
      });
      assert.deepEqual(truths(cmp('=', col('t', 'resolved', 'bool'), true), rows), [true, false, null]);
      assert.deepEqual(truths(cmp('>=', col('t', 'opened', 'datetime'), '2025-03-01'), rows), [false, true, null]);
      assert.deepEqual(truths(cmp('<', col('t', 'day', 'date'), '2025-03-01T12:00:00'), rows), [true, true, false]);
      assert.deepEqual(truths(cmp('=', col('t', 'day', 'date'), 'not a date'), rows), [null, null, null]);
    });
  });

  describe('three-valued logic (SQL / Kleene)', () => {
    // Every pair of (true, false, unknown).
    const t = table({
      a: bool(true, true, true, false, false, false, null, null, null),
      b: bool(true, false, null, true, false, null, true, false, null),
    });
    const a = col('t', 'a', 'bool');
    const b = col('t', 'b', 'bool');

    it('and: false wins, then unknown', () => {
      assert.deepEqual(truths(and(a, b), t), [true, false, null, false, false, false, null, false, null]);
    });

    it('or: true wins, then unknown', () => {
      assert.deepEqual(truths(or(a, b), t), [true, true, true, true, false, null, true, null, null]);
    });

    it('not: unknown stays unknown', () => {
      assert.deepEqual(truths(not(a), t), [false, false, false, true, true, true, null, null, null]);
    });

    it('is missing is never unknown', () => {
      assert.deepEqual(truths(isMissing(a), t), [false, false, false, false, false, false, true, true, true]);
      assert.deepEqual(truths(isMissing(a, true), t), [true, true, true, true, true, true, false, false, false]);
      const x = table({ x: num(1, null), s: text(null, 'a') });
      assert.deepEqual(truths(isMissing(col('t', 'x')), x), [false, true]);
      assert.deepEqual(truths(isMissing(col('t', 's', 'text')), x), [true, false]);
      assert.deepEqual(truths(isMissing(arith('/', col('t', 'x'), 0)), x), [true, true], 'x / 0 is missing');
    });
  });

  describe('in lists', () => {
    const t = table({ channel: text('chat', 'email', null, 'phone'), n: int(1, 2, null, 4), ok: bool(true, false, null, true) });
    it('is unknown for a missing operand, negated or not', () => {
      const channel = col('t', 'channel', 'text');
      assert.deepEqual(truths(inList(channel, ['chat', 'phone']), t), [true, false, null, true]);
      assert.deepEqual(truths(inList(channel, ['chat', 'phone'], true), t), [false, true, null, false]);
      assert.deepEqual(truths(inList(col('t', 'n', 'int'), [2, 4]), t), [false, true, null, true]);
      assert.deepEqual(truths(inList(col('t', 'ok', 'bool'), [false]), t), [false, true, null, false]);
    });
  });

  describe('arithmetic', () => {
    const t = table({ quality: int(1, 10, null, 4), zero: int(0, 2, 1, null) });
    const quality = col('t', 'quality', 'int');

    it('rescales values and propagates missing ones', () => {
      // (quality - 1) / 9 * 100: a 1..10 scale to 0..100
      const scaled = arith('*', arith('/', arith('-', quality, 1), 9), 100);
      assert.deepEqual(numbers(scaled, t), [0, 100, null, ((4 - 1) / 9) * 100]);
      assert.deepEqual(numbers({ kind: 'neg', operand: quality }, t), [-1, -10, null, -4]);
    });

    it('gives missing on division by zero', () => {
      assert.deepEqual(numbers(arith('/', quality, col('t', 'zero', 'int')), t), [null, 5, null, null]);
      assert.deepEqual(numbers(arith('/', 0, 0), t), [null, null, null, null]);
    });

    it('compares computed values', () => {
      assert.deepEqual(truths(cmp('>', arith('+', quality, col('t', 'zero', 'int')), 5), t), [false, true, null, null]);
    });
  });

  it('reads a column absent from the table as missing everywhere', () => {
    const t = table({ x: num(1, 2) });
    assert.deepEqual(numbers(col('t', 'nowhere'), t), [null, null]);
    assert.deepEqual(truths(cmp('=', col('t', 'nowhere', 'text'), 'a'), t), [null, null]);
    assert.deepEqual(truths(col('t', 'nowhere', 'bool'), t), [null, null]);
  });

  it('evaluates literals as constants', () => {
    const t = table({ x: num(1, 2) });
    assert.deepEqual(truths(lit(true), t), [true, true]);
    assert.deepEqual(numbers(lit(3), t), [3, 3]);
  });

  it('materialises conditions a column at a time exactly as row by row', () => {
    const x = col('t', 'x');
    const b = col('t', 'b', 'bool');
    const c = col('t', 'c', 'text');
    const leaf: fc.Arbitrary<RowExpr> = fc.oneof(
      fc.tuple(fc.constantFrom('=', '!=', '<', '<=', '>', '>=' as const), fc.integer({ min: -1, max: 4 }), fc.boolean())
        .map(([op, n, swapped]) => (swapped ? cmp(op, n, x) : cmp(op, x, n))),
      fc.tuple(fc.constantFrom('=', '!=', '<', '>=' as const), fc.constantFrom('a', 'b', 'zz')).map(([op, v]) => cmp(op, c, v)),
      fc.tuple(fc.subarray(['a', 'b', 'c']), fc.boolean()).map(([vs, negated]) => inList(c, vs, negated)),
      fc.tuple(fc.subarray([true, false]), fc.boolean()).map(([vs, negated]) => inList(b, vs, negated)),
      fc.constant(b),
      fc.constant(lit(true)),
      fc.constant(isMissing(x)),
      fc.constant(cmp('>', arith('+', x, 1), 2)),
    );
    const condition = fc.letrec<{ expr: RowExpr }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => and(l, r)),
        fc.tuple(tie('expr'), tie('expr')).map(([l, r]) => or(l, r)),
        tie('expr').map((e) => not(e)),
      ),
    })).expr;
    const rows = fc.array(
      fc.record({
        x: fc.option(fc.integer({ min: -1, max: 4 }), { nil: null }),
        b: fc.option(fc.boolean(), { nil: null }),
        c: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: null }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(rows, condition, (data, expr) => {
        const t = table({ x: num(...data.map((r) => r.x)), b: bool(...data.map((r) => r.b)), c: text(...data.map((r) => r.c)) });
        const compiled = compileRowExpr(expr, t);
        const rowByRow = Array.from({ length: t.rowCount }, (_, row) => compiled.at(row));
        assert.deepEqual(Array.from(truthValues(compiled, t.rowCount)), rowByRow);
      }),
      { numRuns: 500 },
    );
  });
});
