/**
 * Hovers, in Markdown:
 * - a KPI or index name (declaration or use): doc comment, definition, value,
 *   thresholds, status, rows, one table per breakdown, the last periods of the
 *   trend with their change; for an index each component's weight, score and
 *   contribution; with a git base, a line on how it moved since (delta.ts);
 * - a dataset: doc comment, data file, rows read and rejected;
 * - a column: its declaration (type, unit, range, allowed values, optional,
 *   key) and its dataset;
 * - a function name: its signature and documentation.
 *
 * Values come from the snapshot's evaluation and are formatted by
 * grammar/results/format.ts, so they read exactly as in the CLI.
 */

import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import type { ColumnDecl } from '../../../grammar/syntax/ast';
import type { Declared, SourceFile, SymbolInfo } from '../../../grammar/program';
import type { MeasureResult, Unit } from '../../../grammar/results/schema';
import {
  formatChange, formatCount, formatRows, formatScore, formatThreshold, formatValue, formatWeight, statusLabel,
} from '../../../grammar/results/format';
import { functionDoc } from '../../../grammar/semantics/functions';
import { toRange } from '../convert';
import type { Snapshot } from '../workspace';
import { truncatedFor } from './code-lens';
import { deltaHoverLine } from './delta';
import { callNameAt, measureResult, symbolAt } from './lookup';

/** How many trend periods a hover shows (the most recent ones). */
export const HOVER_PERIODS = 6;

export function hover(snapshot: Snapshot, source: SourceFile, offset: number): Hover | null {
  const found = symbolAt(snapshot.program, source.file, offset);
  if (found) {
    const markdown = symbolHover(snapshot, found.symbol);
    if (markdown === undefined) return null;
    return { contents: { kind: MarkupKind.Markdown, value: markdown }, range: toRange(source.lines, found.occurrence.span) };
  }
  const call = callNameAt(source.ast, offset);
  const doc = call && functionDoc(call.callee.text);
  if (call && doc) {
    const value = [fence(doc.signature), doc.doc].join('\n\n');
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(source.lines, call.callee.span) };
  }
  return null;
}

function symbolHover(snapshot: Snapshot, symbol: SymbolInfo): string | undefined {
  const declared = snapshot.program.declarations.get(symbol.id);
  switch (symbol.kind) {
    case 'kpi':
    case 'index':
      return declared && declared.kind !== 'dataset' ? measureHover(snapshot, declared) : undefined;
    case 'dataset':
      return declared && declared.kind === 'dataset' ? datasetHover(snapshot, declared) : undefined;
    case 'column':
      return symbol.column ? columnHover(snapshot, symbol, symbol.column) : undefined;
  }
}

// --- measures --------------------------------------------------------------

function measureHover(snapshot: Snapshot, declared: Extract<Declared, { kind: 'kpi' | 'index' }>): string {
  const decl = declared.decl;
  const name = decl.name?.text ?? '';
  const title = decl.title?.value;
  const sections: string[] = [`**${declared.kind === 'kpi' ? 'KPI' : 'Index'}** \`${name}\`${title ? ` · ${title}` : ''}`];
  if (decl.doc) sections.push(decl.doc);
  if (declared.kind === 'kpi' && declared.decl.value) {
    const text = snapshot.program.files.get(declared.file)?.text;
    if (text !== undefined) sections.push(fence(text.slice(declared.decl.value.span.start, declared.decl.value.span.end)));
  }
  const result = measureResult(snapshot, name);
  if (!result) {
    sections.push(snapshot.scorecard === undefined || snapshot.scorecard === null
      ? '_Not evaluated: live evaluation is off._'
      : '_No result: this definition (or one it uses) has errors._');
    return sections.join('\n\n');
  }
  sections.push(summaryTable(result));
  const delta = deltaHoverLine(snapshot, name);
  if (delta !== undefined) sections.push(delta);
  if (result.components && result.components.length > 0) sections.push(componentsTable(snapshot, result));
  for (const breakdown of result.breakdowns) {
    sections.push(`**By ${breakdown.column}**\n\n${table(
      [breakdown.column, 'Value', 'Status', 'Rows'],
      breakdown.segments.map((segment) => [
        segment.segment,
        formatValue(segment.value, result.unit) + (segment.partial ? ' (partial)' : ''),
        statusLabel(segment.status),
        formatCount(segment.rowsUsed),
      ]),
    )}`);
  }
  if (result.trend && result.trend.periods.length > 0) {
    const periods = result.trend.periods.slice(-HOVER_PERIODS);
    sections.push(`**By ${result.trend.period}** (last ${periods.length})\n\n${table(
      [result.trend.period, 'Value', 'Change', 'Status'],
      periods.map((period) => [
        period.period,
        formatValue(period.value, result.unit),
        formatChange(period.change, result.unit),
        statusLabel(period.status),
      ]),
    )}`);
  }
  const truncated = truncatedFor(snapshot, name);
  if (truncated.length > 0) {
    sections.push(`_Live result on the first ${formatCount(snapshot.maxRows)} rows of ${truncated.map((d) => `\`${d}\``).join(', ')} (setting \`kpi.evaluation.maxRows\`); \`kpi eval\` reads every row._`);
  }
  return sections.join('\n\n');
}

function summaryTable(result: MeasureResult): string {
  const rows: string[][] = [
    ['Value', `**${formatValue(result.value, result.unit)}**${result.partial ? ' (partial)' : ''}`],
    ['Status', statusLabel(result.status)],
  ];
  for (const threshold of result.thresholds) {
    rows.push([capitalise(threshold.level), formatThreshold(threshold, result.unit)]);
  }
  const skipped = result.rowsSkipped > 0 ? ` · ${formatCount(result.rowsSkipped)} skipped` : '';
  rows.push(['Rows', `${formatCount(result.rowsUsed)} used${skipped}`]);
  return table(['', ''], rows);
}

function componentsTable(snapshot: Snapshot, result: MeasureResult): string {
  const rows = (result.components ?? []).map((component) => {
    const unit: Unit = measureResult(snapshot, component.name)?.unit ?? 'none';
    const weight = component.effectiveWeight !== component.weight
      ? `${formatWeight(component.weight)} (${formatWeight(component.effectiveWeight)} used)`
      : formatWeight(component.weight);
    return [component.name, weight, formatValue(component.value, unit), formatScore(component.score), formatScore(component.contribution)];
  });
  return `**Components**\n\n${table(['Component', 'Weight', 'Value', 'Score', 'Contribution'], rows)}`;
}

// --- datasets and columns ----------------------------------------------------

function datasetHover(snapshot: Snapshot, declared: Extract<Declared, { kind: 'dataset' }>): string {
  const decl = declared.decl;
  const name = decl.name?.text ?? '';
  const sections = [`**Dataset** \`${name}\``];
  if (decl.doc) sections.push(decl.doc);
  const lines: string[] = [];
  if (decl.source) lines.push(`From \`${decl.source.value}\``);
  lines.push(`${decl.columns.length} ${decl.columns.length === 1 ? 'column' : 'columns'} declared`);
  const data = snapshot.data.get(name);
  if (data?.status === 'loaded' && !data.result.fatal) {
    const rejected = data.result.rowsRejected > 0 ? `, ${formatCount(data.result.rowsRejected)} rejected` : '';
    const limit = snapshot.truncated.has(name) ? ` (first ${formatCount(snapshot.maxRows)}: \`kpi.evaluation.maxRows\`)` : '';
    lines.push(`${formatRows(data.result.rowsRead)} read${limit}${rejected}`);
  } else if (data && data.status !== 'loaded') {
    lines.push(`Data not loaded: ${data.message}`);
  }
  sections.push(lines.join('  \n'));
  return sections.join('\n\n');
}

function columnHover(snapshot: Snapshot, symbol: SymbolInfo, decl: ColumnDecl): string {
  const facts: string[] = [];
  if (decl.type) facts.push(decl.type.text);
  if (decl.unit) facts.push(`unit ${decl.unit.text}`);
  if (decl.range) facts.push(`range ${decl.range.min}..${decl.range.max}`);
  if (decl.allowed) facts.push(`one of ${decl.allowed.values.map((v) => JSON.stringify(v.value)).join(', ')}`);
  facts.push(decl.optional ? 'optional (may be empty)' : 'required');
  if (decl.key) facts.push('key (unique)');
  const dataset = symbol.dataset ?? '';
  const source = snapshot.program.datasets.find((binding) => binding.name === dataset)?.source;
  return [
    `**Column** \`${dataset}.${decl.name.text}\``,
    facts.join(' · '),
    `In dataset \`${dataset}\`${source ? ` from \`${source}\`` : ''}`,
  ].join('\n\n');
}

// --- Markdown ----------------------------------------------------------------

function fence(code: string): string {
  return `\`\`\`kpi\n${code}\n\`\`\``;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
