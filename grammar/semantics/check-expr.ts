/**
 * Checks KPI value expressions and lowers them to the plan in one walk.
 *
 * Two levels: the measure level (top of a `value`: numbers, KPI/index names,
 * aggregations, arithmetic) and the row level (inside an aggregation: columns,
 * literals, arithmetic, conditions). Each check returns the lowered node with
 * its unit (and, at row level, its value type), or undefined after reporting
 * why. Units are inferred bottom-up; time units convert, other mixes are
 * errors.
 */

import type { Expr, Name, Span } from '../syntax/ast';
import type { Literal, MeasureExpr, RowExpr, Unit } from '../eval/plan';
import { AGGREGATIONS, PERIODS, aggregationNamed } from './functions';
import { CheckContext, ColumnInfo, DatasetInfo, columnId, datasetId, measureId } from './context';
import { closestName, didYouMean } from './suggest';
import { conversionFactor, isTimeUnit, unitPhrase } from './units';
import { parseDateLiteral } from './literals';

/** What a measure-level check needs from the measure being checked. */
export interface MeasureScope {
  file: string;
  /** The unit of another measure (checking it on first use); undefined if it has errors. */
  unitOf(name: string): Unit | undefined;
  /** Records a dependency on another measure (for cycle detection). */
  dependOn(name: string, span: Span): void;
  /** Records that the value reads this dataset. */
  read(dataset: string): void;
  /** Records a column the evaluation must load. */
  use(column: ColumnInfo): void;
}

export interface Checked<T> {
  plan: T;
  unit: Unit;
}

type ValueType = 'number' | 'text' | 'bool' | 'date';

interface RowChecked extends Checked<RowExpr> {
  type: ValueType;
}

export function checkMeasureExpr(ctx: CheckContext, scope: MeasureScope, expr: Expr): Checked<MeasureExpr> | undefined {
  switch (expr.kind) {
    case 'number':
      return { plan: { kind: 'constant', value: expr.value }, unit: expr.percent ? 'percent' : 'none' };
    case 'paren':
      return checkMeasureExpr(ctx, scope, expr.inner);
    case 'name':
      return checkMeasureName(ctx, scope, expr.name);
    case 'member': {
      const dataset = ctx.datasets.get(expr.object.text);
      const hint = dataset ? `; aggregate it, e.g. \`mean(${expr.object.text}.${expr.member.text})\`` : '';
      ctx.error('KPI034', scope.file, expr.span, `\`${expr.object.text}.${expr.member.text}\` is a row value, not a KPI value${hint}`);
      return undefined;
    }
    case 'call':
      return checkAggregation(ctx, scope, expr);
    case 'unary': {
      if (expr.op === 'not') {
        ctx.error('KPI023', scope.file, expr.span, 'A condition cannot be a KPI value; use `share(...)` to measure how often it holds');
        return undefined;
      }
      const operand = checkMeasureExpr(ctx, scope, expr.operand);
      return operand && { plan: { kind: 'neg', operand: operand.plan }, unit: operand.unit };
    }
    case 'binary': {
      if (expr.op === '+' || expr.op === '-' || expr.op === '*' || expr.op === '/') {
        const left = checkMeasureExpr(ctx, scope, expr.left);
        const right = checkMeasureExpr(ctx, scope, expr.right);
        if (!left || !right) return undefined;
        return combineMeasures(ctx, scope.file, expr.op, expr.opSpan, left, right);
      }
      ctx.error('KPI023', scope.file, expr.span, 'A condition cannot be a KPI value; use `share(...)` to measure how often it holds');
      return undefined;
    }
    case 'string':
    case 'bool':
      ctx.error('KPI023', scope.file, expr.span, 'A KPI value must be a number: an aggregation, a KPI or arithmetic over them');
      return undefined;
    case 'in':
    case 'missing':
      ctx.error('KPI023', scope.file, expr.span, 'A condition cannot be a KPI value; use `share(...)` to measure how often it holds');
      return undefined;
    case 'error':
      return undefined;
  }
}

function checkMeasureName(ctx: CheckContext, scope: MeasureScope, name: Name): Checked<MeasureExpr> | undefined {
  const measure = ctx.measures.get(name.text);
  if (measure) {
    ctx.occur(scope.file, name.span, measureId(measure.kind, measure.name));
    scope.dependOn(measure.name, name.span);
    const unit = scope.unitOf(measure.name);
    return unit === undefined ? undefined : { plan: { kind: 'measure', name: measure.name }, unit };
  }
  if (ctx.datasets.has(name.text)) {
    ctx.occur(scope.file, name.span, datasetId(name.text));
    ctx.error('KPI034', scope.file, name.span, `\`${name.text}\` is a dataset, not a value; did you mean \`count(${name.text})\`?`);
    return undefined;
  }
  const suggestion = closestName(name.text, ctx.measures.keys());
  ctx.error('KPI010', scope.file, name.span, `Unknown KPI or index \`${name.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
  return undefined;
}

function combineMeasures(
  ctx: CheckContext,
  file: string,
  op: '+' | '-' | '*' | '/',
  opSpan: Span,
  left: Checked<MeasureExpr>,
  right: Checked<MeasureExpr>,
): Checked<MeasureExpr> | undefined {
  const unit = combineUnits(ctx, file, op, opSpan, left.unit, right.unit);
  if (unit === undefined) return undefined;
  let rightPlan = right.plan;
  const factor = op === '+' || op === '-' || op === '/' ? conversionFactor(right.unit, left.unit) : 1;
  if (factor !== undefined && factor !== 1 && isTimeUnit(left.unit)) {
    rightPlan = { kind: 'arith', op: '*', left: rightPlan, right: { kind: 'constant', value: factor } };
  }
  return { plan: { kind: 'arith', op, left: left.plan, right: rightPlan }, unit };
}

/** The unit of `left op right`, or undefined after reporting a mismatch. */
function combineUnits(ctx: CheckContext, file: string, op: string, span: Span, left: Unit, right: Unit): Unit | undefined {
  if (op === '+' || op === '-') {
    if (left === right || conversionFactor(right, left) !== undefined) return left;
    if (right === 'none') return left;
    if (left === 'none') return right;
    ctx.error('KPI022', file, span, `Cannot ${op === '+' ? 'add' : 'subtract'} ${unitPhrase(right)} ${op === '+' ? 'to' : 'from'} ${unitPhrase(left)}`);
    return undefined;
  }
  if (op === '*') {
    if (right === 'none') return left;
    if (left === 'none') return right;
    return 'none';
  }
  // division
  if (right === 'none') return left;
  return 'none';
}

// ---------------------------------------------------------------- aggregations

function checkAggregation(ctx: CheckContext, scope: MeasureScope, call: Extract<Expr, { kind: 'call' }>): Checked<MeasureExpr> | undefined {
  const name = call.callee.text;
  const found = aggregationNamed(name);
  if (!found) {
    if (PERIODS.has(name as never)) {
      ctx.error('KPI030', scope.file, call.callee.span, `\`${name}(...)\` is a period, usable only in \`trend by ${name}(column)\``);
    } else {
      const suggestion = closestName(name, AGGREGATIONS.keys());
      ctx.error('KPI030', scope.file, call.callee.span, `Unknown function \`${name}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
    }
    return undefined;
  }
  const dataset = aggregationDataset(ctx, scope.file, call);
  if (!dataset) return undefined;
  scope.read(dataset.name);
  const rowScope: RowScope = { file: scope.file, dataset, use: scope.use };
  const [first, second] = call.args;
  const firstIsDataset = first?.kind === 'name' && first.name.text === dataset.name && !dataset.columns.has(first.name.text);
  if (firstIsDataset) ctx.occur(scope.file, first.name.span, datasetId(dataset.name));

  const filter = call.filter ? checkCondition(ctx, rowScope, call.filter) : null;
  if (filter === undefined) return undefined;
  const filterPlan = filter ? filter.plan : null;

  const expectArgs = (count: number, usage: string): boolean => {
    if (call.args.length === count) return true;
    ctx.error('KPI031', scope.file, call.span, `\`${name}\` takes ${count === 1 ? 'one argument' : `${count} arguments`}: ${usage}`);
    return false;
  };

  switch (found.fn) {
    case 'count': {
      if (!expectArgs(1, 'count(dataset), count(dataset where condition) or count(dataset.column)')) return undefined;
      if (firstIsDataset) return aggregate('count', dataset.name, null, filterPlan, 'count');
      const arg = checkRow(ctx, rowScope, first);
      return arg && aggregate('count', dataset.name, arg.plan, filterPlan, 'count');
    }
    case 'share': {
      if (!expectArgs(1, 'share(dataset where condition) or share(condition)')) return undefined;
      if (firstIsDataset) {
        if (!filter) {
          ctx.error('KPI031', scope.file, call.span, `\`share\` needs a condition: \`share(${dataset.name} where ...)\``);
          return undefined;
        }
        return aggregate('share', dataset.name, filter.plan, null, 'percent');
      }
      const condition = checkCondition(ctx, rowScope, first);
      return condition && aggregate('share', dataset.name, condition.plan, filterPlan, 'percent');
    }
    default: {
      const isPercentile = found.fn === 'percentile' && found.quantile === undefined;
      const usage = isPercentile ? `percentile(${dataset.name}.column, 95)` : `${name}(${dataset.name}.column)`;
      if (!expectArgs(isPercentile ? 2 : 1, usage)) return undefined;
      if (firstIsDataset) {
        ctx.error('KPI031', scope.file, first.span, `\`${name}\` needs a column, e.g. \`${usage}\``);
        return undefined;
      }
      const arg = checkRow(ctx, rowScope, first);
      if (!arg) return undefined;
      if (found.fn !== 'distinct' && arg.type !== 'number') {
        ctx.error('KPI023', scope.file, first.span, `\`${name}\` needs numbers, but this is ${arg.type}`);
        return undefined;
      }
      let quantile = found.quantile;
      if (found.fn === 'median') quantile = 0.5;
      if (isPercentile) {
        if (second.kind !== 'number' || second.percent || second.value < 0 || second.value > 100) {
          ctx.error('KPI031', scope.file, second.span, 'The percentile must be a number from 0 to 100, e.g. `percentile(x, 95)`');
          return undefined;
        }
        quantile = second.value / 100;
      }
      const unit: Unit = found.fn === 'distinct' ? 'count' : found.fn === 'nps' ? 'points' : arg.unit;
      const fn = found.fn === 'median' ? 'percentile' : found.fn;
      const plan: MeasureExpr = { kind: 'aggregate', fn, dataset: dataset.name, arg: arg.plan, filter: filterPlan };
      if (quantile !== undefined) plan.quantile = quantile;
      return { plan, unit };
    }
  }
}

function aggregate(fn: 'count' | 'share', dataset: string, arg: RowExpr | null, filter: RowExpr | null, unit: Unit): Checked<MeasureExpr> {
  return { plan: { kind: 'aggregate', fn, dataset, arg, filter }, unit };
}

/**
 * The dataset an aggregation reads: named by its first argument (`tickets`,
 * `tickets.x`), else by the qualified columns it uses, else the only dataset.
 */
function aggregationDataset(ctx: CheckContext, file: string, call: Extract<Expr, { kind: 'call' }>): DatasetInfo | undefined {
  const first = call.args[0];
  if (!first) {
    ctx.error('KPI031', file, call.span, `\`${call.callee.text}\` needs an argument, e.g. \`${call.callee.text}(dataset.column)\``);
    return undefined;
  }
  if (first.kind === 'name' && ctx.datasets.has(first.name.text)) return ctx.datasets.get(first.name.text);
  const named = new Map<string, Span>();
  const visit = (expr: Expr | undefined): void => {
    if (!expr) return;
    switch (expr.kind) {
      case 'member':
        if (ctx.datasets.has(expr.object.text) && !named.has(expr.object.text)) named.set(expr.object.text, expr.object.span);
        return;
      case 'binary': visit(expr.left); visit(expr.right); return;
      case 'unary': visit(expr.operand); return;
      case 'paren': visit(expr.inner); return;
      case 'in': visit(expr.operand); return;
      case 'missing': visit(expr.operand); return;
      case 'call': expr.args.forEach(visit); visit(expr.filter); return;
      default: return;
    }
  };
  visit(first);
  visit(call.filter);
  if (named.size === 1) return ctx.datasets.get([...named.keys()][0]);
  if (named.size > 1) {
    ctx.error('KPI032', file, call.span, `One aggregation reads one dataset, but this one names ${[...named.keys()].map((n) => `\`${n}\``).join(' and ')}; combine separate aggregations instead`);
    return undefined;
  }
  const only = ctx.onlyDataset();
  if (only) return only;
  if (ctx.datasets.size === 0) {
    ctx.error('KPI010', file, call.span, 'No dataset is declared: declare one with `dataset name from "file.csv" { ... }` or import it');
  } else {
    const names = [...ctx.datasets.keys()];
    ctx.error('KPI014', file, first.span, `Which dataset? Several are declared (${names.join(', ')}); qualify the column, e.g. \`${names[0]}.column\``);
  }
  return undefined;
}

// ---------------------------------------------------------------- row level

interface RowScope {
  file: string;
  dataset: DatasetInfo;
  use(column: ColumnInfo): void;
}

function checkCondition(ctx: CheckContext, scope: RowScope, expr: Expr): RowChecked | undefined {
  const checked = checkRow(ctx, scope, expr);
  if (checked && checked.type !== 'bool') {
    ctx.error('KPI023', scope.file, expr.span, `Expected a condition (true or false), but this is ${checked.type === 'number' ? 'a number' : checked.type}`);
    return undefined;
  }
  return checked;
}

function checkRow(ctx: CheckContext, scope: RowScope, expr: Expr): RowChecked | undefined {
  switch (expr.kind) {
    case 'number':
      return { plan: { kind: 'literal', value: expr.value }, unit: expr.percent ? 'percent' : 'none', type: 'number' };
    case 'string':
      return { plan: { kind: 'literal', value: expr.value }, unit: 'none', type: 'text' };
    case 'bool':
      return { plan: { kind: 'literal', value: expr.value }, unit: 'none', type: 'bool' };
    case 'paren':
      return checkRow(ctx, scope, expr.inner);
    case 'name':
      return checkColumn(ctx, scope, undefined, expr.name);
    case 'member':
      return checkColumn(ctx, scope, expr.object, expr.member);
    case 'call': {
      const what = aggregationNamed(expr.callee.text) ? 'An aggregation cannot be nested inside another aggregation' : `Unknown function \`${expr.callee.text}\` in a condition`;
      ctx.error('KPI033', scope.file, expr.span, what);
      return undefined;
    }
    case 'unary': {
      if (expr.op === 'not') {
        const operand = checkCondition(ctx, scope, expr.operand);
        return operand && { plan: { kind: 'not', operand: operand.plan }, unit: 'none', type: 'bool' };
      }
      const operand = checkRow(ctx, scope, expr.operand);
      if (!operand) return undefined;
      if (operand.type !== 'number') return typeError(ctx, scope.file, expr.span, 'Only numbers can be negated');
      return { plan: { kind: 'neg', operand: operand.plan }, unit: operand.unit, type: 'number' };
    }
    case 'binary':
      return checkRowBinary(ctx, scope, expr);
    case 'in': {
      const operand = checkRow(ctx, scope, expr.operand);
      if (!operand) return undefined;
      const values: Literal[] = [];
      for (const value of expr.values) {
        const literal = literalFor(ctx, scope.file, value, operand.type);
        if (literal === undefined) return undefined;
        values.push(literal);
      }
      return { plan: { kind: 'in', operand: operand.plan, values, negated: expr.negated }, unit: 'none', type: 'bool' };
    }
    case 'missing': {
      const operand = checkRow(ctx, scope, expr.operand);
      return operand && { plan: { kind: 'missing', operand: operand.plan, negated: expr.negated }, unit: 'none', type: 'bool' };
    }
    case 'error':
      return undefined;
  }
}

function checkColumn(ctx: CheckContext, scope: RowScope, object: Name | undefined, member: Name): RowChecked | undefined {
  if (object) {
    if (!ctx.datasets.has(object.text)) {
      const suggestion = closestName(object.text, ctx.datasets.keys());
      ctx.error('KPI010', scope.file, object.span, `Unknown dataset \`${object.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
      return undefined;
    }
    ctx.occur(scope.file, object.span, datasetId(object.text));
    if (object.text !== scope.dataset.name) {
      ctx.error('KPI032', scope.file, object.span, `This aggregation reads \`${scope.dataset.name}\`; \`${object.text}\` is another dataset`);
      return undefined;
    }
  }
  const column = scope.dataset.columns.get(member.text);
  if (!column) {
    if (!object && ctx.measures.has(member.text)) {
      ctx.error('KPI033', scope.file, member.span, `\`${member.text}\` is a KPI; inside an aggregation only columns of \`${scope.dataset.name}\` can be used`);
      return undefined;
    }
    const suggestion = closestName(member.text, scope.dataset.columns.keys());
    ctx.error('KPI012', scope.file, member.span, `Dataset \`${scope.dataset.name}\` has no column \`${member.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
    return undefined;
  }
  ctx.occur(scope.file, member.span, columnId(column.dataset, column.name));
  if (!column.type) return undefined;
  scope.use(column);
  const type: ValueType = column.type === 'int' ? 'number' : column.type === 'datetime' ? 'date' : column.type;
  return { plan: { kind: 'column', dataset: column.dataset, column: column.name, type: column.type }, unit: column.unit, type };
}

function checkRowBinary(ctx: CheckContext, scope: RowScope, expr: Extract<Expr, { kind: 'binary' }>): RowChecked | undefined {
  const { op } = expr;
  if (op === 'and' || op === 'or') {
    const left = checkCondition(ctx, scope, expr.left);
    const right = checkCondition(ctx, scope, expr.right);
    return left && right ? { plan: { kind: 'logic', op, left: left.plan, right: right.plan }, unit: 'none', type: 'bool' } : undefined;
  }
  if (op === '+' || op === '-' || op === '*' || op === '/') {
    const left = checkRow(ctx, scope, expr.left);
    const right = checkRow(ctx, scope, expr.right);
    if (!left || !right) return undefined;
    if (left.type !== 'number' || right.type !== 'number') return typeError(ctx, scope.file, expr.opSpan, `\`${op}\` needs numbers on both sides`);
    const unit = combineUnits(ctx, scope.file, op, expr.opSpan, left.unit, right.unit);
    if (unit === undefined) return undefined;
    return { plan: { kind: 'arith', op, left: left.plan, right: right.plan }, unit, type: 'number' };
  }
  // comparison: the literal side takes the other side's type (dates from strings)
  const left = checkRow(ctx, scope, expr.left);
  if (!left) return undefined;
  const right = isLiteral(expr.right) ? literalRow(ctx, scope.file, expr.right, left.type) : checkRow(ctx, scope, expr.right);
  if (!right) return undefined;
  if (left.type !== right.type) {
    return typeError(ctx, scope.file, expr.span, `Cannot compare ${describe(left.type)} with ${describe(right.type)}`);
  }
  if (left.type === 'bool' && op !== '=' && op !== '!=') return typeError(ctx, scope.file, expr.opSpan, 'true/false values can only be compared with = or !=');
  return { plan: { kind: 'compare', op, left: left.plan, right: right.plan }, unit: 'none', type: 'bool' };
}

function isLiteral(expr: Expr): boolean {
  return expr.kind === 'number' || expr.kind === 'string' || expr.kind === 'bool' || (expr.kind === 'unary' && expr.op === '-' && expr.operand.kind === 'number');
}

function literalRow(ctx: CheckContext, file: string, expr: Expr, type: ValueType): RowChecked | undefined {
  const value = literalFor(ctx, file, expr, type);
  return value === undefined ? undefined : { plan: { kind: 'literal', value }, unit: 'none', type };
}

/** A literal read as a value of `type` (a date string becomes epoch ms). */
function literalFor(ctx: CheckContext, file: string, expr: Expr, type: ValueType): Literal | undefined {
  if (expr.kind === 'unary' && expr.op === '-' && expr.operand.kind === 'number' && type === 'number') {
    return -expr.operand.value;
  }
  if (expr.kind === 'number' && type === 'number') return expr.value;
  if (expr.kind === 'string' && type === 'text') return expr.value;
  if (expr.kind === 'bool' && type === 'bool') return expr.value;
  if (expr.kind === 'string' && type === 'date') {
    const millis = parseDateLiteral(expr.value);
    if (millis === undefined) {
      ctx.error('KPI023', file, expr.span, `"${expr.value}" is not a date; write "2025-03-14" or "2025-03-14T09:00:00"`);
      return undefined;
    }
    return millis;
  }
  if (expr.kind === 'number' || expr.kind === 'string' || expr.kind === 'bool' || expr.kind === 'unary') {
    ctx.error('KPI023', file, expr.span, `Expected ${describe(type)} here, to match the other side${type === 'text' ? ' (a string like "chat")' : ''}`);
    return undefined;
  }
  ctx.error('KPI023', file, expr.span, 'Expected a literal value (a number, a string, true or false)');
  return undefined;
}

function describe(type: ValueType): string {
  switch (type) {
    case 'number': return 'a number';
    case 'text': return 'text';
    case 'bool': return 'true/false';
    case 'date': return 'a date';
  }
}

function typeError(ctx: CheckContext, file: string, span: Span, message: string): undefined {
  ctx.error('KPI023', file, span, message);
  return undefined;
}

export { checkRow, checkCondition, combineUnits };
export type { RowScope, RowChecked, ValueType };
