/**
 * Expressions: precedence and associativity (checked on a rendering of the
 * tree, no offsets), literal values, and spans (position markers).
 */

import { strict as assert } from 'node:assert';
import { parse, type Expr } from '../../../grammar/syntax';
import { parseMarkers, rangeLabelled } from '../../support/markers';
import { kpiNamed, render, spanOfRange } from './ast-helpers';

/** The value expression of `kpi k { value <source> }`, which must parse without errors. */
function valueOf(source: string): Expr | undefined {
  const result = parse(`kpi k { value ${source} }`);
  assert.deepEqual(result.errors, [], source);
  return kpiNamed(result.file, 'k').value;
}

describe('syntax: expressions', () => {
  const cases: Array<[string, string]> = [
    // or < and < not < comparison < + - < * / < unary minus < primary
    ['a or b and c', '(a or (b and c))'],
    ['a and b or c', '((a and b) or c)'],
    ['not a and b', '((not a) and b)'],
    ['not a = b', '(not (a = b))'],
    ['not not a', '(not (not a))'],
    ['a = b + c * d', '(a = (b + (c * d)))'],
    ['a + b * c - d / e', '((a + (b * c)) - (d / e))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 / 2', '((8 / 4) / 2)'],
    ['-a * b', '((- a) * b)'],
    ['a - -b', '(a - (- b))'],
    ['(a + b) / 2', '(paren((a + b)) / 2)'],
    ['a != b or c <= d and e > f', '((a != b) or ((c <= d) and (e > f)))'],
    ['a < b', '(a < b)'],
    ['a >= 4', '(a >= 4)'],
    // membership and missing values
    ['channel in ["chat", "email"]', '(channel in ["chat", "email"])'],
    ['channel not in ["chat"] and x', '((channel not in ["chat"]) and x)'],
    ['csat is missing', '(csat is missing)'],
    ['csat is not missing or not resolved', '((csat is not missing) or (not resolved))'],
    ['not x in [1, 2]', '(not (x in [1, 2]))'],
    ['x in []', '(x in [])'],
    // literals
    ['85%', '0.85%'],
    ['.5 + 1e3 + 3.25', '((0.5 + 1000) + 3.25)'],
    ['"a \\"quoted\\" \\\\ \\n \\t \\u00e9"', '"a \\"quoted\\" \\\\ \\n \\t é"'],
    ['true or false', '(true or false)'],
    // names, members and calls
    ['fcr / resolution_rate', '(fcr / resolution_rate)'],
    ['tickets.csat', 'tickets.csat'],
    ['count(tickets)', 'count(tickets)'],
    ['count()', 'count()'],
    ['count(tickets where resolved and not reopened)', 'count(tickets where (resolved and (not reopened)))'],
    ['share(tickets.csat >= 4)', 'share((tickets.csat >= 4))'],
    ['percentile(tickets.x, 95)', 'percentile(tickets.x, 95)'],
    ['mean(tickets.csat where channel = "chat")', 'mean(tickets.csat where (channel = "chat"))'],
    ['mean((survey.quality - 1) / 9 * 100)', 'mean(((paren((survey.quality - 1)) / 9) * 100))'],
    ['count(tickets where resolved) / count(tickets)', '(count(tickets where resolved) / count(tickets))'],
  ];

  for (const [source, expected] of cases) {
    it(`reads ${source}`, () => {
      assert.equal(render(valueOf(source)), expected);
    });
  }

  it('gives every node its exact span', () => {
    const marked = parseMarkers(
      'kpi k { value ⟦all|⟦divide|⟦call|⟦callee|count⟧(⟦arg|tickets⟧ where ⟦filter|⟦not|not ⟦flag|reopened⟧⟧ and ⟦in|channel in ["chat"]⟧⟧)⟧ ⟦slash|/⟧ ⟦neg|-⟦paren|(⟦missing|x is not missing⟧)⟧⟧⟧ ⟦times|*⟧ ⟦pct|5%⟧⟧ }',
    );
    const result = parse(marked.text);
    assert.deepEqual(result.errors, []);
    const range = (label: string) => spanOfRange(rangeLabelled(marked, label));
    const value = kpiNamed(result.file, 'k').value;
    // `a / -b * c` is `(a / -b) * c`
    assert.ok(value?.kind === 'binary' && value.op === '*');
    assert.deepEqual(value.span, range('all'));
    assert.deepEqual(value.opSpan, range('times'));
    assert.deepEqual(value.right, { kind: 'number', value: 0.05, percent: true, span: range('pct') });
    const divide = value.left;
    assert.ok(divide.kind === 'binary' && divide.op === '/');
    assert.deepEqual(divide.span, range('divide'));
    assert.deepEqual(divide.opSpan, range('slash'));
    const call = divide.left;
    assert.ok(call.kind === 'call');
    assert.deepEqual(call.span, range('call'));
    assert.deepEqual(call.callee.span, range('callee'));
    assert.deepEqual(call.args[0].span, range('arg'));
    assert.ok(call.filter?.kind === 'binary');
    assert.deepEqual(call.filter.span, range('filter'));
    assert.ok(call.filter.left.kind === 'unary');
    assert.deepEqual(call.filter.left.span, range('not'));
    assert.deepEqual(call.filter.left.operand.span, range('flag'));
    assert.deepEqual(call.filter.right.span, range('in'));
    const negative = divide.right;
    assert.ok(negative.kind === 'unary');
    assert.deepEqual(negative.span, range('neg'));
    assert.ok(negative.operand.kind === 'paren');
    assert.deepEqual(negative.operand.span, range('paren'));
    assert.deepEqual(negative.operand.inner.span, range('missing'));
  });

  it('reads a segment literal of every kind', () => {
    const result = parse(
      'kpi k { value 1 target >= 1 for a = "x" target >= 1 for a = -2.5 target >= 1 for a = 50% target >= 1 for a = true target >= 1 for a = false }',
    );
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      kpiNamed(result.file, 'k').thresholds.map((t) => render(t.segment?.value)),
      ['"x"', '-2.5', '0.5%', 'true', 'false'],
    );
  });
});
