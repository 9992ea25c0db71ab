/**
 * `analyze(entry, host)`: the whole static analysis of one `.kpi` file and its
 * imports, as one immutable Program.
 *
 * Steps: load the import closure (parse each file once; report unreadable
 * imports and cycles) -> bind declarations -> check measures (memoised, in
 * dependency order) -> report cycles -> validate breakdowns and trends ->
 * lower every error-free measure whose dependencies are error-free to the
 * plan, in dependency order. Never throws on user input.
 */

import type { ImportDecl, KpiFile, Span } from './syntax/ast';
import type { ColumnPath } from './syntax/ast';
import type { DataFormat, ColumnSchema } from './eval/data/table';
import type { MeasurePlan, ScorecardPlan } from './eval/plan';
import type { DatasetBinding, Declared, Program, SourceFile, SourceHost, SymbolId } from './program';
import { parse } from './syntax/parse';
import { LineIndex } from './syntax/line-index';
import { CheckContext, ColumnInfo, measureId, datasetId } from './semantics/context';
import { bind } from './semantics/binder';
import { MeasureChecker, MeasureOutcome } from './semantics/check-measures';
import { reportCycles } from './semantics/cycles';
import { CheckedTrend, breakdownFor, checkBreakdown, checkTrend, trendFor } from './semantics/check-segments';

export function analyze(entry: string, host: SourceHost): Program {
  const ctx = new CheckContext();
  const files = loadClosure(ctx, entry, host);
  const ordered = [...files.values()];
  bind(ctx, ordered);

  const checker = new MeasureChecker(ctx);
  const outcomes = checker.checkAll();
  const graph = new Map([...outcomes].map(([name, o]) => [name, o.dependencies] as const));
  const inCycle = reportCycles(ctx, graph);

  const segments = checkSegments(ctx, ordered, entry, outcomes, checker);
  const valid = validMeasures(outcomes, inCycle);
  const measures: MeasurePlan[] = [];
  for (const name of dependencyOrder(valid, outcomes)) {
    const outcome = outcomes.get(name)!;
    const read = checker.datasetsRead(name);
    const own = segments.get(name)!;
    measures.push({ ...outcome.plan!, breakdown: breakdownFor(ctx, own.breakdown, read), trend: trendFor(ctx, own.trend, read) });
  }

  const datasets = bindDatasets(ctx, outcomes, valid, measures);
  const plan: ScorecardPlan = { datasets: datasets.map((d) => ({ name: d.name, source: d.source })), measures };
  ctx.finishOccurrences();

  const declarations = new Map<SymbolId, Declared>();
  for (const d of ctx.datasets.values()) declarations.set(datasetId(d.name), { kind: 'dataset', file: d.file, decl: d.decl });
  for (const m of ctx.measures.values()) {
    declarations.set(measureId(m.kind, m.name), m.kind === 'kpi' ? { kind: 'kpi', file: m.file, decl: m.decl } : { kind: 'index', file: m.file, decl: m.decl });
  }

  const order = new Map(ordered.map((f, i) => [f.file, i]));
  const diagnostics = ctx.diagnostics.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.span.start - b.span.start || a.span.end - b.span.end);
  return { entry, files, diagnostics, declarations, datasets, symbols: ctx.symbols, occurrences: ctx.occurrences, plan };
}

// ---------------------------------------------------------------- import closure

/** Parses the entry and everything it imports; files are ordered imports-first. */
function loadClosure(ctx: CheckContext, entry: string, host: SourceHost): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  const visiting: string[] = [];
  const visit = (file: string, text: string): void => {
    visiting.push(file);
    const parsed = safeParse(file, text, host);
    const source: SourceFile = { file, text, ast: parsed.file, lines: new LineIndex(text) };
    for (const error of parsed.errors) ctx.error('KPI001', file, error.span, error.message);
    for (const decl of parsed.file.declarations) {
      if (decl.kind === 'import') importFile(file, decl);
    }
    visiting.pop();
    files.set(file, source);
  };
  const importFile = (from: string, decl: ImportDecl): void => {
    if (!decl.path) return;
    const target = host.resolveImport(from, decl.path.value);
    if (visiting.includes(target)) {
      const chain = [...visiting.slice(visiting.indexOf(target)), target].map((f) => baseName(f)).join(' -> ');
      ctx.warning('KPI003', from, decl.path.span, `Import cycle: ${chain}; each file is read once`);
      return;
    }
    if (files.has(target)) return;
    const text = host.readKpi(target);
    if (text === undefined) {
      ctx.error('KPI002', from, decl.path.span, `Cannot read the imported file "${decl.path.value}"`);
      return;
    }
    visit(target, text);
  };
  const text = host.readKpi(entry);
  visit(entry, text ?? '');
  return files;
}

function safeParse(file: string, text: string, host: SourceHost): { file: KpiFile; errors: Array<{ message: string; span: Span }> } {
  try {
    return host.parseKpi !== undefined ? host.parseKpi(file, text) : parse(text);
  } catch (error) {
    // parse() promises never to throw; this keeps that promise even if it breaks.
    const message = error instanceof Error ? error.message : String(error);
    return { file: { declarations: [], comments: [], span: { start: 0, end: text.length } }, errors: [{ message: `Internal parser error: ${message}`, span: { start: 0, end: 0 } }] };
  }
}

function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}

// ---------------------------------------------------------------- breakdown and trend

interface MeasureSegments {
  breakdown: ColumnPath[];
  trend: CheckedTrend | undefined;
}

function checkSegments(
  ctx: CheckContext,
  files: readonly SourceFile[],
  entry: string,
  outcomes: ReadonlyMap<string, MeasureOutcome>,
  checker: MeasureChecker,
): Map<string, MeasureSegments> {
  const fileDefaults = new Map<string, MeasureSegments>();
  for (const source of files) {
    const defaults: MeasureSegments = { breakdown: [], trend: undefined };
    for (const decl of source.ast.declarations) {
      if (decl.kind === 'breakdown') defaults.breakdown.push(...checkBreakdown(ctx, source.file, decl));
      if (decl.kind === 'trend') {
        const trend = checkTrend(ctx, source.file, decl);
        if (defaults.trend && trend) ctx.warning('KPI070', source.file, decl.span, 'A second file-level `trend by`; only the first one applies');
        else defaults.trend ??= trend;
      }
    }
    fileDefaults.set(source.file, defaults);
  }
  const entryDefaults = fileDefaults.get(entry);
  const result = new Map<string, MeasureSegments>();
  for (const [name, outcome] of outcomes) {
    const decl = outcome.decl.decl;
    const read = checker.datasetsRead(name);
    const inherited = entryDefaults && (entryDefaults.breakdown.length > 0 || entryDefaults.trend) ? entryDefaults : fileDefaults.get(outcome.decl.file);
    const breakdown = decl.breakdown ? checkBreakdown(ctx, outcome.decl.file, decl.breakdown, read) : inherited?.breakdown ?? [];
    const trend = decl.trend ? checkTrend(ctx, outcome.decl.file, decl.trend, read) : inherited?.trend;
    result.set(name, { breakdown, trend });
    // Columns a measure is segmented by must be loaded too.
    for (const path of breakdown) for (const c of columnsOf(ctx, path, read)) outcome.columns.add(c);
    if (trend) for (const c of columnsOf(ctx, trend.path, read)) outcome.columns.add(c);
  }
  return result;
}

function columnsOf(ctx: CheckContext, path: ColumnPath, read: ReadonlySet<string>): ColumnInfo[] {
  const found: ColumnInfo[] = [];
  for (const dataset of read) {
    if (path.dataset && path.dataset.text !== dataset) continue;
    const column = ctx.datasets.get(dataset)?.columns.get(path.column.text);
    if (column) found.push(column);
  }
  return found;
}

// ---------------------------------------------------------------- plan assembly

/** Measures with a plan, not on a cycle, whose dependencies are valid too. */
function validMeasures(outcomes: ReadonlyMap<string, MeasureOutcome>, inCycle: ReadonlySet<string>): Set<string> {
  const state = new Map<string, boolean>();
  const isValid = (name: string): boolean => {
    const known = state.get(name);
    if (known !== undefined) return known;
    state.set(name, false); // provisional, breaks recursion on cycles
    const outcome = outcomes.get(name);
    const ok = !!outcome && !!outcome.plan && !inCycle.has(name) && outcome.dependencies.every((d) => isValid(d.name));
    state.set(name, ok);
    return ok;
  };
  return new Set([...outcomes.keys()].filter(isValid));
}

function dependencyOrder(valid: ReadonlySet<string>, outcomes: ReadonlyMap<string, MeasureOutcome>): string[] {
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name) || !valid.has(name)) return;
    done.add(name);
    for (const dep of outcomes.get(name)!.dependencies) visit(dep.name);
    order.push(name);
  };
  for (const name of outcomes.keys()) visit(name);
  return order;
}

function formatOf(source: string): DataFormat | undefined {
  const lower = source.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return undefined;
}

function bindDatasets(
  ctx: CheckContext,
  outcomes: ReadonlyMap<string, MeasureOutcome>,
  valid: ReadonlySet<string>,
  measures: readonly MeasurePlan[],
): DatasetBinding[] {
  const used = new Map<string, Set<string>>();
  for (const name of valid) {
    for (const column of outcomes.get(name)!.columns) {
      let set = used.get(column.dataset);
      if (!set) used.set(column.dataset, (set = new Set()));
      set.add(column.name);
    }
  }
  for (const m of measures) {
    for (const ref of m.breakdown) used.get(ref.dataset)?.add(ref.column) ?? used.set(ref.dataset, new Set([ref.column]));
    if (m.trend) used.get(m.trend.column.dataset)?.add(m.trend.column.column) ?? used.set(m.trend.column.dataset, new Set([m.trend.column.column]));
  }
  const bindings: DatasetBinding[] = [];
  for (const dataset of ctx.datasets.values()) {
    const source = dataset.decl.source;
    if (!source) continue;
    const format = formatOf(source.value);
    if (!format) {
      ctx.error('KPI086', dataset.file, source.span, `Unsupported data file "${source.value}": use a .csv, .json, .jsonl or .ndjson file`);
    }
    const schema: ColumnSchema[] = [];
    for (const column of dataset.columns.values()) {
      if (!column.type) continue;
      const entry: ColumnSchema = { name: column.name, type: column.type, optional: !!column.decl.optional, key: !!column.decl.key };
      if (column.decl.range) entry.range = { min: column.decl.range.min, max: column.decl.range.max };
      if (column.decl.allowed) entry.allowed = column.decl.allowed.values.map((v) => v.value);
      schema.push(entry);
    }
    bindings.push({
      name: dataset.name, file: dataset.file, decl: dataset.decl, source: source.value, format, schema,
      usedColumns: used.get(dataset.name) ?? new Set(),
    });
  }
  return bindings;
}
