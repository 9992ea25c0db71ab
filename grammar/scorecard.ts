/**
 * From a Program and the data the host loaded to what users see: data
 * diagnostics (missing files and columns, rejected rows) and the scorecard
 * result in its versioned JSON model. Pure: the host did the reading.
 */

import type { Diagnostic } from './diagnostics';
import type { DatasetData, Program } from './program';
import type { Table } from './eval/data/table';
import type { DatasetResult, DiagnosticResult, MeasureResult, ScorecardResult } from './results/schema';
import { RESULT_VERSION } from './results/version';
import { evaluationSteps, runToEnd } from './eval/evaluate';
import { closestName, didYouMean } from './semantics/suggest';
import { MAX_TREND_PERIODS, periodGrouping, type TrendSpan } from './eval/groups';
import type { Period } from './eval/plan';

export function checkData(program: Program, data: ReadonlyMap<string, DatasetData>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const binding of program.datasets) {
    const loaded = data.get(binding.name);
    const sourceSpan = binding.decl.source!.span;
    if (!loaded) continue;
    const at = (d: Omit<Diagnostic, 'file'>): void => {
      diagnostics.push({ ...d, file: binding.file });
    };
    switch (loaded.status) {
      case 'missing':
        at({ code: 'KPI080', severity: 'error', span: sourceSpan, message: `Data file not found: ${loaded.displayPath}${loaded.message ? ` (${loaded.message})` : ''}` });
        continue;
      case 'outside':
        at({ code: 'KPI081', severity: 'error', span: sourceSpan, message: `Data file ${loaded.displayPath} is outside the workspace; data paths in a .kpi file must stay inside it${loaded.message ? ` (${loaded.message})` : ''}` });
        continue;
      case 'unreadable':
        at({ code: 'KPI082', severity: 'error', span: sourceSpan, message: `Cannot read data file ${loaded.displayPath}: ${loaded.message}` });
        continue;
      case 'unsupported':
        continue; // reported by the checker (KPI086) from the file name alone
      case 'loaded':
        break;
    }
    const result = loaded.result;
    if (result.fatal) {
      at({ code: 'KPI082', severity: 'error', span: sourceSpan, message: `Cannot read data file ${loaded.displayPath}, line ${result.fatal.line}: ${result.fatal.message}` });
      continue;
    }
    for (const missing of result.missingColumns) {
      const column = binding.decl.columns.find((c) => c.name.text === missing);
      const suggestion = closestName(missing, result.fileColumns.filter((c) => !binding.decl.columns.some((d) => d.name.text === c)));
      at({
        code: 'KPI083', severity: 'error', span: column?.name.span ?? sourceSpan,
        message: `Column \`${missing}\` is not in ${loaded.displayPath}${didYouMean(suggestion)}`,
        ...(suggestion ? { data: { suggestion } } : {}),
      });
    }
    if (result.rowsRejected > 0) {
      const first = result.problems.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`).join('; ');
      const rows = result.rowsRejected === 1 ? '1 row' : `${result.rowsRejected} rows`;
      const verb = result.rowsRejected === 1 ? 'breaks the schema and is' : 'break the schema and are';
      at({
        code: 'KPI084', severity: 'warning', span: sourceSpan,
        message: `${rows} of ${loaded.displayPath} ${verb} left out (${first}${result.rowsRejected > 3 ? '; ...' : ''})`,
        data: { problems: result.problems.map((p) => ({ ...p, file: loaded.displayPath })) },
      });
    }
    for (const cut of cutTrends(program, binding.name, result.table)) {
      const column = binding.decl.columns.find((c) => c.name.text === cut.column);
      at({
        code: 'KPI087', severity: 'warning', span: column?.name.span ?? sourceSpan,
        message: `\`${cut.column}\` runs from ${cut.span.first} to ${cut.span.last}: a trend by ${cut.period} would have ${cut.span.periods.toLocaleString('en-US')} periods, so only the last ${MAX_TREND_PERIODS.toLocaleString('en-US')} are shown. Is a date mistyped?`,
      });
    }
    const declared = new Set(binding.decl.columns.map((c) => c.name.text));
    for (const column of result.fileColumns) {
      if (declared.has(column)) continue;
      at({
        code: 'KPI085', severity: 'info', span: binding.decl.name?.span ?? sourceSpan,
        message: `${loaded.displayPath} has a column \`${column}\` that \`${binding.name}\` does not declare`,
        data: { column },
      });
    }
  }
  return diagnostics;
}

/**
 * The trends over `dataset` that span more than MAX_TREND_PERIODS periods, once
 * per column and period. Read from the period grouping, which evaluation
 * shares (it is computed once per loaded table).
 */
function cutTrends(program: Program, dataset: string, table: Table): Array<{ column: string; period: Period; span: TrendSpan }> {
  const cuts: Array<{ column: string; period: Period; span: TrendSpan }> = [];
  const seen = new Set<string>();
  for (const measure of program.plan.measures) {
    const trend = measure.trend;
    if (trend === null || trend.column.dataset !== dataset) continue;
    const key = `${trend.column.column}\u0000${trend.period}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const span = periodGrouping(table, trend.column.column, trend.period).span;
    if (span !== undefined && span.periods > MAX_TREND_PERIODS) cuts.push({ column: trend.column.column, period: trend.period, span });
  }
  return cuts;
}

export interface EvaluateOptions {
  /** How files are named in the result (e.g. relative to the workspace root). */
  displayFile(file: string): string;
}

export function evaluateScorecard(program: Program, data: ReadonlyMap<string, DatasetData>, options: EvaluateOptions): ScorecardResult {
  return runToEnd(scorecardSteps(program, data, options));
}

/** How an asynchronous host drives evaluation: pause between steps, stop when superseded. */
export interface EvaluationControl {
  /** Resolves when the host has served other work (e.g. `setImmediate`). */
  pause(): Promise<void>;
  /** True once the result is no longer wanted. */
  cancelled(): boolean;
}

/**
 * evaluateScorecard, giving the host a turn between passes over the data, so
 * a large evaluation never blocks a language server and a newer edit can
 * cancel it. Resolves to undefined when cancelled.
 */
export async function evaluateScorecardAsync(
  program: Program,
  data: ReadonlyMap<string, DatasetData>,
  options: EvaluateOptions,
  control: EvaluationControl,
): Promise<ScorecardResult | undefined> {
  const steps = scorecardSteps(program, data, options);
  for (;;) {
    if (control.cancelled()) return undefined;
    const step = steps.next();
    if (step.done) return step.value;
    await control.pause();
  }
}

function* scorecardSteps(program: Program, data: ReadonlyMap<string, DatasetData>, options: EvaluateOptions): Generator<void, ScorecardResult, void> {
  const tables = new Map<string, Table>();
  const datasets: DatasetResult[] = [];
  for (const binding of program.datasets) {
    const loaded = data.get(binding.name);
    if (loaded?.status === 'loaded' && !loaded.result.fatal) {
      tables.set(binding.name, loaded.result.table);
      datasets.push({ name: binding.name, source: loaded.displayPath, rowsRead: loaded.result.rowsRead, rowsRejected: loaded.result.rowsRejected });
    } else {
      datasets.push({ name: binding.name, source: loaded?.displayPath ?? binding.source, rowsRead: 0, rowsRejected: 0 });
    }
  }
  const evaluated = new Map((yield* evaluationSteps(program.plan, tables)).map((m) => [m.name, m]));

  // Declaration order: files imports-first, then position in the file.
  const measures: MeasureResult[] = [];
  for (const source of program.files.values()) {
    for (const decl of source.ast.declarations) {
      if ((decl.kind !== 'kpi' && decl.kind !== 'index') || !decl.name) continue;
      const declared = program.declarations.get(`${decl.kind}:${decl.name.text}`);
      if (!declared || declared.decl !== decl) continue; // a duplicate
      const result = evaluated.get(decl.name.text);
      if (!result) continue;
      const line = source.lines.position(decl.name.span.start).line + 1;
      measures.push({ ...result, file: options.displayFile(source.file), line });
    }
  }

  const all = [...program.diagnostics, ...checkData(program, data)];
  return {
    version: RESULT_VERSION,
    file: options.displayFile(program.entry),
    datasets,
    measures,
    diagnostics: all.map((d) => diagnosticResult(program, d, options)),
  };
}

export function diagnosticResult(program: Program, d: Diagnostic, options: EvaluateOptions): DiagnosticResult {
  const lines = program.files.get(d.file)?.lines;
  const start = lines ? lines.position(d.span.start) : { line: 0, column: 0 };
  const end = lines ? lines.position(d.span.end) : start;
  return {
    code: d.code, severity: d.severity, message: d.message, file: options.displayFile(d.file),
    line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1,
  };
}
