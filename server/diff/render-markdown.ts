/**
 * `kpi diff --format markdown`: a pull-request comment. A heading naming the
 * two sides, a one-line summary, a compact table of the changed KPIs and
 * indices (worst first, as the report orders them), then one collapsed
 * `<details>` per changed measure with every definition change, the value
 * move and, for an index, each component's contribution. Then the datasets
 * whose data changed and the problems of each side.
 *
 * Deterministic (no dates, no absolute paths, no commit ids), so tests
 * compare it byte for byte and a bot can update its comment in place.
 */

import { statusLabel, formatChange, formatCount, formatScore, formatWeight } from '../../grammar/results/format';
import type { DiagnosticResult } from '../../grammar/results/schema';
import { cell, code, html, statusBadge, table } from '../formats/markdown-text';
import type { DatasetDiff, DiffReport, MeasureDiff, MeasureSide } from './schema';
import { changeLabel, summaryParts } from './report-text';

/** A marker the comment starts with, so a workflow can find and update its own comment. */
export const COMMENT_MARKER = '<!-- kpi-diff -->';

export function renderDiffMarkdown(report: DiffReport): string {
  const out = [COMMENT_MARKER, `## KPI diff: ${code(report.base.label)} → ${code(report.head.label)}`, ''];
  const changed = report.measures.filter((m) => m.change !== 'unchanged');
  const many = report.scorecards.length > 1;
  out.push(summaryLine(report), '');
  if (changed.length > 0) {
    out.push(...table(
      ['', 'KPI / index', 'Change', 'Before', 'After', 'Status'],
      ['left', 'left', 'left', 'right', 'right', 'left'],
      changed.map((m) => [verdictCell(m), nameCell(m, many), cell(changeSummary(m)), sideValue(m.before), afterValue(m), statusCell(m)]),
    ), '');
    for (const m of changed) out.push(...detailLines(m), '');
  }
  const datasets = report.datasets.filter((d) => d.changed);
  if (datasets.length > 0) {
    out.push('**Data changed**', '', ...table(
      ['Dataset', 'File', 'Rows before', 'Rows after', 'Rejected before', 'Rejected after'],
      ['left', 'left', 'right', 'right', 'right', 'right'],
      datasets.map((d) => [code(d.name), cell(datasetFile(d)), rows(d.before, 'rowsRead'), rows(d.after, 'rowsRead'),
        rows(d.before, 'rowsRejected'), rows(d.after, 'rowsRejected')]),
    ), '');
  }
  out.push(...problemLines(`Problems on ${report.head.label}`, report.diagnostics.head, false));
  out.push(...problemLines(`Problems on ${report.base.label}`, report.diagnostics.base, true));
  while (out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}

function summaryLine(report: DiffReport): string {
  const parts = summaryParts(report);
  if (parts.length === 0) return 'No KPI, index or dataset changed.';
  const s = report.summary;
  // The first part is the count of worse measures when there are any: the one to notice.
  return parts.map((p, i) => (i === 0 && s.worse > 0 ? `🔻 **${p}**` : p)).join(' · ');
}

function verdictCell(m: MeasureDiff): string {
  return m.verdict === 'worse' ? '🔻 worse' : m.verdict === 'better' ? '🔼 better' : '';
}

function nameCell(m: MeasureDiff, many: boolean): string {
  const name = m.renamedFrom ? `${code(m.renamedFrom)} → ${code(m.name)}` : code(m.name);
  return many ? `${name} (${cell(m.scorecard)})` : name;
}

/** The change in a few words: the first definition phrase (and how many more), or what happened. */
function changeSummary(m: MeasureDiff): string {
  if (m.change === 'definition') return m.definition[0] + (m.definition.length > 1 ? ` (+${m.definition.length - 1} more)` : '');
  return changeLabel(m);
}

function sideValue(side: MeasureSide | null): string {
  return side ? cell(side.valueText) : '';
}

function afterValue(m: MeasureDiff): string {
  if (!m.after) return '';
  return cell(m.after.valueText) + (m.deltaText ? ` (${cell(m.deltaText)})` : '');
}

function statusCell(m: MeasureDiff): string {
  const before = m.before?.status ?? null;
  const after = m.after?.status ?? null;
  if (before === after) return after ? statusBadge(after, m.after?.partial ?? false) : '';
  const text = (s: typeof before) => (s === null ? 'not evaluated' : statusBadge(s));
  if (!m.before) return text(after);
  if (!m.after) return text(before);
  return `${text(before)} → ${text(after)}`;
}

function detailLines(m: MeasureDiff): string[] {
  const title = m.after?.title ?? m.before?.title;
  const status = m.before?.status !== m.after?.status && m.before && m.after
    ? `${statusWord(m.before)} → ${statusWord(m.after)}`
    : statusWord((m.after ?? m.before)!);
  const out = [
    '<details>',
    `<summary><code>${m.name}</code>${title ? ` ${html(title)}` : ''}: ${html(status)}</summary>`,
    '',
  ];
  const bullets: string[] = [];
  if (m.change === 'renamed') bullets.push(`renamed from ${m.renamedFrom}`);
  if (m.change !== 'definition' && m.change !== 'renamed' && m.change !== 'value') bullets.push(changeLabel(m));
  bullets.push(...m.definition);
  const where = m.after ?? m.before!;
  const same = m.before && m.after && m.before.valueText === m.after.valueText;
  bullets.push(same
    ? `value ${m.after!.valueText}, unchanged`
    : `value ${m.before?.valueText ?? '-'} → ${m.after?.valueText ?? '-'}${m.deltaText ? ` (${m.deltaText})` : ''}`);
  bullets.push(`declared at ${where.file}:${where.line}`);
  out.push(...bullets.map((b) => `- ${cell(b)}`), '');
  if (m.components.length > 0) {
    out.push(...table(
      ['Component', 'Weight', 'Contribution before', 'Contribution after', 'Change'],
      ['left', 'right', 'right', 'right', 'right'],
      m.components.map((c) => [
        c.renamedFrom ? `${code(c.renamedFrom)} → ${code(c.name)}` : code(c.name),
        weightText(c.weightBefore, c.weightAfter),
        c.contributionBefore === null ? '-' : formatScore(c.contributionBefore),
        c.contributionAfter === null ? '-' : formatScore(c.contributionAfter),
        c.delta === null ? '' : formatChange(c.delta, 'score'),
      ]),
    ), '');
  }
  out.push('</details>');
  return out;
}

function statusWord(side: MeasureSide): string {
  return side.status === null ? 'not evaluated' : statusLabel(side.status);
}

function weightText(before: number | null, after: number | null): string {
  if (before === null) return after === null ? '-' : `new, ${formatWeight(after)}`;
  if (after === null) return `${formatWeight(before)}, removed`;
  return Math.abs(before - after) > 1e-12 ? `${formatWeight(before)} → ${formatWeight(after)}` : formatWeight(after);
}

function datasetFile(d: DatasetDiff): string {
  const before = d.before?.file;
  const after = d.after?.file;
  return before && after && before !== after ? `${before} → ${after}` : (after ?? before ?? '');
}

function rows(side: DatasetDiff['before'], key: 'rowsRead' | 'rowsRejected'): string {
  if (!side) return '-';
  return side.read ? formatCount(side[key]) : 'not read';
}

function problemLines(heading: string, diagnostics: readonly DiagnosticResult[], collapsed: boolean): string[] {
  if (diagnostics.length === 0) return [];
  const rowsOut = table(
    ['Severity', 'Code', 'Where', 'Message'],
    ['left', 'left', 'left', 'left'],
    diagnostics.map((d) => [d.severity, d.code, cell(`${d.file}:${d.line}:${d.column}`), cell(d.message)]),
  );
  if (!collapsed) return [`**${cell(heading)}**`, '', ...rowsOut, ''];
  return ['<details>', `<summary>${html(heading)} (${diagnostics.length})</summary>`, '', ...rowsOut, '', '</details>', ''];
}
