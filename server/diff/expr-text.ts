/**
 * Plan expressions written back as `.kpi`-like text, for describing a
 * definition change (`filter added: channel = "chat"`). Not a formatter of
 * the source: the plan holds converted values (a percent literal is a
 * fraction), so this is for people comparing two versions, not for parsing.
 *
 * Binary operands that are binary themselves are parenthesised, so the text
 * never depends on precedence rules to read right.
 */

import type { Literal, MeasureExpr, RowExpr } from '../../grammar/eval/plan';

export function literalText(value: Literal): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * A row expression. Columns are bare (`csat >= 4`, as in a `where`), or
 * qualified with `dataset` (`tickets.csat >= 4`, as in an aggregation's argument).
 */
export function rowText(expr: RowExpr, dataset?: string): string {
  const operand = (e: RowExpr): string => {
    const text = rowText(e, dataset);
    return e.kind === 'column' || e.kind === 'literal' || e.kind === 'not' || e.kind === 'neg' ? text : `(${text})`;
  };
  switch (expr.kind) {
    case 'column': return dataset ? `${dataset}.${expr.column}` : expr.column;
    case 'literal': return literalText(expr.value);
    case 'arith':
    case 'compare':
    case 'logic': return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
    case 'neg': return `-${operand(expr.operand)}`;
    case 'not': return `not ${operand(expr.operand)}`;
    case 'in': return `${operand(expr.operand)} ${expr.negated ? 'not in' : 'in'} [${expr.values.map(literalText).join(', ')}]`;
    case 'missing': return `${operand(expr.operand)} is ${expr.negated ? 'not missing' : 'missing'}`;
  }
}

/** `p90`, `median`, `percentile(…, 99.5)` as the name of an aggregation. */
export function aggregateName(expr: Extract<MeasureExpr, { kind: 'aggregate' }>): string {
  if (expr.fn !== 'percentile') return expr.fn;
  const q = expr.quantile ?? 0.5;
  if (q === 0.5) return 'median';
  const percent = Math.round(q * 1e6) / 1e4;
  return Number.isInteger(percent) && percent >= 1 && percent <= 99 ? `p${percent}` : `percentile ${percent}`;
}

/** A KPI value: `share(tickets where resolved)`, `p90(tickets.first_response_min)`, `fcr / resolution_rate`. */
export function measureText(expr: MeasureExpr): string {
  switch (expr.kind) {
    case 'aggregate': {
      const name = aggregateName(expr);
      const fn = name.startsWith('percentile') ? 'percentile' : name;
      const quantile = fn === 'percentile' ? `, ${name.slice('percentile '.length)}` : '';
      if (expr.arg === null) return `${fn}(${expr.dataset}${expr.filter ? ` where ${rowText(expr.filter)}` : ''})`;
      if (expr.fn === 'share' && !expr.filter) return `share(${expr.dataset} where ${rowText(expr.arg)})`;
      const filter = expr.filter ? ` where ${rowText(expr.filter)}` : '';
      return `${fn}(${rowText(expr.arg, expr.dataset)}${filter}${quantile})`;
    }
    case 'measure': return expr.name;
    case 'constant': return String(expr.value);
    case 'arith': return `${measureOperand(expr.left)} ${expr.op} ${measureOperand(expr.right)}`;
    case 'neg': return `-${measureOperand(expr.operand)}`;
  }
}

function measureOperand(expr: MeasureExpr): string {
  const text = measureText(expr);
  return expr.kind === 'arith' ? `(${text})` : text;
}

/** Cut to `max` characters with an ellipsis, so a description stays one short line. */
export function shortText(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
