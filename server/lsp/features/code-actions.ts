/**
 * Quick fixes, keyed on diagnostic codes and their `data` (never on message
 * text):
 * - KPI010, KPI012 and any other code with `data.suggestion` (an unknown
 *   type or unit, KPI050's "write 25%"): replace the name or number with it;
 * - KPI083 with a suggestion: rename the declared column, and its uses, to
 *   the data file's spelling;
 * - KPI050 (weights do not add up): rewrite every weight proportionally as a
 *   percent with at most 2 decimals, the last one adjusted so they add up to
 *   exactly 100%;
 * - KPI051: add a placeholder score mapping that points the way of the KPI's
 *   direction;
 * - KPI085: declare a column the data file has, before the dataset's
 *   closing brace, with the type (and `optional`) the file's first rows
 *   support (server/host/column-guess.ts), else `text`.
 * The server looks the diagnostic up in its own snapshot by code and place,
 * so fixes work even when a client drops `data` on the way back.
 */

import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic } from '../../../grammar/diagnostics';
import type { SourceFile } from '../../../grammar/program';
import type { DatasetDecl, IndexDecl, Span } from '../../../grammar/syntax/ast';
import { fileToUri, toOffset, toRange } from '../convert';
import type { ColumnGuess } from '../../host/column-guess';
import type { Snapshot } from '../workspace';
import { occurrencesOf, touches } from './lookup';
import { refuse } from './rename';

export function codeActions(
  snapshot: Snapshot,
  source: SourceFile,
  uri: string,
  diagnostics: readonly LspDiagnostic[],
  openUris: ReadonlyMap<string, string>,
  guessColumn: ColumnGuesser = () => undefined,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const lsp of diagnostics) {
    const found = ourDiagnostic(snapshot, source, lsp);
    if (!found) continue;
    const data = found.data ?? {};
    const fix = (title: string, edit: WorkspaceEdit, preferred = true) =>
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: preferred, edit });
    const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
    switch (found.code) {
      case 'KPI050':
        if (suggestion) fix(`Write \`${suggestion}\``, single(uri, source, found.span, suggestion));
        else {
          const edits = normaliseWeights(source, found);
          if (edits) fix('Normalise the weights to add up to 100%', { changes: { [uri]: edits } });
        }
        break;
      case 'KPI051': {
        const edit = scoreMapping(snapshot, source, found);
        if (edit) fix('Add a score mapping (placeholder anchors: adjust them)', { changes: { [uri]: [edit] } });
        break;
      }
      case 'KPI083':
        if (suggestion) {
          const edit = renameColumn(snapshot, source, found.span, suggestion, openUris);
          if (edit) fix(`Rename the column to \`${suggestion}\` (as in the data file)`, edit);
        }
        break;
      case 'KPI085': {
        const edit = declareColumn(source, found, guessColumn);
        if (edit) fix(`Declare column \`${String(data.column)}\``, { changes: { [uri]: [edit] } }, false);
        break;
      }
      default:
        // KPI010 (unknown name), KPI012 (unknown column), KPI020/KPI021 (unknown type or unit)...
        if (suggestion) fix(`Change to \`${suggestion}\``, single(uri, source, found.span, suggestion));
        break;
    }
  }
  return actions;
}

/** The snapshot's diagnostic behind a client's copy: same code and place (and message, when several share them). */
function ourDiagnostic(snapshot: Snapshot, source: SourceFile, lsp: LspDiagnostic): Diagnostic | undefined {
  const start = toOffset(source.lines, lsp.range.start);
  const end = toOffset(source.lines, lsp.range.end);
  const candidates = snapshot.diagnostics.filter((d) =>
    d.file === source.file && d.code === lsp.code && d.span.start === start && d.span.end === end);
  return candidates.find((d) => d.message === lsp.message) ?? candidates[0];
}

function single(uri: string, source: SourceFile, span: Span, newText: string): WorkspaceEdit {
  return { changes: { [uri]: [{ range: toRange(source.lines, span), newText }] } };
}

// --- KPI050 -----------------------------------------------------------------

interface WeightData {
  name: string;
  value: number;
  start: number;
  end: number;
}

function normaliseWeights(source: SourceFile, diagnostic: Diagnostic): TextEdit[] | undefined {
  const weights = diagnostic.data?.weights;
  if (!Array.isArray(weights) || weights.length === 0 || !weights.every(isWeightData)) return undefined;
  const sum = weights.reduce((total, weight) => total + weight.value, 0);
  if (!(sum > 0)) return undefined;
  const percents = weights.map((weight) => round2((weight.value / sum) * 100));
  const others = percents.slice(0, -1).reduce((total, percent) => total + percent, 0);
  percents[percents.length - 1] = round2(100 - others);
  return weights.map((weight, i) => ({
    range: toRange(source.lines, { start: weight.start, end: weight.end }),
    newText: `${percentText(percents[i])}%`,
  }));
}

function isWeightData(value: unknown): value is WeightData {
  const w = value as Partial<WeightData> | null;
  return typeof w === 'object' && w !== null && typeof w.value === 'number'
    && typeof w.start === 'number' && typeof w.end === 'number';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** `33.33`, `25`, `12.5`: at most two decimals, no trailing zeros. */
export function percentText(value: number): string {
  return value.toFixed(2).replace(/\.?0+$/, '');
}

// --- KPI051 -----------------------------------------------------------------

function scoreMapping(snapshot: Snapshot, source: SourceFile, diagnostic: Diagnostic): TextEdit | undefined {
  const index = declarationAt<IndexDecl>(source, diagnostic.span, 'index');
  const component = index?.components.find((c) => c.name.span.start === diagnostic.span.start);
  if (!component || component.score) return undefined;
  const declared = snapshot.program.declarations.get(`kpi:${component.name.text}`);
  let direction: 'higher' | 'lower' = 'higher';
  if (declared?.kind === 'kpi') {
    const target = declared.decl.thresholds.find((threshold) => threshold.level === 'target')?.op?.text;
    direction = declared.decl.direction?.value ?? (target === '<=' || target === '<' ? 'lower' : 'higher');
  }
  const anchors = direction === 'lower' ? 'score 100 -> 0, 0 -> 100' : 'score 0 -> 0, 100 -> 100';
  const at = component.weight?.span.end ?? component.name.span.end;
  const position = toRange(source.lines, { start: at, end: at }).start;
  return { range: { start: position, end: position }, newText: ` ${anchors}` };
}

// --- KPI083 -----------------------------------------------------------------

function renameColumn(
  snapshot: Snapshot, source: SourceFile, span: Span, newName: string, openUris: ReadonlyMap<string, string>,
): WorkspaceEdit | undefined {
  const occurrence = snapshot.program.occurrences.get(source.file)?.find((o) => o.span.start === span.start && o.isDeclaration);
  const symbol = occurrence && snapshot.program.symbols.get(occurrence.symbol);
  if (!symbol || refuse(symbol, newName, [snapshot.program.symbols])) return undefined;
  const changes: Record<string, TextEdit[]> = {};
  for (const use of occurrencesOf([snapshot.program], symbol)) {
    const file = snapshot.program.files.get(use.file);
    if (!file) continue;
    (changes[fileToUri(use.file, openUris)] ??= []).push({ range: toRange(file.lines, use.span), newText: newName });
  }
  return { changes };
}

// --- KPI085 -----------------------------------------------------------------

const COLUMN_NAME = /^[A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F0-9]*$/;

/** The type and optionality a data file's column has, as far as its first rows tell; undefined when unknown. */
export type ColumnGuesser = (dataset: string, column: string) => ColumnGuess | undefined;

function declareColumn(source: SourceFile, diagnostic: Diagnostic, guessColumn: ColumnGuesser): TextEdit | undefined {
  const column = diagnostic.data?.column;
  if (typeof column !== 'string' || !COLUMN_NAME.test(column)) return undefined;
  const dataset = declarationAt<DatasetDecl>(source, diagnostic.span, 'dataset');
  if (!dataset || source.text.charAt(dataset.span.end - 1) !== '}') return undefined;
  const guess = dataset.name ? guessColumn(dataset.name.text, column) : undefined;
  const type = guess ? `${guess.type}${guess.optional ? ' optional' : ''}` : 'text';
  const closing = dataset.span.end - 1;
  const lineStart = source.lines.lineStart(source.lines.position(closing).line);
  const beforeBrace = source.text.slice(lineStart, closing);
  const indent = indentOfColumns(source, dataset);
  if (beforeBrace.trim() === '') {
    const at = toRange(source.lines, { start: lineStart, end: lineStart }).start;
    return { range: { start: at, end: at }, newText: `${indent}${column} ${type}${lineBreak(source.text)}` };
  }
  const at = toRange(source.lines, { start: closing, end: closing }).start;
  return { range: { start: at, end: at }, newText: `${lineBreak(source.text)}${indent}${column} ${type}${lineBreak(source.text)}` };
}

function indentOfColumns(source: SourceFile, dataset: DatasetDecl): string {
  const first = dataset.columns[0];
  if (!first) return '  ';
  const lineStart = source.lines.lineStart(source.lines.position(first.span.start).line);
  const before = source.text.slice(lineStart, first.span.start);
  return /^[ \t]*$/.test(before) ? before : '  ';
}

function lineBreak(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

function declarationAt<T extends DatasetDecl | IndexDecl>(source: SourceFile, span: Span, kind: T['kind']): T | undefined {
  return source.ast.declarations.find((decl): decl is T => decl.kind === kind && touches(decl.span, span.start));
}
