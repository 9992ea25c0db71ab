/**
 * Breakdowns and trends as matrices under the scorecard: one table per
 * breakdown column and one per trend, with the KPIs as rows and the segments
 * (or periods) as columns, so a whole scorecard reads at a glance instead of
 * one section per KPI. Each cell carries a status mark (✓ on target,
 * ! warning, ✗ breach or critical) so the table reads without colors too.
 *
 * Too many segments for the width: the columns wrap into several blocks.
 * Too many periods: the most recent ones that fit are shown, and the rest are
 * counted (every period is in `--format json`).
 */

import type { MeasureResult, Status } from '../../grammar/results/schema';
import { formatChange, formatValue } from '../../grammar/results/format';
import { paintStatus, type Palette } from './color';
import { layout, type Align, type Cell } from './render-table';

const INDENT = '  ';
const GAP = 2;
const MAX_PERIODS = 8;

export const STATUS_LEGEND = '✓ on target   ! warning   ✗ breach';

function mark(status: Status): string {
  switch (status) {
    case 'on_target': return ' ✓';
    case 'warning': return ' !';
    case 'breach':
    case 'critical': return ' ✗';
    default: return '';
  }
}

function valueCell(value: number | null, status: Status, unit: MeasureResult['unit'], palette: Palette): Cell {
  if (value === null) return { text: 'no data', paint: palette.dim };
  return { text: formatValue(value, unit) + mark(status), paint: paintStatus(status, palette) };
}

interface Matrix {
  title: string;
  columns: string[];
  rows: Array<{ measure: MeasureResult; cells: Map<string, Cell> }>;
  /** Cells after the wrapped columns, on every block (e.g. the last change). */
  tail?: { header: string; cells: Map<MeasureResult, Cell> };
  note?: string;
}

export function renderMatrices(measures: readonly MeasureResult[], palette: Palette, width: number): string[] {
  const matrices = [...breakdownMatrices(measures, palette), ...trendMatrices(measures, palette)];
  if (matrices.length === 0) return [];
  const out: string[] = [];
  for (const matrix of matrices) out.push('', ...renderMatrix(matrix, palette, width));
  out.push('', `${INDENT}${palette.dim(STATUS_LEGEND)}`);
  return out;
}

function breakdownMatrices(measures: readonly MeasureResult[], palette: Palette): Matrix[] {
  const byColumn = new Map<string, Matrix>();
  for (const measure of measures) {
    for (const breakdown of measure.breakdowns) {
      const key = `${breakdown.dataset}.${breakdown.column}`;
      let matrix = byColumn.get(key);
      if (!matrix) byColumn.set(key, (matrix = { title: `By ${breakdown.column}`, columns: [], rows: [] }));
      const cells = new Map<string, Cell>();
      for (const s of breakdown.segments) {
        if (!matrix.columns.includes(s.segment)) matrix.columns.push(s.segment);
        cells.set(s.segment, valueCell(s.value, s.status, measure.unit, palette));
      }
      matrix.rows.push({ measure, cells });
    }
  }
  for (const matrix of byColumn.values()) matrix.columns.sort(compareSegments);
  return [...byColumn.values()];
}

function trendMatrices(measures: readonly MeasureResult[], palette: Palette): Matrix[] {
  const byTrend = new Map<string, Matrix>();
  for (const measure of measures) {
    const trend = measure.trend;
    if (!trend) continue;
    const key = `${trend.dataset}.${trend.column}.${trend.period}`;
    let matrix = byTrend.get(key);
    if (!matrix) {
      byTrend.set(key, (matrix = {
        title: `By ${trend.period} (${trend.column})`, columns: [], rows: [],
        tail: { header: 'LAST CHANGE', cells: new Map() },
      }));
    }
    const cells = new Map<string, Cell>();
    for (const p of trend.periods) {
      if (!matrix.columns.includes(p.period)) matrix.columns.push(p.period);
      cells.set(p.period, valueCell(p.value, p.status, measure.unit, palette));
    }
    const last = trend.periods[trend.periods.length - 1];
    matrix.tail!.cells.set(measure, { text: last && last.change !== null ? formatChange(last.change, measure.unit) : '' });
    matrix.rows.push({ measure, cells });
  }
  for (const matrix of byTrend.values()) {
    matrix.columns.sort();
    if (matrix.columns.length > MAX_PERIODS) {
      matrix.note = `the last ${MAX_PERIODS} of ${matrix.columns.length} periods; all are in --format json`;
      matrix.columns = matrix.columns.slice(-MAX_PERIODS);
    }
  }
  return [...byTrend.values()];
}

/** Numbers numerically, everything else by code units (the evaluator's order). */
function compareSegments(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function renderMatrix(matrix: Matrix, palette: Palette, width: number): string[] {
  const head = (text: string): Cell => ({ text, paint: palette.dim });
  const nameWidth = Math.max(...matrix.rows.map((r) => r.measure.name.length), 'KPI'.length);
  const columnWidth = (column: string): number =>
    Math.max(column.length, ...matrix.rows.map((r) => r.cells.get(column)?.text.length ?? 1));
  const tailWidth = matrix.tail ? Math.max(matrix.tail.header.length, ...[...matrix.tail.cells.values()].map((c) => c.text.length)) + GAP : 0;

  // Wrap the columns into blocks that fit the width.
  const blocks: string[][] = [];
  let current: string[] = [];
  let used = INDENT.length + nameWidth + tailWidth;
  for (const column of matrix.columns) {
    const w = columnWidth(column) + GAP;
    if (current.length > 0 && used + w > width) {
      blocks.push(current);
      current = [];
      used = INDENT.length + nameWidth + tailWidth;
    }
    current.push(column);
    used += w;
  }
  if (current.length > 0 || blocks.length === 0) blocks.push(current);

  const out = [palette.bold(matrix.title) + (matrix.note ? palette.dim(`  (${matrix.note})`) : '')];
  blocks.forEach((columns, i) => {
    if (i > 0) out.push('');
    const withTail = matrix.tail !== undefined && i === blocks.length - 1;
    const header = [head('KPI'), ...columns.map(head), ...(withTail ? [head(matrix.tail!.header)] : [])];
    const rows = matrix.rows.map((r): Cell[] => [
      { text: r.measure.name, paint: palette.bold },
      ...columns.map((c) => r.cells.get(c) ?? { text: '-', paint: palette.dim }),
      ...(withTail ? [matrix.tail!.cells.get(r.measure) ?? { text: '' }] : []),
    ]);
    const aligns: Align[] = ['left', ...columns.map((): Align => 'right'), ...(withTail ? ['right' as Align] : [])];
    out.push(...layout([header, ...rows], aligns, INDENT));
  });
  return out;
}
