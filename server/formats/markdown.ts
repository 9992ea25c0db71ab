/**
 * `--format markdown` for `kpi eval` and `kpi check`: GitHub Flavored
 * Markdown for a pull-request comment or a job summary ($GITHUB_STEP_SUMMARY).
 *
 * eval: a heading, a one-line status count, a compact table (status, KPI,
 * value, target, change in the last trend period vs the one before), then one
 * collapsed `<details>` per KPI/index with thresholds, rows, components,
 * segments and trend, then the datasets and any problems.
 * check: a count line and a table of the problems.
 *
 * Deterministic: no dates, no absolute paths; the same CiReport always gives
 * the same bytes.
 */

import type { DiagnosticResult, MeasureResult, ScorecardResult, Status, Unit } from '../../grammar/results/schema';
import {
  formatChange, formatCount, formatScore, formatThreshold, formatValue, formatWeight, statusLabel,
} from '../../grammar/results/format';
import { cell, code, html, statusBadge, statusEmoji, table } from './markdown-text';
import type { CiReport } from './ci-report';
import { statusOrder } from './statuses';

export function renderMarkdown(report: CiReport): string {
  const lines = report.scorecard ? scorecardLines(report.scorecard, report.diagnostics) : checkLines(report);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- eval

function scorecardLines(result: ScorecardResult, diagnostics: readonly DiagnosticResult[]): string[] {
  const out = [`## KPI scorecard: ${code(result.file)}`, ''];
  if (result.measures.length === 0) {
    out.push('No KPIs or indices to show.', '');
  } else {
    out.push(statusCounts(result.measures.map((m) => m.status)), '');
    out.push(...table(
      ['Status', 'KPI / index', 'Value', 'Target', 'Change'],
      ['left', 'left', 'right', 'left', 'right'],
      result.measures.map((m) => [
        statusBadge(m.status, m.partial), nameCell(m), formatValue(m.value, m.unit), cell(targetText(m)), lastChange(m),
      ]),
    ), '');
    const units = new Map(result.measures.map((m) => [m.name, m.unit] as const));
    for (const measure of result.measures) out.push(...detailLines(measure, units), '');
  }
  if (result.datasets.length > 0) {
    out.push('**Data**', '');
    for (const d of result.datasets) {
      out.push(`- ${code(d.name)}: ${cell(d.source)}, ${plural(d.rowsRead, 'row')}, ${formatCount(d.rowsRejected)} rejected`);
    }
    out.push('');
  }
  if (diagnostics.length > 0) out.push('**Problems**', '', ...diagnosticTable(diagnostics), '');
  return trimEnd(out);
}

/** `🔴 2 breach · 🟡 5 warning · ➖ 2 no target`, worst first, only statuses that occur. */
function statusCounts(statuses: readonly Status[]): string {
  const counts = new Map<Status, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => statusOrder(a) - statusOrder(b))
    .map(([status, count]) => `${statusEmoji(status)} ${count} ${statusLabel(status)}`)
    .join(' · ');
}

function nameCell(m: MeasureResult): string {
  return m.title ? `${code(m.name)} ${cell(m.title)}` : code(m.name);
}

function targetText(m: MeasureResult): string {
  const target = m.thresholds.find((t) => t.level === 'target');
  return target ? formatThreshold(target, m.unit) : '-';
}

/** The change of the last trend period against the one before: `+3.5 pts (2025-06)`. */
function lastChange(m: MeasureResult): string {
  const last = m.trend?.periods[m.trend.periods.length - 1];
  if (!last || last.change === null) return '';
  return `${formatChange(last.change, m.unit)} (${cell(last.period)})`;
}

function detailLines(m: MeasureResult, units: ReadonlyMap<string, Unit>): string[] {
  const title = m.title ? ` ${html(m.title)}` : '';
  const out = [
    '<details>',
    `<summary><code>${m.name}</code>${title}: ${html(formatValue(m.value, m.unit))}, ${html(statusBadge(m.status, m.partial))}</summary>`,
    '',
  ];
  const thresholds = m.thresholds.map((t) => `${t.level} ${formatThreshold(t, m.unit)}`);
  out.push(cell(`${thresholds.length > 0 ? `Thresholds: ${thresholds.join(', ')}. ` : ''}`
    + `Rows used: ${formatCount(m.rowsUsed)}, skipped: ${formatCount(m.rowsSkipped)}.`
    + `${m.partial ? ' Partial: some components have no data; the other weights were renormalised.' : ''}`), '');
  if (m.components && m.components.length > 0) {
    out.push(...table(
      ['Component', 'Weight', ...(m.partial ? ['Effective'] : []), 'Value', 'Score', 'Contribution'],
      ['left', 'right', ...(m.partial ? ['right' as const] : []), 'right', 'right', 'right'],
      m.components.map((c) => [
        code(c.name), formatWeight(c.weight), ...(m.partial ? [formatWeight(c.effectiveWeight)] : []),
        formatValue(c.value, units.get(c.name) ?? 'none'),
        c.score === null ? '-' : formatScore(c.score), c.contribution === null ? '-' : formatScore(c.contribution),
      ]),
    ), '');
  }
  for (const breakdown of m.breakdowns) {
    out.push(`**By ${code(breakdown.column)}**`, '');
    if (breakdown.segments.length === 0) {
      out.push('No segments: the column has no values.', '');
      continue;
    }
    out.push(...table(
      ['Segment', 'Value', 'Status', 'Rows', 'Skipped'],
      ['left', 'right', 'left', 'right', 'right'],
      breakdown.segments.map((s) => [
        cell(s.segment), formatValue(s.value, m.unit), statusBadge(s.status, s.partial ?? false),
        formatCount(s.rowsUsed), formatCount(s.rowsSkipped),
      ]),
    ), '');
  }
  if (m.trend) {
    out.push(`**By ${code(`${m.trend.period}(${m.trend.column})`)}**`, '');
    if (m.trend.periods.length === 0) {
      out.push('No periods: the column has no values.', '');
    } else {
      out.push(...table(
        ['Period', 'Value', 'Change', 'Status', 'Rows', 'Skipped'],
        ['left', 'right', 'right', 'left', 'right', 'right'],
        m.trend.periods.map((p) => [
          cell(p.period), formatValue(p.value, m.unit), p.change === null ? '' : formatChange(p.change, m.unit),
          statusBadge(p.status, p.partial ?? false), formatCount(p.rowsUsed), formatCount(p.rowsSkipped),
        ]),
      ), '');
    }
  }
  out.push('</details>');
  return out;
}

// ---------------------------------------------------------------- check

function checkLines(report: CiReport): string[] {
  const out = ['## KPI check', ''];
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').length;
  const infos = report.diagnostics.length - errors - warnings;
  const files = report.files ? ` in ${plural(report.files.length, 'file')}` : '';
  if (report.diagnostics.length === 0) {
    out.push(`🟢 No problems${files}.`);
    return out;
  }
  const counts = [plural(errors, 'error'), plural(warnings, 'warning'), ...(infos > 0 ? [`${infos} info`] : [])];
  out.push(`${errors > 0 ? '🔴' : '🟡'} ${counts.join(', ')}${files}.`, '', ...diagnosticTable(report.diagnostics));
  return out;
}

const SEVERITY_EMOJI: Record<DiagnosticResult['severity'], string> = { error: '🔴', warning: '🟡', info: '🔵' };

function diagnosticTable(diagnostics: readonly DiagnosticResult[]): string[] {
  return table(
    ['Severity', 'Code', 'Where', 'Message'],
    ['left', 'left', 'left', 'left'],
    diagnostics.map((d) => [
      `${SEVERITY_EMOJI[d.severity]} ${d.severity}`, d.code, cell(`${d.file}:${d.line}:${d.column}`), cell(d.message),
    ]),
  );
}

// ---------------------------------------------------------------- helpers

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function trimEnd(lines: string[]): string[] {
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
