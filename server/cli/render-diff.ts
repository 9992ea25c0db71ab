/**
 * `kpi diff` as a readable table for a terminal (the default format). Pure:
 * a DiffReport in, text out; colors from the Palette.
 *
 * Top to bottom: the two sides, the summary line, one row per changed KPI or
 * index, worst first (verdict, name, what changed, value before and after
 * with the change, status before -> after), each further definition change
 * and each moved index component on a row of its own below; then the
 * datasets whose data changed. Unchanged measures are only counted.
 */

import { formatChange, formatCount, formatScore, statusLabel } from '../../grammar/results/format';
import type { DatasetDiff, DiffReport, MeasureDiff } from '../diff/schema';
import { changeLabel, summaryParts } from '../diff/report-text';
import { paintStatus, type Palette } from './color';
import { layout, type Align, type Cell } from './render-table';

const INDENT = '  ';

export function renderDiffTable(report: DiffReport, palette: Palette): string {
  const out = [palette.bold(`KPI diff: ${report.base.label} -> ${report.head.label}`)];
  const parts = summaryParts(report);
  out.push(parts.length > 0 ? parts.join(', ') : 'No KPI, index or dataset changed.');
  const changed = report.measures.filter((m) => m.change !== 'unchanged');
  if (changed.length > 0) {
    const head = (text: string): Cell => ({ text, paint: palette.dim });
    const rows: Cell[][] = [[head(''), head('KPI / INDEX'), head('CHANGE'), head('BEFORE'), head('AFTER'), head('STATUS')]];
    const many = report.scorecards.length > 1;
    for (const m of changed) rows.push(...measureRows(m, palette, many));
    const aligns: Align[] = ['left', 'left', 'left', 'right', 'right', 'left'];
    out.push('', ...layout(rows, aligns, INDENT));
  }
  const datasets = report.datasets.filter((d) => d.changed);
  if (datasets.length > 0) {
    out.push('', palette.bold('Data changed'));
    for (const d of datasets) out.push(`${INDENT}${datasetLine(d)}`);
  }
  return `${out.join('\n')}\n`;
}

function measureRows(m: MeasureDiff, palette: Palette, many: boolean): Cell[][] {
  const verdict: Cell = m.verdict === 'worse' ? { text: 'worse', paint: palette.red }
    : m.verdict === 'better' ? { text: 'better', paint: palette.green } : { text: '' };
  const name = (m.renamedFrom ? `${m.renamedFrom} -> ${m.name}` : m.name) + (many ? ` (${m.scorecard})` : '');
  const changes = m.change === 'definition' ? m.definition : [changeLabel(m)];
  const after = m.after ? m.after.valueText + (m.deltaText ? ` (${m.deltaText})` : '') : '';
  const rows: Cell[][] = [[
    verdict, { text: name, paint: palette.bold }, { text: changes[0] }, { text: m.before?.valueText ?? '' }, { text: after },
    statusCell(m, palette),
  ]];
  for (const more of changes.slice(1)) rows.push([{ text: '' }, { text: '' }, { text: more }]);
  for (const c of m.components) {
    if (c.delta === null || Math.abs(c.delta) < 0.05) continue; // only contributions that visibly moved
    rows.push([{ text: '' }, { text: '' }, {
      text: `${c.name} contribution ${formatScore(c.contributionBefore)} -> ${formatScore(c.contributionAfter)} (${formatChange(c.delta, 'score')})`,
      paint: palette.dim,
    }]);
  }
  return rows;
}

function statusCell(m: MeasureDiff, palette: Palette): Cell {
  const before = m.before?.status ?? null;
  const after = m.after?.status ?? null;
  const word = (s: typeof before) => (s === null ? 'not evaluated' : statusLabel(s));
  const text = !m.before || !m.after || before === after ? word(after ?? before) : `${word(before)} -> ${word(after)}`;
  const shown = after ?? before;
  return { text, paint: shown ? paintStatus(shown, palette) : palette.dim };
}

function datasetLine(d: DatasetDiff): string {
  const rows = (side: DatasetDiff['before']) => (!side ? 'absent' : side.read ? formatCount(side.rowsRead) : 'not read');
  const file = d.after?.file ?? d.before?.file ?? '';
  return `${d.name}: ${file}, rows ${rows(d.before)} -> ${rows(d.after)}`;
}
