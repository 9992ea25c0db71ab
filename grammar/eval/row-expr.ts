/**
 * Compiles row expressions (values and conditions over one dataset's columns)
 * into closures over the column arrays, once per expression, and materialises
 * them into typed arrays, once per expression and table.
 *
 * Every compiled expression is `(row) => number` in one of three encodings,
 * chosen at compile time so no closure switches on node kinds per row:
 * - numeric: the value, NaN = missing;
 * - truth: 0 false, 1 true, 2 unknown (the table's bool encoding, so a bool
 *   column is a condition as it is);
 * - text: a dictionary code, -1 = missing (the table's text encoding).
 * The usual conditions (a column compared with a literal, `in` a list,
 * `and`, `or`, `not` of those) also compile to a `fill` that materialises
 * them a column at a time: one shared loop per kind of node, over typed
 * arrays, instead of a chain of closure calls per row.
 *
 * Semantics (docs/language.md, Conditions): SQL three-valued logic. A
 * comparison with a missing operand is unknown; `and`/`or`/`not` are Kleene's;
 * `is missing` is never unknown; `in` with a missing operand is unknown.
 * Arithmetic propagates missing values; division by zero gives missing.
 * Text compares by UTF-16 code units; a date/datetime column compares with a
 * string literal read as a UTC timestamp (`"2025-03-01"`). Mixes the checker
 * rejects (text against a number...) are unknown rather than an exception.
 * Columns are looked up by name in the table given (the aggregation's
 * dataset); a column the table lacks reads as missing in every row.
 */

import type { Literal, RowExpr } from './plan';
import type { ColumnType, Table } from './data/table';
import { parseTimestamp } from './calendar';

// Declared locally and exported by name, so the per-row closures read plain
// constants rather than properties of the CommonJS `exports` object.
const FALSE = 0;
const TRUE = 1;
const UNKNOWN = 2;
export { FALSE, TRUE, UNKNOWN };

/** A compiled row expression: reads row `row` of the table it was compiled for. */
export type RowFn = (row: number) => number;

export type CompiledRowExpr =
  | {
      kind: 'numeric';
      at: RowFn;
      /** The column's storage when the expression is a bare column. */
      column: Float64Array | null;
      /** A date or datetime (epoch milliseconds): string literals compare as timestamps. */
      temporal: boolean;
      /** The value when the expression is a literal. */
      constant: number | null;
    }
  | {
      kind: 'truth';
      at: RowFn;
      column: Uint8Array | null;
      constant: number | null;
      /** Writes the truth of rows [0, rowCount) to `out`, when the expression has a vectorised form. */
      fill: TruthFill | null;
      /** A numeric column compared with a number: kernels may test it inline rather than read a filled array. */
      comparison: ColumnComparison | null;
      /** A bool column read through a table (`not`, `in`): lets `and`/`or` fold it into their own table. */
      lookup: TruthLookup | null;
    }
  | {
      kind: 'text';
      at: RowFn;
      /** The column's codes when the expression is a bare column. */
      codes: Int32Array | null;
      dictionary: readonly string[];
      /** The value when the expression is a literal. */
      constant: string | null;
    };

export type TruthFill = (out: Uint8Array, rowCount: number) => void;

/**
 * `column op threshold`: the truth of a row is
 * `truthAt[+(a > threshold) + +(a >= threshold) + 3 * +(a !== a)]` for its
 * value a: entries for below, at and above the threshold, then unknown
 * (missing). Branch-free, as a condition true for about half the rows would
 * make a branch mispredict on every other row.
 */
export interface ColumnComparison {
  readonly column: Float64Array;
  readonly threshold: number;
  readonly truthAt: Uint8Array;
}

/** The truth of a row is `table[source[row]]`, source holding truths (a bool column). */
interface TruthLookup {
  readonly source: Uint8Array;
  readonly table: Uint8Array;
}

/** How a condition can be materialised without a closure call per row. */
interface Vectorised {
  fill?: TruthFill;
  comparison?: ColumnComparison;
  lookup?: TruthLookup;
}

type Comparison = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Truth of `a op b` for a < b, a = b, a > b. */
const OUTCOMES: Record<Comparison, readonly [number, number, number]> = {
  '=': [FALSE, TRUE, FALSE],
  '!=': [TRUE, FALSE, TRUE],
  '<': [TRUE, FALSE, FALSE],
  '<=': [TRUE, TRUE, FALSE],
  '>': [FALSE, FALSE, TRUE],
  '>=': [FALSE, TRUE, TRUE],
};

/** `b op' a` holds exactly when `a op b` does. */
const SWAPPED: Record<Comparison, Comparison> = {
  '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=',
};

const unknownAlways: RowFn = () => UNKNOWN;
const missingNumber: RowFn = () => NaN;

export function compileRowExpr(expr: RowExpr, table: Table): CompiledRowExpr {
  switch (expr.kind) {
    case 'column':
      return compileColumn(expr.column, expr.type, table);
    case 'literal':
      return compileLiteral(expr.value);
    case 'arith':
      return numeric(compileArith(expr.op, compileRowExpr(expr.left, table), compileRowExpr(expr.right, table)));
    case 'neg': {
      const operand = asNumeric(compileRowExpr(expr.operand, table));
      return numeric((row) => -operand(row));
    }
    case 'compare':
      return compileCompare(expr.op, compileRowExpr(expr.left, table), compileRowExpr(expr.right, table));
    case 'logic': {
      const leftExpr = compileRowExpr(expr.left, table);
      const rightExpr = compileRowExpr(expr.right, table);
      const left = asTruth(leftExpr);
      const right = asTruth(rightExpr);
      const outcomes = expr.op === 'and' ? KLEENE_AND : KLEENE_OR;
      const at = expr.op === 'and' ? kleeneAnd(left, right) : kleeneOr(left, right);
      const leftLookup = leftExpr.kind === 'truth' ? leftExpr.lookup : null;
      const rightLookup = rightExpr.kind === 'truth' ? rightExpr.lookup : null;
      if (leftLookup !== null && rightLookup !== null) {
        // Both sides read bool columns through tables: one table for the pair.
        const pairs = new Uint8Array(9);
        for (let a = 0; a < 3; a++) {
          for (let b = 0; b < 3; b++) pairs[a * 3 + b] = outcomes[leftLookup.table[a] * 3 + rightLookup.table[b]];
        }
        const leftSource = leftLookup.source;
        const rightSource = rightLookup.source;
        return truth(at, { fill: (out, rowCount) => fillPairs(leftSource, rightSource, pairs, out, rowCount) });
      }
      if (!hasTruthArray(leftExpr) || !hasTruthArray(rightExpr)) return truth(at);
      return truth(at, {
        fill: (out, rowCount) => fillPairs(truthArray(leftExpr, rowCount), truthArray(rightExpr, rowCount), outcomes, out, rowCount),
      });
    }
    case 'not': {
      const operandExpr = compileRowExpr(expr.operand, table);
      const operand = asTruth(operandExpr);
      const at: RowFn = (row) => {
        const value = operand(row);
        return value === UNKNOWN ? UNKNOWN : 1 - value;
      };
      const lookup = operandExpr.kind === 'truth' ? operandExpr.lookup : null;
      if (lookup !== null) return truth(at, lookedUp(lookup.source, lookup.table.map((t) => NEGATION[t])));
      if (!hasTruthArray(operandExpr)) return truth(at);
      return truth(at, { fill: (out, rowCount) => fillLookup(truthArray(operandExpr, rowCount), NEGATION, out, rowCount) });
    }
    case 'in':
      return compileIn(compileRowExpr(expr.operand, table), expr.values, expr.negated);
    case 'missing': {
      const present = presenceOf(compileRowExpr(expr.operand, table));
      const ifPresent = expr.negated ? TRUE : FALSE;
      const ifMissing = expr.negated ? FALSE : TRUE;
      return truth((row) => (present(row) ? ifPresent : ifMissing));
    }
  }
}

function numeric(at: RowFn): CompiledRowExpr {
  return { kind: 'numeric', at, column: null, temporal: false, constant: null };
}

function truth(at: RowFn, vectorised: Vectorised = {}): CompiledRowExpr {
  const { fill = null, comparison = null, lookup = null } = vectorised;
  return { kind: 'truth', at, column: null, constant: null, fill, comparison, lookup };
}

function compileColumn(name: string, declared: ColumnType, table: Table): CompiledRowExpr {
  const column = table.columns.get(name);
  if (column === undefined) {
    // Not in the file: every value is missing, in the declared type's encoding.
    if (declared === 'text') return { kind: 'text', at: () => -1, codes: null, dictionary: [], constant: null };
    if (declared === 'bool') return truth(unknownAlways);
    return { kind: 'numeric', at: missingNumber, column: null, temporal: declared === 'date' || declared === 'datetime', constant: null };
  }
  switch (column.kind) {
    case 'numeric': {
      const values = column.values;
      return {
        kind: 'numeric',
        at: (row) => values[row],
        column: values,
        temporal: column.type === 'date' || column.type === 'datetime',
        constant: null,
      };
    }
    case 'bool': {
      const values = column.values;
      return {
        kind: 'truth',
        at: (row) => values[row],
        column: values,
        constant: null,
        fill: null,
        comparison: null,
        lookup: { source: values, table: IDENTITY },
      };
    }
    case 'text': {
      const codes = column.codes;
      return { kind: 'text', at: (row) => codes[row], codes, dictionary: column.dictionary, constant: null };
    }
  }
}

function compileLiteral(value: Literal): CompiledRowExpr {
  if (typeof value === 'number') return { kind: 'numeric', at: () => value, column: null, temporal: false, constant: value };
  if (typeof value === 'boolean') {
    const encoded = value ? TRUE : FALSE;
    return { kind: 'truth', at: () => encoded, column: null, constant: encoded, fill: null, comparison: null, lookup: null };
  }
  return { kind: 'text', at: () => 0, codes: null, dictionary: [value], constant: value };
}

/** The expression as numbers: a bool reads as 0/1, text (rejected by the checker) as missing. */
function asNumeric(compiled: CompiledRowExpr): RowFn {
  switch (compiled.kind) {
    case 'numeric':
      return compiled.at;
    case 'truth': {
      const at = compiled.at;
      return (row) => {
        const value = at(row);
        return value === UNKNOWN ? NaN : value;
      };
    }
    case 'text':
      return missingNumber;
  }
}

/** The expression as a condition: a number is true when non-zero, text (rejected by the checker) unknown. */
function asTruth(compiled: CompiledRowExpr): RowFn {
  switch (compiled.kind) {
    case 'truth':
      return compiled.at;
    case 'numeric': {
      const at = compiled.at;
      return (row) => {
        const value = at(row);
        return value !== value ? UNKNOWN : value !== 0 ? TRUE : FALSE;
      };
    }
    case 'text':
      return unknownAlways;
  }
}

/** Whether the expression has a value in a row. */
export function presenceOf(compiled: CompiledRowExpr): (row: number) => boolean {
  const at = compiled.at;
  switch (compiled.kind) {
    case 'numeric':
      return (row) => {
        const value = at(row);
        return value === value;
      };
    case 'truth':
      return (row) => at(row) !== UNKNOWN;
    case 'text':
      return (row) => at(row) >= 0;
  }
}

function compileArith(op: '+' | '-' | '*' | '/', leftExpr: CompiledRowExpr, rightExpr: CompiledRowExpr): RowFn {
  const left = asNumeric(leftExpr);
  const right = asNumeric(rightExpr);
  switch (op) {
    case '+':
      return (row) => left(row) + right(row);
    case '-':
      return (row) => left(row) - right(row);
    case '*':
      return (row) => left(row) * right(row);
    case '/':
      return (row) => {
        const divisor = right(row);
        return divisor === 0 ? NaN : left(row) / divisor;
      };
  }
}

function kleeneAnd(left: RowFn, right: RowFn): RowFn {
  return (row) => {
    const a = left(row);
    if (a === FALSE) return FALSE;
    const b = right(row);
    if (b === FALSE) return FALSE;
    return a === TRUE && b === TRUE ? TRUE : UNKNOWN;
  };
}

function kleeneOr(left: RowFn, right: RowFn): RowFn {
  return (row) => {
    const a = left(row);
    if (a === TRUE) return TRUE;
    const b = right(row);
    if (b === TRUE) return TRUE;
    return a === FALSE && b === FALSE ? FALSE : UNKNOWN;
  };
}

function compileCompare(op: Comparison, left: CompiledRowExpr, right: CompiledRowExpr): CompiledRowExpr {
  // Literal on the left: turn `"chat" = channel` into `channel = "chat"`.
  if (isConstant(left) && !isConstant(right)) return compileCompare(SWAPPED[op], right, left);

  if (left.kind === 'numeric' && right.kind === 'text' && right.constant !== null && left.temporal) {
    const at = parseTimestamp(right.constant);
    if (Number.isNaN(at)) return truth(unknownAlways);
    return compareNumbers(op, left, { kind: 'numeric', at: () => at, column: null, temporal: true, constant: at });
  }
  if (left.kind === 'text' && right.kind === 'text') return compareTexts(op, left, right);
  if (left.kind === 'text' || right.kind === 'text') return truth(unknownAlways);
  // Numbers with numbers, bools with bools (false < true), and mixes of the two as 0/1.
  const leftNumeric: CompiledRowExpr = left.kind === 'numeric' ? left : numericView(left);
  const rightNumeric: CompiledRowExpr = right.kind === 'numeric' ? right : numericView(right);
  return compareNumbers(op, leftNumeric, rightNumeric);
}

function isConstant(compiled: CompiledRowExpr): boolean {
  return compiled.constant !== null;
}

function numericView(compiled: CompiledRowExpr): CompiledRowExpr {
  const constant = compiled.kind === 'truth' ? compiled.constant : null;
  return { kind: 'numeric', at: asNumeric(compiled), column: null, temporal: false, constant };
}

function compareNumbers(op: Comparison, left: CompiledRowExpr, right: CompiledRowExpr): CompiledRowExpr {
  const outcome = OUTCOMES[op];
  const less = outcome[0];
  const equal = outcome[1];
  const greater = outcome[2];
  const rightConstant = right.kind === 'numeric' ? right.constant : null;
  if (rightConstant !== null) {
    if (Number.isNaN(rightConstant)) return truth(unknownAlways);
    const b = rightConstant;
    const column = left.kind === 'numeric' ? left.column : null;
    if (column !== null) {
      const comparison: ColumnComparison = { column, threshold: b, truthAt: Uint8Array.from([less, equal, greater, UNKNOWN]) };
      return truth(
        (row) => {
          const a = column[row];
          return a !== a ? UNKNOWN : a < b ? less : a > b ? greater : equal;
        },
        { fill: (out, rowCount) => fillComparison(comparison, out, rowCount), comparison },
      );
    }
    const leftAt = left.at;
    return truth((row) => {
      const a = leftAt(row);
      return a !== a ? UNKNOWN : a < b ? less : a > b ? greater : equal;
    });
  }
  const leftAt = left.at;
  const rightAt = right.at;
  return truth((row) => {
    const a = leftAt(row);
    const b = rightAt(row);
    if (a !== a || b !== b) return UNKNOWN;
    return a < b ? less : a > b ? greater : equal;
  });
}

function compareTexts(
  op: Comparison,
  left: Extract<CompiledRowExpr, { kind: 'text' }>,
  right: Extract<CompiledRowExpr, { kind: 'text' }>,
): CompiledRowExpr {
  const outcome = OUTCOMES[op];
  if (right.constant !== null) {
    // One outcome per dictionary entry, decided once.
    const literal = right.constant;
    const byCode = Uint8Array.from(left.dictionary, (text) =>
      outcome[text < literal ? 0 : text > literal ? 2 : 1],
    );
    return byTextCode(left, byCode);
  }
  const leftDictionary = left.dictionary;
  const rightDictionary = right.dictionary;
  const leftAt = left.at;
  const rightAt = right.at;
  return truth((row) => {
    const a = leftAt(row);
    const b = rightAt(row);
    if (a < 0 || b < 0) return UNKNOWN;
    const x = leftDictionary[a];
    const y = rightDictionary[b];
    return outcome[x < y ? 0 : x > y ? 2 : 1];
  });
}

/** The truth `byCode[code]` of a text expression's code (unknown when missing). */
function byTextCode(operand: Extract<CompiledRowExpr, { kind: 'text' }>, byCode: Uint8Array): CompiledRowExpr {
  const at = operand.at;
  const codes = operand.codes;
  return truth(
    (row) => {
      const code = at(row);
      return code < 0 ? UNKNOWN : byCode[code];
    },
    codes === null ? {} : { fill: (out, rowCount) => fillByCode(codes, byCode, out, rowCount) },
  );
}

function compileIn(operand: CompiledRowExpr, values: readonly Literal[], negated: boolean): CompiledRowExpr {
  const member = negated ? FALSE : TRUE;
  const nonMember = negated ? TRUE : FALSE;
  switch (operand.kind) {
    case 'text': {
      const wanted = new Set(values.filter((v): v is string => typeof v === 'string'));
      const byCode = Uint8Array.from(operand.dictionary, (text) => (wanted.has(text) ? member : nonMember));
      return byTextCode(operand, byCode);
    }
    case 'numeric': {
      const wanted = new Set<number>();
      for (const value of values) {
        if (typeof value === 'number') wanted.add(value);
        else if (typeof value === 'string' && operand.temporal) wanted.add(parseTimestamp(value));
      }
      const at = operand.at;
      return truth((row) => {
        const value = at(row);
        return value !== value ? UNKNOWN : wanted.has(value) ? member : nonMember;
      });
    }
    case 'truth': {
      const byValue = new Uint8Array([nonMember, nonMember, UNKNOWN]);
      for (const value of values) if (typeof value === 'boolean') byValue[value ? TRUE : FALSE] = member;
      const at = operand.at;
      const column = operand.column;
      return truth((row) => byValue[at(row)], column === null ? {} : lookedUp(column, byValue));
    }
  }
}

// ---------------------------------------------------------------------------
// Vectorised conditions: each loop below serves every node of its kind, over
// typed arrays only, so it is compiled once and stays monomorphic.

/** `and` and `or` of truths a and b: entry a * 3 + b. */
const KLEENE_AND = Uint8Array.from([
  FALSE, FALSE, FALSE,
  FALSE, TRUE, UNKNOWN,
  FALSE, UNKNOWN, UNKNOWN,
]);
const KLEENE_OR = Uint8Array.from([
  FALSE, TRUE, UNKNOWN,
  TRUE, TRUE, TRUE,
  UNKNOWN, TRUE, UNKNOWN,
]);
/** `not` of a truth, and a truth as it is. */
const NEGATION = Uint8Array.from([TRUE, FALSE, UNKNOWN]);
const IDENTITY = Uint8Array.from([FALSE, TRUE, UNKNOWN]);

/** A condition that is `table[source[row]]`. */
function lookedUp(source: Uint8Array, table: Uint8Array): Vectorised {
  return { fill: (out, rowCount) => fillLookup(source, table, out, rowCount), lookup: { source, table } };
}

/** Whether the condition can be had as a typed array without a closure call per row. */
function hasTruthArray(compiled: CompiledRowExpr): boolean {
  return compiled.kind === 'truth' && (compiled.column !== null || compiled.fill !== null);
}

/** The truth per row of a condition with hasTruthArray: its column, or a fresh array it fills. */
function truthArray(compiled: CompiledRowExpr, rowCount: number): Uint8Array {
  if (compiled.kind === 'truth') {
    if (compiled.column !== null) return compiled.column;
    if (compiled.fill !== null) {
      const out = new Uint8Array(rowCount);
      compiled.fill(out, rowCount);
      return out;
    }
  }
  throw new Error('internal: no truth array for this condition');
}

/** The truth of a column comparison per row (see ColumnComparison). */
function fillComparison(comparison: ColumnComparison, out: Uint8Array, rowCount: number): void {
  const { column, threshold, truthAt } = comparison;
  for (let row = 0; row < rowCount; row++) {
    const a = column[row];
    out[row] = truthAt[+(a > threshold) + +(a >= threshold) + 3 * +(a !== a)];
  }
}

/** `byCode[codes[row]]`, unknown for a missing code. */
function fillByCode(codes: Int32Array, byCode: Uint8Array, out: Uint8Array, rowCount: number): void {
  for (let row = 0; row < rowCount; row++) {
    const code = codes[row];
    out[row] = code < 0 ? UNKNOWN : byCode[code];
  }
}

/** `table[values[row]]`. */
function fillLookup(values: Uint8Array, table: Uint8Array, out: Uint8Array, rowCount: number): void {
  for (let row = 0; row < rowCount; row++) out[row] = table[values[row]];
}

/** `outcomes[a[row] * 3 + b[row]]`. */
function fillPairs(a: Uint8Array, b: Uint8Array, outcomes: Uint8Array, out: Uint8Array, rowCount: number): void {
  for (let row = 0; row < rowCount; row++) out[row] = outcomes[a[row] * 3 + b[row]];
}

// ---------------------------------------------------------------------------
// Materialisation: one pass per expression, so aggregation kernels read typed
// arrays. A bare column is returned as it is stored (no copy).

/** Values as numbers, NaN = missing (a bool reads as 0/1). */
export function numericValues(compiled: CompiledRowExpr, rowCount: number): Float64Array {
  if (compiled.kind === 'numeric' && compiled.column !== null) return compiled.column;
  const at = asNumeric(compiled);
  const out = new Float64Array(rowCount);
  for (let row = 0; row < rowCount; row++) out[row] = at(row);
  return out;
}

/** Truth per row: 0 false, 1 true, 2 unknown. */
export function truthValues(compiled: CompiledRowExpr, rowCount: number): Uint8Array {
  if (hasTruthArray(compiled)) return truthArray(compiled, rowCount);
  const at = asTruth(compiled);
  const out = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) out[row] = at(row);
  return out;
}

/** Presence as a truth array: 1 when the row has a value, 2 (unknown) when it is missing. */
export function presenceValues(compiled: CompiledRowExpr, rowCount: number): Uint8Array {
  const present = presenceOf(compiled);
  const out = new Uint8Array(rowCount);
  for (let row = 0; row < rowCount; row++) out[row] = present(row) ? TRUE : UNKNOWN;
  return out;
}

/**
 * A number per row that is equal exactly when the values are equal, NaN =
 * missing: the value itself, a text's dictionary code, a bool's 0/1.
 */
export function distinctKeys(compiled: CompiledRowExpr, rowCount: number): Float64Array {
  if (compiled.kind === 'numeric') return numericValues(compiled, rowCount);
  const at = compiled.at;
  const out = new Float64Array(rowCount);
  if (compiled.kind === 'text') {
    // Codes index a dictionary of distinct values, but map equal texts to one key anyway.
    const firstCode = new Map<string, number>();
    const keyOfCode = Int32Array.from(compiled.dictionary, (text, code) => {
      const first = firstCode.get(text);
      if (first !== undefined) return first;
      firstCode.set(text, code);
      return code;
    });
    for (let row = 0; row < rowCount; row++) {
      const code = at(row);
      out[row] = code < 0 ? NaN : keyOfCode[code];
    }
    return out;
  }
  for (let row = 0; row < rowCount; row++) {
    const value = at(row);
    out[row] = value === UNKNOWN ? NaN : value;
  }
  return out;
}
