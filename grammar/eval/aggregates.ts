/**
 * Runs every aggregation of a plan, each once, over the dimensions that need it.
 *
 * Aggregations are shared: the same function, dataset, argument and filter
 * in two KPIs is computed once; `sum`, `mean`, `min` and `max` of the same
 * argument share one pass; every percentile of the same argument (a median
 * and a p90) shares one collection of values. A pass covers the whole table
 * and every group of every dimension over the aggregation's dataset at once
 * (aggregate.ts). Dimensions over other datasets do not restrict it: its
 * value in their segments and periods is its overall value.
 *
 * Row expressions are compiled and materialised once per table and
 * expression. A dataset missing from `tables` (its file could not be loaded)
 * gives no data for every aggregation over it, counts included.
 *
 * A pass's results are kept with the table they were computed on (tables
 * are immutable, and a host keeps the same Table while its file is
 * unchanged): evaluating again after an edit, as the language server does on
 * every keystroke, runs only the passes the edit changed.
 */

import type { AggregateFn, MeasureExpr, RowExpr, ScorecardPlan } from './plan';
import type { Table } from './data/table';
import { groupingOf, type Dimension } from './dimensions';
import { cellSetsOf } from './cells';
import {
  countComparison, countTruth, distinctCounts, moments, npsCounts, quantileValues, rowScope,
} from './aggregate';
import {
  compileRowExpr, distinctKeys, numericValues, presenceValues, truthValues, type ColumnComparison, type CompiledRowExpr,
} from './row-expr';

type AggregateNode = Extract<MeasureExpr, { kind: 'aggregate' }>;

/** One aggregation's results: slot 0 overall, then one run of slots per dimension. */
export interface AggregateCells {
  /** NaN = no data. */
  readonly value: Float64Array;
  readonly used: Int32Array;
  readonly skipped: Int32Array;
  /** First slot of each dimension this aggregation was split by, by dimension key. */
  readonly slotOf: ReadonlyMap<string, number>;
}

type PassKind = 'truth' | 'presence' | 'rows' | 'moments' | 'quantiles' | 'nps' | 'distinct';

interface Pass {
  kind: PassKind;
  dataset: string;
  arg: RowExpr | null;
  filter: RowExpr | null;
  dimensions: Map<string, Dimension>;
  quantiles: Set<number>;
  /** The aggregations served, by aggregate key. */
  served: Map<string, { fn: AggregateFn; quantile: number }>;
}

/** Keys already computed, per plan node (measures.ts asks once per node and slot). */
const keysOfNodes = new WeakMap<AggregateNode, string>();

/** Identifies an aggregation: equal keys, equal results. */
export function aggregateKey(node: AggregateNode): string {
  let key = keysOfNodes.get(node);
  if (key === undefined) {
    const quantile = node.fn === 'percentile' ? node.quantile ?? 0.5 : null;
    key = JSON.stringify([node.fn, node.dataset, node.arg, node.filter, quantile]);
    keysOfNodes.set(node, key);
  }
  return key;
}

/**
 * `share(ds where c)` may arrive with the condition as the filter and no
 * argument: the condition is what is shared, over every row.
 */
function normalised(node: AggregateNode): { arg: RowExpr | null; filter: RowExpr | null } {
  if (node.fn === 'share' && node.arg === null) return { arg: node.filter, filter: null };
  return { arg: node.arg, filter: node.filter };
}

function passKindOf(node: AggregateNode, arg: RowExpr | null): PassKind {
  switch (node.fn) {
    case 'count':
      return arg === null ? 'rows' : 'presence';
    case 'share':
      return 'truth';
    case 'sum':
    case 'mean':
    case 'min':
    case 'max':
      return 'moments';
    case 'percentile':
      return 'quantiles';
    case 'nps':
      return 'nps';
    case 'distinct':
      return 'distinct';
  }
}

/**
 * Runs every aggregation of the plan, one pass over the rows per step: a host
 * that must stay responsive (the language server) can pause or give up
 * between passes. Returns the cells of every aggregate, by aggregate key.
 */
export function* aggregateSteps(
  plan: ScorecardPlan,
  tables: ReadonlyMap<string, Table>,
  dimensionsOf: ReadonlyMap<string, readonly Dimension[]>,
): Generator<void, Map<string, AggregateCells>, void> {
  const passes = collectPasses(plan, dimensionsOf);
  const rows = new RowData();
  const results = new Map<string, AggregateCells>();
  for (const pass of passes.values()) {
    const table = tables.get(pass.dataset);
    const computed = table === undefined ? noData(pass) : cachedPass(pass, table, () => runPass(pass, table, rows));
    for (const [key, cells] of computed) results.set(key, cells);
    yield;
  }
  return results;
}

function collectPasses(plan: ScorecardPlan, dimensionsOf: ReadonlyMap<string, readonly Dimension[]>): Map<string, Pass> {
  const passes = new Map<string, Pass>();
  const visit = (expr: MeasureExpr, dimensions: readonly Dimension[]): void => {
    switch (expr.kind) {
      case 'aggregate': {
        const { arg, filter } = normalised(expr);
        const kind = passKindOf(expr, arg);
        const passKey = JSON.stringify([kind, expr.dataset, arg, filter]);
        let pass = passes.get(passKey);
        if (pass === undefined) {
          pass = { kind, dataset: expr.dataset, arg, filter, dimensions: new Map(), quantiles: new Set(), served: new Map() };
          passes.set(passKey, pass);
        }
        for (const dim of dimensions) if (dim.dataset === expr.dataset) pass.dimensions.set(dim.key, dim);
        const quantile = expr.quantile ?? 0.5;
        if (kind === 'quantiles') pass.quantiles.add(quantile);
        pass.served.set(aggregateKey(expr), { fn: expr.fn, quantile });
        return;
      }
      case 'arith':
        visit(expr.left, dimensions);
        visit(expr.right, dimensions);
        return;
      case 'neg':
        visit(expr.operand, dimensions);
        return;
      case 'measure':
      case 'constant':
        return;
    }
  };
  for (const measure of plan.measures) {
    if (measure.kind === 'kpi') visit(measure.value, dimensionsOf.get(measure.name) ?? []);
  }
  return passes;
}

/** Results of the passes run over each table, by pass identity; most recently used last. */
const passResults = new WeakMap<Table, Map<string, Map<string, AggregateCells>>>();
/** Per table: far more distinct passes than a scorecard has, and each entry is a few small arrays. */
const MAX_PASSES_KEPT = 2048;

/** The pass's results on `table`, computed by `run` unless an identical pass already ran on it. */
function cachedPass(pass: Pass, table: Table, run: () => Map<string, AggregateCells>): Map<string, AggregateCells> {
  // The served aggregate keys name the function, dataset, argument and filter; with the
  // dimensions and quantiles they fix the results (slotOf says how the slots are laid out).
  const key = [
    pass.kind,
    [...pass.served.keys()].sort().join('\u0001'),
    [...pass.dimensions.keys()].sort().join('\u0001'),
    [...pass.quantiles].sort((a, b) => a - b).join(','),
  ].join('\u0000');
  let kept = passResults.get(table);
  if (kept === undefined) {
    kept = new Map();
    passResults.set(table, kept);
  }
  const found = kept.get(key);
  if (found !== undefined) {
    kept.delete(key);
    kept.set(key, found);
    return found;
  }
  const computed = run();
  kept.set(key, computed);
  if (kept.size > MAX_PASSES_KEPT) kept.delete(kept.keys().next().value as string);
  return computed;
}

function noData(pass: Pass): Map<string, AggregateCells> {
  const cells: AggregateCells = {
    value: new Float64Array([NaN]),
    used: new Int32Array(1),
    skipped: new Int32Array(1),
    slotOf: new Map(),
  };
  return new Map([...pass.served.keys()].map((key) => [key, cells]));
}

function runPass(pass: Pass, table: Table, rows: RowData): Map<string, AggregateCells> {
  const dimensions = [...pass.dimensions.values()];
  const groupings = dimensions.map((dim) => groupingOf(dim, table));
  const filter = pass.filter === null ? null : rows.truth(table, pass.filter);
  const cells = cellSetsOf(table, dimensions.map((dim) => dim.key).join('\u0000'), groupings);
  const scope = rowScope(table.rowCount, filter, groupings, cells);
  const slotOf = new Map(dimensions.map((dim, i) => [dim.key, scope.offsets[i]]));
  const out = new Map<string, AggregateCells>();
  const emit = (key: string, value: Float64Array, used: Int32Array, skipped: Int32Array) =>
    out.set(key, { value, used, skipped, slotOf });
  const perSlot = (compute: (slot: number) => number) => Float64Array.from({ length: scope.slotCount }, (_, slot) => compute(slot));

  switch (pass.kind) {
    case 'rows': {
      // count(ds): rows in scope; nothing is ever skipped.
      const { trues } = countTruth(scope, null);
      const none = new Int32Array(scope.slotCount);
      for (const key of pass.served.keys()) emit(key, Float64Array.from(trues), trues, none);
      return out;
    }
    case 'presence': {
      // count(ds.col): rows with a value; rows without one are skipped.
      const { trues, unknowns } = countTruth(scope, rows.presence(table, argOf(pass)));
      for (const key of pass.served.keys()) emit(key, Float64Array.from(trues), trues, unknowns);
      return out;
    }
    case 'truth': {
      // share: true among true or false; unknown rows are skipped.
      const comparison = pass.arg === null ? null : rows.comparison(table, pass.arg);
      const { trues, falses, unknowns } =
        comparison !== null ? countComparison(scope, comparison)
        : countTruth(scope, pass.arg === null ? null : rows.truth(table, pass.arg));
      const used = Int32Array.from(trues, (t, slot) => t + falses[slot]);
      const value = perSlot((slot) => (used[slot] > 0 ? trues[slot] / used[slot] : NaN));
      for (const key of pass.served.keys()) emit(key, value, used, unknowns);
      return out;
    }
    case 'moments': {
      const m = moments(scope, rows.numeric(table, argOf(pass)));
      for (const [key, { fn }] of pass.served) {
        const pick = (slot: number): number => {
          if (m.used[slot] === 0) return NaN;
          switch (fn) {
            case 'sum':
              return m.sum[slot];
            case 'min':
              return m.min[slot];
            case 'max':
              return m.max[slot];
            default:
              return m.sum[slot] / m.used[slot];
          }
        };
        emit(key, perSlot(pick), m.used, m.skipped);
      }
      return out;
    }
    case 'quantiles': {
      const q = quantileValues(scope, rows.numeric(table, argOf(pass)), [...pass.quantiles]);
      for (const [key, { quantile }] of pass.served) {
        emit(key, q.byQuantile.get(quantile) ?? new Float64Array(scope.slotCount).fill(NaN), q.used, q.skipped);
      }
      return out;
    }
    case 'nps': {
      const n = npsCounts(scope, rows.numeric(table, argOf(pass)));
      const value = perSlot((slot) =>
        n.used[slot] > 0 ? (100 * (n.promoters[slot] - n.detractors[slot])) / n.used[slot] : NaN,
      );
      for (const key of pass.served.keys()) emit(key, value, n.used, n.skipped);
      return out;
    }
    case 'distinct': {
      const d = distinctCounts(scope, rows.distinct(table, argOf(pass)));
      const value = perSlot((slot) => (d.used[slot] > 0 ? d.distinct[slot] : NaN));
      for (const key of pass.served.keys()) emit(key, value, d.used, d.skipped);
      return out;
    }
  }
}

/** Value aggregations always have an argument; a plan without one reads as all missing. */
function argOf(pass: Pass): RowExpr {
  return pass.arg ?? { kind: 'literal', value: NaN };
}

/** Compiled and materialised row expressions of one evaluation, per table and expression. */
class RowData {
  private readonly compiled = new Map<Table, Map<string, CompiledRowExpr>>();
  private readonly numbers = new Map<Table, Map<string, Float64Array>>();
  private readonly truths = new Map<Table, Map<string, Uint8Array>>();

  /** Values as numbers, NaN = missing. */
  numeric(table: Table, expr: RowExpr): Float64Array {
    return this.materialise(this.numbers, table, 'numeric', expr, (c) => numericValues(c, table.rowCount));
  }

  /** Distinct-comparable keys, NaN = missing. */
  distinct(table: Table, expr: RowExpr): Float64Array {
    return this.materialise(this.numbers, table, 'distinct', expr, (c) => distinctKeys(c, table.rowCount));
  }

  /** The condition as a column comparison a kernel can test inline, when it is one and not already materialised. */
  comparison(table: Table, expr: RowExpr): ColumnComparison | null {
    if (lookup(this.truths, table).has(`truth:${JSON.stringify(expr)}`)) return null;
    const compiled = this.compiledOf(table, expr);
    return compiled.kind === 'truth' ? compiled.comparison : null;
  }

  truth(table: Table, expr: RowExpr): Uint8Array {
    return this.materialise(this.truths, table, 'truth', expr, (c) => truthValues(c, table.rowCount));
  }

  presence(table: Table, expr: RowExpr): Uint8Array {
    return this.materialise(this.truths, table, 'presence', expr, (c) => presenceValues(c, table.rowCount));
  }

  private materialise<T>(
    cache: Map<Table, Map<string, T>>,
    table: Table,
    encoding: string,
    expr: RowExpr,
    build: (compiled: CompiledRowExpr) => T,
  ): T {
    const exprKey = JSON.stringify(expr);
    const arrays = lookup(cache, table);
    const key = `${encoding}:${exprKey}`;
    let array = arrays.get(key);
    if (array === undefined) {
      array = build(this.compiledOf(table, expr, exprKey));
      arrays.set(key, array);
    }
    return array;
  }

  private compiledOf(table: Table, expr: RowExpr, exprKey = JSON.stringify(expr)): CompiledRowExpr {
    const compiled = lookup(this.compiled, table);
    let c = compiled.get(exprKey);
    if (c === undefined) {
      c = compileRowExpr(expr, table);
      compiled.set(exprKey, c);
    }
    return c;
  }
}

function lookup<K, V>(maps: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let map = maps.get(key);
  if (map === undefined) {
    map = new Map();
    maps.set(key, map);
  }
  return map;
}
