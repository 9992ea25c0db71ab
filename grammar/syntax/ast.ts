/**
 * The typed syntax tree of one `.kpi` file.
 *
 * Every node carries a `span` of character offsets into the file text:
 * `start` inclusive, `end` exclusive. The parser never fails: missing pieces
 * are `undefined` (or an `error` expression) and the syntax errors are
 * reported beside the tree, so every later phase must accept partial nodes.
 */

export interface Span {
  /** Offset of the first character (inclusive). */
  start: number;
  /** Offset after the last character (exclusive). */
  end: number;
}

/** An identifier as written, with where it was written. */
export interface Name {
  text: string;
  span: Span;
}

export interface StringLiteral {
  /** The value with escapes resolved. */
  value: string;
  span: Span;
}

export type Comparator = '>=' | '>' | '<=' | '<';

/**
 * A number as written: `30`, `85%`, `2 hours`, `-100`. Percents are already
 * fractions here: `85%` has `value` 0.85 and `percent: true`.
 */
export interface Quantity {
  value: number;
  percent: boolean;
  unit?: Name;
  span: Span;
}

export interface ImportDecl {
  kind: 'import';
  path?: StringLiteral;
  span: Span;
}

export interface ColumnDecl {
  kind: 'column';
  name: Name;
  /** `text`, `number`, `int`, `bool`, `date`, `datetime` as written (checked later). */
  type?: Name;
  unit?: Name;
  range?: { min: number; max: number; span: Span };
  allowed?: { values: Array<StringLiteral>; span: Span };
  optional?: Span;
  key?: Span;
  span: Span;
}

export interface DatasetDecl {
  kind: 'dataset';
  doc?: string;
  name?: Name;
  source?: StringLiteral;
  columns: ColumnDecl[];
  span: Span;
}

export interface ThresholdDecl {
  kind: 'threshold';
  level: 'target' | 'warn' | 'critical';
  levelSpan: Span;
  op?: { text: Comparator; span: Span };
  quantity?: Quantity;
  /** `for channel = "chat"` */
  segment?: { column: ColumnPath; value: Expr; span: Span };
  span: Span;
}

/** `channel` or `tickets.channel` */
export interface ColumnPath {
  dataset?: Name;
  column: Name;
  span: Span;
}

export interface TrendDecl {
  kind: 'trend';
  /** `day`, `week`, `month`, `quarter` as written. */
  period?: Name;
  column?: ColumnPath;
  span: Span;
}

export interface BreakdownDecl {
  kind: 'breakdown';
  columns: ColumnPath[];
  span: Span;
}

export interface KpiDecl {
  kind: 'kpi';
  doc?: string;
  name?: Name;
  title?: StringLiteral;
  value?: Expr;
  unit?: Name;
  direction?: { value: 'higher' | 'lower'; span: Span };
  thresholds: ThresholdDecl[];
  breakdown?: BreakdownDecl;
  trend?: TrendDecl;
  /** From `kpi` to the end of the title (or name): where inline results go. */
  header: Span;
  span: Span;
}

export interface ScorePoint {
  from: number;
  to: number;
  /** The `from` side was written as a percent (`50% -> 0`). */
  percent: boolean;
  span: Span;
}

export interface ComponentDecl {
  kind: 'component';
  name: Name;
  weight?: Quantity;
  score?: { points: ScorePoint[]; span: Span };
  span: Span;
}

export interface IndexDecl {
  kind: 'index';
  doc?: string;
  name?: Name;
  title?: StringLiteral;
  components: ComponentDecl[];
  unit?: Name;
  direction?: { value: 'higher' | 'lower'; span: Span };
  thresholds: ThresholdDecl[];
  breakdown?: BreakdownDecl;
  trend?: TrendDecl;
  header: Span;
  span: Span;
}

export type Declaration = ImportDecl | DatasetDecl | KpiDecl | IndexDecl | BreakdownDecl | TrendDecl;

export type BinaryOp =
  | '+' | '-' | '*' | '/'
  | '=' | '!=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or';

export type Expr =
  /** Percents are fractions: `85%` is value 0.85, percent true. */
  | { kind: 'number'; value: number; percent: boolean; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'bool'; value: boolean; span: Span }
  /** A bare name: a KPI, an index, a dataset or a column, by context. */
  | { kind: 'name'; name: Name; span: Span }
  /** `tickets.csat` */
  | { kind: 'member'; object: Name; member: Name; span: Span }
  /** `p90(tickets.x)`, `share(tickets where resolved)`, `percentile(x, 95)` */
  | { kind: 'call'; callee: Name; args: Expr[]; filter?: Expr; span: Span }
  | { kind: 'binary'; op: BinaryOp; opSpan: Span; left: Expr; right: Expr; span: Span }
  | { kind: 'unary'; op: '-' | 'not'; operand: Expr; span: Span }
  | { kind: 'paren'; inner: Expr; span: Span }
  /** `x in ["a", "b"]`, `x not in [...]` */
  | { kind: 'in'; operand: Expr; values: Expr[]; negated: boolean; span: Span }
  /** `x is missing`, `x is not missing` */
  | { kind: 'missing'; operand: Expr; negated: boolean; span: Span }
  /** Where the parser recovered from an error. */
  | { kind: 'error'; span: Span };

export interface KpiFile {
  declarations: Declaration[];
  /** `//` and `///` comments, for formatting and folding. */
  comments: Array<{ text: string; span: Span }>;
  span: Span;
}

export interface SyntaxError {
  message: string;
  span: Span;
}

export interface ParseResult {
  file: KpiFile;
  errors: SyntaxError[];
}
