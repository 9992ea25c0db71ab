/**
 * The core's entry points: analyse a `.kpi` file with its imports, check its
 * data, evaluate it. No IO here: the host supplies file texts and loaded data.
 *
 * Phases: parse every file of the import closure -> bind names -> check ->
 * lower the valid declarations to a ScorecardPlan. A declaration with errors
 * is left out of the plan; everything else is still evaluated.
 */

import type { Diagnostic } from './diagnostics';
import type { KpiFile, DatasetDecl, KpiDecl, IndexDecl, Span, ColumnDecl, ParseResult } from './syntax/ast';
import type { LineIndex } from './syntax/line-index';
import type { ScorecardPlan } from './eval/plan';
import type { ColumnSchema, DataFormat, LoadResult } from './eval/data/table';

/** How the core reaches other files. Identities (`file`) are opaque strings: paths or URIs. */
export interface SourceHost {
  /** The text of a `.kpi` file, or undefined when it cannot be read. */
  readKpi(file: string): string | undefined;
  /** The identity of `importPath` (as written in `import "..."`) relative to `fromFile`. */
  resolveImport(fromFile: string, importPath: string): string;
  /**
   * Parses a file's text; `parse` when absent. The language server passes one
   * incremental parser per file (syntax/incremental.ts), which gives the same
   * result faster while the text changes a little at a time.
   */
  parseKpi?(file: string, text: string): ParseResult;
}

export interface SourceFile {
  file: string;
  text: string;
  ast: KpiFile;
  lines: LineIndex;
}

export type Declared =
  | { kind: 'dataset'; file: string; decl: DatasetDecl }
  | { kind: 'kpi'; file: string; decl: KpiDecl }
  | { kind: 'index'; file: string; decl: IndexDecl };

/** A dataset as the host must load it. */
export interface DatasetBinding {
  name: string;
  /** The `.kpi` file that declares it. */
  file: string;
  decl: DatasetDecl;
  /** `from "..."` as written; the host resolves it against `file`. */
  source: string;
  /** From the extension of `source`; undefined when unsupported. */
  format: DataFormat | undefined;
  schema: ColumnSchema[];
  /** Columns that KPIs, breakdowns and trends read: what evaluation needs loaded. */
  usedColumns: ReadonlySet<string>;
}

/** Stable identity of a declared thing: `kpi:fcr`, `index:satisfaction`, `dataset:tickets`, `column:tickets.csat`. */
export type SymbolId = string;

export interface SymbolInfo {
  id: SymbolId;
  kind: 'dataset' | 'kpi' | 'index' | 'column';
  name: string;
  /** For a column: its dataset's name. */
  dataset?: string;
  file: string;
  /** The declared name. */
  nameSpan: Span;
  /** The whole declaration. */
  declSpan: Span;
  /** For columns: the declaration node. */
  column?: ColumnDecl;
}

/** One occurrence of a name that resolved to a symbol (declarations included). */
export interface SymbolOccurrence {
  file: string;
  span: Span;
  symbol: SymbolId;
  isDeclaration: boolean;
}

export interface Program {
  entry: string;
  /** The entry file and its import closure. */
  files: ReadonlyMap<string, SourceFile>;
  /** Syntax and semantic diagnostics of every file, sorted by file then offset. */
  diagnostics: Diagnostic[];
  /** Every declared dataset, KPI and index by SymbolId (`kpi:fcr`, `dataset:tickets`); the first declaration wins. */
  declarations: ReadonlyMap<SymbolId, Declared>;
  datasets: DatasetBinding[];
  /** Every dataset, column, KPI and index of the closure. */
  symbols: ReadonlyMap<SymbolId, SymbolInfo>;
  /** Every resolved name occurrence, by file, sorted by offset. */
  occurrences: ReadonlyMap<string, SymbolOccurrence[]>;
  /** The valid part of the scorecard. */
  plan: ScorecardPlan;
}

/** The outcome of the host's attempt to load one dataset's file. */
export type DatasetData =
  | { status: 'loaded'; displayPath: string; result: LoadResult }
  | {
      status: 'missing' | 'outside' | 'unreadable' | 'unsupported';
      displayPath: string;
      message: string;
    };
