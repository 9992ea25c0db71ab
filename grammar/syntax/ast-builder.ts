/**
 * CST -> AST: a visitor over the parse tree of parser.ts, one method per rule.
 *
 * Invariants:
 * - Spans are offsets into the text, start inclusive, end exclusive, built
 *   from real tokens only: tokens the parser invented while recovering
 *   (`isInsertedInRecovery`) count as absent.
 * - A recovered (partial) CST node gives a partial AST node: missing parts are
 *   `undefined`, a missing expression is `{ kind: 'error' }` with a zero-length
 *   span where it should have been. Nothing here throws on a partial tree.
 * - Percents are fractions: `85%` has `value` 0.85 and `percent: true`.
 * - Doc comments: the `///` lines directly above a dataset, kpi or index (each
 *   on its own line, no blank line between them or before the keyword),
 *   trimmed and joined with spaces.
 * - The few structural errors the grammar lets through on purpose (a dataset
 *   without `from`, a clause given twice, a score written with `%`, a number
 *   too large) are reported here, beside the tree.
 */

import { tokenMatcher, type CstElement, type CstNode, type IToken } from 'chevrotain';
import type {
  BinaryOp,
  BreakdownDecl,
  ColumnDecl,
  ColumnPath,
  Comparator,
  ComponentDecl,
  DatasetDecl,
  Declaration,
  Expr,
  ImportDecl,
  IndexDecl,
  KpiDecl,
  KpiFile,
  Name,
  Quantity,
  ScorePoint,
  Span,
  StringLiteral,
  SyntaxError,
  ThresholdDecl,
  TrendDecl,
} from './ast';
import * as t from './tokens';
import { decodeString } from './strings';

export interface AstBuildResult {
  file: KpiFile;
  errors: SyntaxError[];
}

/** `cst` is the `file` rule's node; `comments` the lexer's comment group, in text order. */
export function buildAst(cst: CstNode, text: string, comments: IToken[]): AstBuildResult {
  return new AstBuilder(text, comments).build(cst);
}

/** The file's `//` and `///` comments as the AST keeps them (KpiFile.comments). */
export function commentsOf(tokens: readonly IToken[]): KpiFile['comments'] {
  return tokens.map((token) => ({ text: token.image, span: spanOf(token) }));
}

// ---- CST access (real tokens only) ----

function isToken(element: CstElement): element is IToken {
  return 'image' in element;
}

function tokensAt(node: CstNode, key: string): IToken[] {
  const found = node.children[key];
  if (found === undefined) return [];
  const result: IToken[] = [];
  for (const element of found) if (isToken(element) && !t.isVirtual(element)) result.push(element);
  return result;
}

function tokenAt(node: CstNode | undefined, key: string): IToken | undefined {
  return node === undefined ? undefined : tokensAt(node, key)[0];
}

function nodesAt(node: CstNode | undefined, key: string): CstNode[] {
  const found = node?.children[key];
  if (found === undefined) return [];
  const result: CstNode[] = [];
  for (const element of found) if (!isToken(element)) result.push(element);
  return result;
}

function nodeAt(node: CstNode | undefined, key: string): CstNode | undefined {
  return nodesAt(node, key)[0];
}

function spanOf(token: IToken): Span {
  return { start: token.startOffset, end: t.tokenEnd(token) };
}

function join(first: Span, last: Span): Span {
  return { start: first.start, end: Math.max(first.end, last.end) };
}

function at(offset: number): Span {
  return { start: offset, end: offset };
}

/**
 * From the first to the last real token under `node`, or undefined when it
 * has none. Chevrotain tracks node offsets while parsing, but leaves the end
 * of a recovered (partial) node unset: those are measured by walking them.
 */
function extentOf(node: CstNode): Span | undefined {
  const location = node.location;
  if (location !== undefined && node.recoveredNode !== true && isOffset(location.startOffset) && isOffset(location.endOffset)) {
    return { start: location.startOffset, end: (location.endOffset as number) + 1 };
  }
  const start = firstStart(node);
  return start === Infinity ? undefined : { start, end: lastEnd(node) };
}

function isOffset(value: number | undefined): value is number {
  return value !== undefined && !Number.isNaN(value);
}

/** Offset of the first real token under a recovered node (Infinity when none). Tokens under one key are in text order. */
function firstStart(node: CstNode): number {
  let best = Infinity;
  for (const key in node.children) {
    for (const element of node.children[key]) {
      const start = isToken(element) ? (t.isVirtual(element) ? Infinity : element.startOffset) : (extentOf(element)?.start ?? Infinity);
      if (start !== Infinity) {
        if (start < best) best = start;
        break;
      }
    }
  }
  return best;
}

/** End offset of the last real token under a recovered node (-Infinity when none). */
function lastEnd(node: CstNode): number {
  let best = -Infinity;
  for (const key in node.children) {
    const elements = node.children[key];
    for (let i = elements.length - 1; i >= 0; i--) {
      const element = elements[i];
      const end = isToken(element) ? (t.isVirtual(element) ? -Infinity : t.tokenEnd(element)) : (extentOf(element)?.end ?? -Infinity);
      if (end !== -Infinity) {
        if (end > best) best = end;
        break;
      }
    }
  }
  return best;
}

function nameOf(token: IToken | undefined): Name | undefined {
  return token === undefined ? undefined : { text: token.image, span: spanOf(token) };
}

function stringOf(token: IToken | undefined): StringLiteral | undefined {
  return token === undefined ? undefined : { value: decodeString(token.image).value, span: spanOf(token) };
}

const DECLARATION_RULES = ['importDecl', 'datasetDecl', 'kpiDecl', 'indexDecl', 'breakdownClause', 'trendClause'];

/** Binding strength of binary operators (higher binds tighter); all left-associative. */
const LOGIC_PRECEDENCE: Readonly<Record<string, number>> = { or: 1, and: 2 };
const ARITHMETIC_PRECEDENCE: Readonly<Record<string, number>> = { '+': 1, '-': 1, '*': 2, '/': 2 };

class AstBuilder {
  private readonly errors: SyntaxError[] = [];

  constructor(
    private readonly text: string,
    private readonly comments: IToken[],
  ) {}

  build(cst: CstNode): AstBuildResult {
    const declarations: Declaration[] = [];
    // Declarations of different kinds sit under different keys: restore text order.
    const nodes: CstNode[] = [];
    for (const key of DECLARATION_RULES) nodes.push(...nodesAt(cst, key));
    const ordered = nodes.map((node) => ({ node, start: extentOf(node)?.start ?? Infinity })).sort((a, b) => a.start - b.start);
    for (const { node } of ordered) {
      const declaration = this.declaration(node);
      if (declaration !== undefined) declarations.push(declaration);
    }
    const file: KpiFile = { declarations, comments: commentsOf(this.comments), span: { start: 0, end: this.text.length } };
    return { file, errors: this.errors };
  }

  private declaration(node: CstNode): Declaration | undefined {
    switch (node.name) {
      case 'importDecl':
        return this.importDecl(node);
      case 'datasetDecl':
        return this.datasetDecl(node);
      case 'kpiDecl':
        return this.kpiDecl(node);
      case 'indexDecl':
        return this.indexDecl(node);
      case 'breakdownClause':
        return this.breakdown(node);
      case 'trendClause':
        return this.trend(node);
      default:
        return undefined;
    }
  }

  // ---- declarations ----

  private importDecl(node: CstNode): ImportDecl | undefined {
    const span = extentOf(node);
    if (span === undefined) return undefined;
    return { kind: 'import', path: stringOf(tokenAt(node, 'path')), span };
  }

  private datasetDecl(node: CstNode): DatasetDecl | undefined {
    const keyword = tokenAt(node, 'Dataset');
    const span = extentOf(node);
    if (keyword === undefined || span === undefined) return undefined;
    const name = nameOf(tokenAt(node, 'name'));
    const source = stringOf(tokenAt(node, 'source'));
    const open = tokenAt(node, 'LCurly');
    const what = name === undefined ? 'the dataset' : `dataset \`${name.text}\``;
    if (source === undefined && open !== undefined && tokenAt(node, 'From') === undefined) {
      this.error(`Expected \`from "file"\` after ${what}: the data file it reads`, spanOf(open));
    } else if (source !== undefined && tokenAt(node, 'From') === undefined) {
      this.error(`Expected \`from\` before the data file of ${what}`, source.span);
    }
    const columns: ColumnDecl[] = [];
    for (const columnNode of nodesAt(node, 'columnDecl')) {
      const column = this.column(columnNode);
      if (column !== undefined) columns.push(column);
    }
    return {
      kind: 'dataset',
      doc: this.docAbove(keyword.startOffset),
      name,
      source,
      columns,
      span,
    };
  }

  private column(node: CstNode): ColumnDecl | undefined {
    const name = nameOf(tokenAt(node, 'name'));
    const span = extentOf(node);
    if (name === undefined || span === undefined) return undefined;
    const column: ColumnDecl = { kind: 'column', name, type: nameOf(tokenAt(node, 'type')), span };
    const what = `column \`${name.text}\``;
    const units = tokensAt(node, 'unit');
    column.unit = nameOf(units[0]);
    this.reportRepeats(units.map(spanOf), 'a unit', what);
    const ranges = nodesAt(node, 'range');
    column.range = ranges.length > 0 ? this.range(ranges[0]) : undefined;
    this.reportRepeats(ranges.map((range) => extentOf(range)), 'a range', what);
    const allowedNodes = nodesAt(node, 'allowedValues');
    const allowedSpan = allowedNodes.length > 0 ? extentOf(allowedNodes[0]) : undefined;
    if (allowedSpan !== undefined) {
      const values: StringLiteral[] = [];
      for (const token of tokensAt(allowedNodes[0], 'values')) {
        const value = stringOf(token);
        if (value !== undefined) values.push(value);
      }
      column.allowed = { values, span: allowedSpan };
    }
    this.reportRepeats(allowedNodes.map((allowed) => extentOf(allowed)), 'an `in [...]` list', what);
    const optionals = tokensAt(node, 'Optional').map(spanOf);
    column.optional = optionals[0];
    this.reportRepeats(optionals, '`optional`', what);
    const keys = tokensAt(node, 'Key').map(spanOf);
    column.key = keys[0];
    this.reportRepeats(keys, '`key`', what);
    return column;
  }

  private range(node: CstNode): ColumnDecl['range'] {
    const min = this.signedNumber(nodeAt(node, 'min'));
    const max = this.signedNumber(nodeAt(node, 'max'));
    if (min === undefined || max === undefined) return undefined;
    return { min: min.value, max: max.value, span: join(min.span, max.span) };
  }

  private kpiDecl(node: CstNode): KpiDecl | undefined {
    const keyword = tokenAt(node, 'Kpi');
    const span = extentOf(node);
    if (keyword === undefined || span === undefined) return undefined;
    const name = nameOf(tokenAt(node, 'name'));
    const title = stringOf(tokenAt(node, 'title'));
    const kpi: KpiDecl = {
      kind: 'kpi',
      doc: this.docAbove(keyword.startOffset),
      name,
      title,
      thresholds: [],
      header: join(spanOf(keyword), title?.span ?? name?.span ?? spanOf(keyword)),
      span,
    };
    const what = name === undefined ? 'this kpi' : `kpi \`${name.text}\``;
    const values = nodesAt(node, 'valueClause');
    if (values.length > 0) kpi.value = this.valueOf(values[0]);
    this.reportRepeatedClauses(values, 'Value', '`value`', what);
    for (const clause of nodesAt(node, 'thresholdClause')) {
      const threshold = this.threshold(clause);
      if (threshold !== undefined) kpi.thresholds.push(threshold);
    }
    this.sharedClauses(kpi, node, what);
    return kpi;
  }

  private indexDecl(node: CstNode): IndexDecl | undefined {
    const keyword = tokenAt(node, 'Index');
    const span = extentOf(node);
    if (keyword === undefined || span === undefined) return undefined;
    const name = nameOf(tokenAt(node, 'name'));
    const title = stringOf(tokenAt(node, 'title'));
    const index: IndexDecl = {
      kind: 'index',
      doc: this.docAbove(keyword.startOffset),
      name,
      title,
      components: [],
      thresholds: [],
      header: join(spanOf(keyword), title?.span ?? name?.span ?? spanOf(keyword)),
      span,
    };
    const what = name === undefined ? 'this index' : `index \`${name.text}\``;
    for (const line of nodesAt(node, 'componentLine')) {
      const component = this.component(line);
      if (component !== undefined) index.components.push(component);
    }
    for (const clause of nodesAt(node, 'thresholdClause')) {
      const threshold = this.threshold(clause);
      if (threshold !== undefined) index.thresholds.push(threshold);
    }
    this.sharedClauses(index, node, what);
    return index;
  }

  /** unit, direction, breakdown and trend: the clauses a kpi and an index share (first one wins). */
  private sharedClauses(target: KpiDecl | IndexDecl, node: CstNode, what: string): void {
    const units = nodesAt(node, 'unitClause');
    if (units.length > 0) target.unit = nameOf(tokenAt(units[0], 'unit'));
    this.reportRepeatedClauses(units, 'Unit', '`unit`', what);
    const directions = nodesAt(node, 'directionClause');
    const word = tokenAt(directions[0], 'direction');
    if (word !== undefined) target.direction = { value: word.image === 'higher' ? 'higher' : 'lower', span: spanOf(word) };
    this.reportRepeatedClauses(directions, 'Direction', '`direction`', what);
    const breakdowns = nodesAt(node, 'breakdownClause');
    if (breakdowns.length > 0) target.breakdown = this.breakdown(breakdowns[0]);
    this.reportRepeatedClauses(breakdowns, 'Breakdown', '`breakdown`', what);
    const trends = nodesAt(node, 'trendClause');
    if (trends.length > 0) target.trend = this.trend(trends[0]);
    this.reportRepeatedClauses(trends, 'Trend', '`trend`', what);
  }

  private component(node: CstNode): ComponentDecl | undefined {
    const name = nameOf(tokenAt(node, 'name'));
    const span = extentOf(node);
    if (name === undefined || span === undefined) return undefined;
    const what = `component \`${name.text}\``;
    const weights = nodesAt(node, 'weight');
    const weight = this.signedNumber(weights[0]);
    this.reportRepeats(weights.map((w) => extentOf(w)), 'a `weight`', what);
    const mappings = nodesAt(node, 'scoreMapping');
    this.reportRepeats(mappings.map((m) => extentOf(m)), 'a `score` mapping', what);
    const component: ComponentDecl = { kind: 'component', name, span };
    if (weight !== undefined) component.weight = weight;
    const mapping = mappings[0];
    const mappingSpan = mapping === undefined ? undefined : extentOf(mapping);
    if (mapping !== undefined && mappingSpan !== undefined) {
      const points: ScorePoint[] = [];
      for (const pointNode of nodesAt(mapping, 'scorePoint')) {
        const point = this.scorePoint(pointNode);
        if (point !== undefined) points.push(point);
      }
      component.score = { points, span: mappingSpan };
    }
    return component;
  }

  private scorePoint(node: CstNode): ScorePoint | undefined {
    const from = this.signedNumber(nodeAt(node, 'from'));
    const to = this.signedNumber(nodeAt(node, 'to'));
    if (from === undefined || to === undefined) return undefined;
    if (to.percent) {
      this.error('A score is a number from 0 to 100, written without `%` (`15 -> 100`)', to.span);
    }
    return { from: from.value, to: to.percent ? to.value * 100 : to.value, percent: from.percent, span: join(from.span, to.span) };
  }

  // ---- clauses ----

  private valueOf(clause: CstNode): Expr {
    const keyword = tokenAt(clause, 'Value');
    const fallback = keyword === undefined ? (extentOf(clause)?.end ?? 0) : t.tokenEnd(keyword);
    return this.expression(nodeAt(clause, 'expression'), fallback);
  }

  private threshold(node: CstNode): ThresholdDecl | undefined {
    const level = tokenAt(node, 'level');
    const span = extentOf(node);
    if (level === undefined || span === undefined) return undefined;
    const threshold: ThresholdDecl = {
      kind: 'threshold',
      level: level.image === 'warn' ? 'warn' : level.image === 'critical' ? 'critical' : 'target',
      levelSpan: spanOf(level),
      span,
    };
    const op = tokenAt(nodeAt(node, 'comparator'), 'op');
    if (op !== undefined) threshold.op = { text: op.image as Comparator, span: spanOf(op) };
    const quantityNode = nodeAt(node, 'quantity');
    const number = this.signedNumber(nodeAt(quantityNode, 'signedNumber'));
    if (number !== undefined) {
      const unit = nameOf(tokenAt(quantityNode, 'unit'));
      threshold.quantity = { ...number, unit, span: unit === undefined ? number.span : join(number.span, unit.span) };
    }
    const segmentNode = nodeAt(node, 'segment');
    const column = this.columnPath(nodeAt(segmentNode, 'columnPath'));
    const segmentSpan = segmentNode === undefined ? undefined : extentOf(segmentNode);
    if (segmentNode !== undefined && column !== undefined && segmentSpan !== undefined) {
      const equal = tokenAt(segmentNode, 'Equal');
      const value = this.literal(nodeAt(segmentNode, 'literal'), equal === undefined ? column.span.end : t.tokenEnd(equal));
      threshold.segment = { column, value, span: segmentSpan };
    }
    return threshold;
  }

  private breakdown(node: CstNode): BreakdownDecl | undefined {
    const span = extentOf(node);
    if (span === undefined) return undefined;
    const columns: ColumnPath[] = [];
    for (const pathNode of nodesAt(node, 'columnPath')) {
      const path = this.columnPath(pathNode);
      if (path !== undefined) columns.push(path);
    }
    return { kind: 'breakdown', columns, span };
  }

  private trend(node: CstNode): TrendDecl | undefined {
    const span = extentOf(node);
    if (span === undefined) return undefined;
    return { kind: 'trend', period: nameOf(tokenAt(node, 'period')), column: this.columnPath(nodeAt(node, 'columnPath')), span };
  }

  private columnPath(node: CstNode | undefined): ColumnPath | undefined {
    const first = nameOf(tokenAt(node, 'first'));
    if (first === undefined) return undefined;
    const second = nameOf(tokenAt(node, 'second'));
    if (second === undefined) return { column: first, span: first.span };
    return { dataset: first, column: second, span: join(first.span, second.span) };
  }

  /** A number as written, with an optional leading `-` and trailing `%` (a fraction then). */
  private signedNumber(node: CstNode | undefined): Quantity | undefined {
    const digits = tokenAt(node, 'NumberLiteral');
    if (node === undefined || digits === undefined) return undefined;
    const minus = tokenAt(node, 'Minus');
    const percent = tokenAt(node, 'Percent');
    const magnitude = this.numberValue(digits);
    const value = (minus === undefined ? magnitude : -magnitude) / (percent === undefined ? 1 : 100);
    const first = minus ?? digits;
    const last = percent ?? digits;
    return { value, percent: percent !== undefined, span: join(spanOf(first), spanOf(last)) };
  }

  private numberValue(token: IToken): number {
    const value = Number(token.image);
    if (!Number.isFinite(value)) {
      this.error(`The number \`${token.image}\` is too large`, spanOf(token));
      return 0;
    }
    return value;
  }

  /** The value of `for column = <literal>`, as an expression. */
  private literal(node: CstNode | undefined, fallback: number): Expr {
    if (node === undefined) return { kind: 'error', span: at(fallback) };
    const number = this.signedNumber(nodeAt(node, 'signedNumber'));
    if (number !== undefined) return { kind: 'number', value: number.value, percent: number.percent, span: number.span };
    const string = stringOf(tokenAt(node, 'StringLiteral'));
    if (string !== undefined) return { kind: 'string', value: string.value, span: string.span };
    const bool = tokenAt(node, 'True') ?? tokenAt(node, 'False');
    if (bool !== undefined) return { kind: 'bool', value: tokenMatcher(bool, t.True), span: spanOf(bool) };
    return { kind: 'error', span: extentOf(node) ?? at(fallback) };
  }

  // ---- expressions ----

  /** `fallback` is where an absent expression would have started. */
  private expression(node: CstNode | undefined, fallback: number): Expr {
    if (node === undefined) return { kind: 'error', span: at(fallback) };
    switch (node.name) {
      case 'expression':
        return this.chain(node, LOGIC_PRECEDENCE, fallback);
      case 'arithmetic':
        return this.chain(node, ARITHMETIC_PRECEDENCE, fallback);
      case 'comparison':
        return this.comparison(node, fallback);
      case 'primary':
        return this.primary(node, fallback);
      default:
        return { kind: 'error', span: extentOf(node) ?? at(fallback) };
    }
  }

  /** `operands` joined by `ops`, grouped by precedence (operator-precedence fold, left-associative). */
  private chain(node: CstNode, precedence: Readonly<Record<string, number>>, fallback: number): Expr {
    const operandNodes = nodesAt(node, 'operands');
    const ops = tokensAt(node, 'ops');
    const operands: Expr[] = [this.expression(operandNodes[0], fallback)];
    for (let i = 0; i < ops.length; i++) operands.push(this.expression(operandNodes[i + 1], t.tokenEnd(ops[i])));
    const values: Expr[] = [operands[0]];
    const pending: IToken[] = [];
    const reduce = (): void => {
      const op = pending.pop() as IToken;
      const right = values.pop() as Expr;
      const left = values.pop() as Expr;
      values.push({ kind: 'binary', op: op.image as BinaryOp, opSpan: spanOf(op), left, right, span: join(left.span, right.span) });
    };
    for (let i = 0; i < ops.length; i++) {
      const strength = precedence[ops[i].image] ?? 0;
      while (pending.length > 0 && (precedence[pending[pending.length - 1].image] ?? 0) >= strength) reduce();
      pending.push(ops[i]);
      values.push(operands[i + 1]);
    }
    while (pending.length > 0) reduce();
    return values[0];
  }

  /** Wraps `inner` in the prefix operators `prefixes` (innermost last). */
  private prefixed(prefixes: IToken[], op: 'not' | '-', inner: Expr): Expr {
    let result = inner;
    for (let i = prefixes.length - 1; i >= 0; i--) {
      result = { kind: 'unary', op, operand: result, span: join(spanOf(prefixes[i]), result.span) };
    }
    return result;
  }

  private comparison(node: CstNode, fallback: number): Expr {
    const nots = tokensAt(node, 'nots');
    const lastNot = nots[nots.length - 1];
    const left = this.expression(nodeAt(node, 'left'), lastNot === undefined ? fallback : t.tokenEnd(lastNot));
    return this.prefixed(nots, 'not', this.comparisonTail(node, left));
  }

  private comparisonTail(node: CstNode, left: Expr): Expr {
    const op = tokenAt(node, 'op');
    if (op !== undefined) {
      const right = this.expression(nodeAt(node, 'right'), t.tokenEnd(op));
      return { kind: 'binary', op: op.image as BinaryOp, opSpan: spanOf(op), left, right, span: join(left.span, right.span) };
    }
    const negated = tokenAt(node, 'negated') !== undefined;
    const inKeyword = tokenAt(node, 'In');
    if (inKeyword !== undefined) {
      const list = nodeAt(node, 'valueList');
      const values: Expr[] = [];
      let fallback = t.tokenEnd(inKeyword);
      for (const valueNode of nodesAt(list, 'values')) {
        const value = this.expression(valueNode, fallback);
        values.push(value);
        fallback = value.span.end;
      }
      const end = (list === undefined ? undefined : extentOf(list)) ?? spanOf(inKeyword);
      return { kind: 'in', operand: left, values, negated, span: join(left.span, end) };
    }
    const is = tokenAt(node, 'Is');
    if (is !== undefined) {
      const last = tokenAt(node, 'Missing') ?? tokenAt(node, 'negated') ?? is;
      return { kind: 'missing', operand: left, negated, span: join(left.span, spanOf(last)) };
    }
    return left;
  }

  private primary(node: CstNode, fallback: number): Expr {
    const minuses = tokensAt(node, 'minus');
    const lastMinus = minuses[minuses.length - 1];
    return this.prefixed(minuses, '-', this.atom(node, lastMinus === undefined ? fallback : t.tokenEnd(lastMinus)));
  }

  /** The primary without its unary minuses. */
  private atom(node: CstNode, fallback: number): Expr {
    const digits = tokenAt(node, 'NumberLiteral');
    if (digits !== undefined) {
      const percent = tokenAt(node, 'Percent');
      const value = this.numberValue(digits) / (percent === undefined ? 1 : 100);
      return { kind: 'number', value, percent: percent !== undefined, span: join(spanOf(digits), spanOf(percent ?? digits)) };
    }
    const string = stringOf(tokenAt(node, 'StringLiteral'));
    if (string !== undefined) return { kind: 'string', value: string.value, span: string.span };
    const bool = tokenAt(node, 'True') ?? tokenAt(node, 'False');
    if (bool !== undefined) return { kind: 'bool', value: tokenMatcher(bool, t.True), span: spanOf(bool) };
    const open = tokenAt(node, 'LParen');
    if (open !== undefined) {
      const inner = this.expression(nodeAt(node, 'inner'), t.tokenEnd(open));
      const close = tokenAt(node, 'RParen');
      return { kind: 'paren', inner, span: join(spanOf(open), close === undefined ? inner.span : spanOf(close)) };
    }
    const name = nameOf(tokenAt(node, 'name'));
    if (name === undefined) return { kind: 'error', span: at(fallback) };
    const member = nameOf(tokenAt(node, 'member'));
    if (member !== undefined) return { kind: 'member', object: name, member, span: join(name.span, member.span) };
    const dot = tokenAt(node, 'Dot');
    // `tickets.` with the member still to be typed: an error, not a bare name.
    if (dot !== undefined) return { kind: 'error', span: join(name.span, spanOf(dot)) };
    const args = nodeAt(node, 'callArguments');
    if (args !== undefined) return this.call(name, args);
    return { kind: 'name', name, span: name.span };
  }

  private call(callee: Name, node: CstNode): Expr {
    const open = tokenAt(node, 'LParen');
    let fallback = open === undefined ? callee.span.end : t.tokenEnd(open);
    const args: Expr[] = [];
    for (const argNode of nodesAt(node, 'args')) {
      const arg = this.expression(argNode, fallback);
      args.push(arg);
      fallback = arg.span.end;
    }
    const end = extentOf(node)?.end ?? callee.span.end;
    const call: Expr = { kind: 'call', callee, args, span: { start: callee.span.start, end: Math.max(callee.span.end, end) } };
    const where = tokenAt(node, 'Where');
    if (where !== undefined) call.filter = this.expression(nodeAt(node, 'filter'), t.tokenEnd(where));
    return call;
  }

  // ---- doc comments ----

  /** The `///` lines directly above the keyword at `offset`, joined; undefined when none. */
  private docAbove(offset: number): string | undefined {
    let index = this.lastCommentBefore(offset);
    let boundary = offset;
    const lines: string[] = [];
    while (index >= 0) {
      const comment = this.comments[index];
      if (!tokenMatcher(comment, t.DocComment)) break;
      if (this.lineBreaksBetween(t.tokenEnd(comment), boundary) !== 1) break;
      if (!this.startsItsLine(comment.startOffset)) break;
      lines.push(comment.image.slice(3).trim());
      boundary = comment.startOffset;
      index--;
    }
    const text = lines
      .reverse()
      .filter((line) => line.length > 0)
      .join(' ');
    return text.length > 0 ? text : undefined;
  }

  private lastCommentBefore(offset: number): number {
    let low = 0;
    let high = this.comments.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.comments[mid].startOffset < offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  /** Line breaks in `text[from, to)` when it is only whitespace; -1 otherwise. */
  private lineBreaksBetween(from: number, to: number): number {
    let breaks = 0;
    for (let i = from; i < to; i++) {
      const ch = this.text.charCodeAt(i);
      if (ch === 10) breaks++;
      else if (ch === 13) {
        breaks++;
        if (this.text.charCodeAt(i + 1) === 10) i++;
      } else if (ch !== 32 && ch !== 9 && ch !== 12 && ch !== 11 && ch !== 0xa0 && ch !== 0xfeff) return -1;
    }
    return breaks;
  }

  private startsItsLine(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const ch = this.text.charCodeAt(i);
      if (ch === 10 || ch === 13) return true;
      if (ch !== 32 && ch !== 9 && ch !== 0xfeff) return false;
    }
    return true;
  }

  // ---- structural errors ----

  private error(message: string, span: Span): void {
    this.errors.push({ message, span });
  }

  /** Reports every clause of a kind after the first. */
  private reportRepeatedClauses(clauses: CstNode[], keywordKey: string, label: string, what: string): void {
    for (const clause of clauses.slice(1)) {
      const keyword = tokenAt(clause, keywordKey);
      const span = keyword === undefined ? extentOf(clause) : spanOf(keyword);
      if (span !== undefined) this.error(`${what} already has a ${label} clause: keep only one`, span);
    }
  }

  private reportRepeats(spans: Array<Span | undefined>, label: string, what: string): void {
    for (const span of spans.slice(1)) {
      if (span !== undefined) this.error(`${what} already has ${label}: keep only one`, span);
    }
  }
}
