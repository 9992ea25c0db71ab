/**
 * The state one analysis shares across its checkers: the declared datasets
 * (with their typed columns) and measures of the import closure, the
 * diagnostics sink, and the symbol/occurrence index that editor features
 * (definition, references, rename, hover) read.
 *
 * Invariant: every name the checker resolves is recorded as an occurrence
 * exactly once, so references and rename are complete.
 */

import type { Diagnostic, DiagnosticCode, RelatedLocation, Severity } from '../diagnostics';
import type { ColumnDecl, DatasetDecl, IndexDecl, KpiDecl, Span } from '../syntax/ast';
import type { ColumnType } from '../eval/data/table';
import type { Unit } from '../eval/plan';
import type { SymbolId, SymbolInfo, SymbolOccurrence } from '../program';

export interface ColumnInfo {
  name: string;
  dataset: string;
  decl: ColumnDecl;
  /** undefined when the declared type is invalid (already reported). */
  type: ColumnType | undefined;
  unit: Unit;
}

export interface DatasetInfo {
  name: string;
  file: string;
  decl: DatasetDecl;
  columns: Map<string, ColumnInfo>;
}

export type MeasureDecl =
  | { kind: 'kpi'; name: string; file: string; decl: KpiDecl }
  | { kind: 'index'; name: string; file: string; decl: IndexDecl };

export function datasetId(name: string): SymbolId {
  return `dataset:${name}`;
}
export function columnId(dataset: string, column: string): SymbolId {
  return `column:${dataset}.${column}`;
}
export function measureId(kind: 'kpi' | 'index', name: string): SymbolId {
  return `${kind}:${name}`;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly datasets = new Map<string, DatasetInfo>();
  readonly measures = new Map<string, MeasureDecl>();
  readonly symbols = new Map<SymbolId, SymbolInfo>();
  readonly occurrences = new Map<string, SymbolOccurrence[]>();

  report(
    code: DiagnosticCode,
    severity: Severity,
    file: string,
    span: Span,
    message: string,
    extra?: { data?: Record<string, unknown>; related?: RelatedLocation[] },
  ): void {
    this.diagnostics.push({ code, severity, message, file, span, ...extra });
  }

  error(code: DiagnosticCode, file: string, span: Span, message: string, data?: Record<string, unknown>): void {
    this.report(code, 'error', file, span, message, data ? { data } : undefined);
  }

  warning(code: DiagnosticCode, file: string, span: Span, message: string, data?: Record<string, unknown>): void {
    this.report(code, 'warning', file, span, message, data ? { data } : undefined);
  }

  declare(info: SymbolInfo): void {
    this.symbols.set(info.id, info);
    this.occur(info.file, info.nameSpan, info.id, true);
  }

  occur(file: string, span: Span, symbol: SymbolId, isDeclaration = false): void {
    let list = this.occurrences.get(file);
    if (!list) this.occurrences.set(file, (list = []));
    list.push({ file, span, symbol, isDeclaration });
  }

  /** The single dataset of the closure, for bare column names; undefined when there are 0 or several. */
  onlyDataset(): DatasetInfo | undefined {
    return this.datasets.size === 1 ? [...this.datasets.values()][0] : undefined;
  }

  finishOccurrences(): void {
    for (const list of this.occurrences.values()) list.sort((a, b) => a.span.start - b.span.start);
  }
}
