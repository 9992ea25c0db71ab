/**
 * The scorecard as a readable table for a terminal (`kpi eval`, the default
 * format). Pure: a ScorecardResult in, text out; colors come from the
 * Palette, so the same call renders plain text for pipes and tests.
 *
 * Layout, top to bottom, fitting `width` columns (default 100):
 * - the file, then one row per KPI/index in declaration order: name, title
 *   (shortened or left out when space runs short), value, target, status,
 *   rows used and skipped; an index lists its components indented below it;
 * - one matrix per breakdown column and per trend (render-matrix.ts);
 * - one line per dataset: file, rows read, rows rejected (or why it was not read).
 */

import type { MeasureResult, ScorecardResult, Status, Unit } from '../../grammar/results/schema';
import {
  formatCount, formatRows, formatScore, formatThreshold, formatValue, formatWeight, statusLabel,
} from '../../grammar/results/format';
import { paintStatus, type Palette } from './color';
import { renderMatrices } from './render-matrix';

export interface RenderOptions {
  palette: Palette;
  /** Columns available; default 100. */
  width?: number;
  /** Show only these measures (`--kpi`); all when undefined. Components still find their units. */
  only?: ReadonlySet<string>;
  /** Why a dataset was not read, by name (`file not found`): shown instead of its row counts. */
  unread?: ReadonlyMap<string, string>;
}

export interface Cell {
  text: string;
  paint?: (text: string) => string;
}

export type Align = 'left' | 'right';

const GAP = '  ';
const INDENT = '  ';
const MIN_TITLE = 8;
const DEFAULT_WIDTH = 100;

export function renderScorecard(result: ScorecardResult, options: RenderOptions): string {
  const { palette } = options;
  const width = options.width ?? DEFAULT_WIDTH;
  const units = new Map(result.measures.map((m) => [m.name, m.unit] as const));
  const shown = result.measures.filter((m) => options.only === undefined || options.only.has(m.name));

  const out: string[] = [palette.bold(result.file), ''];
  if (shown.length === 0) {
    out.push(`${INDENT}No KPIs or indices to show.`);
  } else {
    const lines = measureTable(shown, palette, width);
    out.push(lines.header);
    shown.forEach((measure, i) => {
      out.push(lines.rows[i]);
      if (measure.components && measure.components.length > 0) out.push(...componentLines(measure, units, palette));
    });
  }
  out.push(...renderMatrices(shown, palette, width));
  if (result.datasets.length > 0) {
    out.push('', palette.bold('Data'));
    for (const d of result.datasets) {
      const why = options.unread?.get(d.name);
      out.push(why !== undefined
        ? `${INDENT}${d.name}: ${d.source}, ${palette.red(`not read: ${why}`)}`
        : `${INDENT}${d.name}: ${d.source}, ${formatRows(d.rowsRead)}, `
          + `${formatCount(d.rowsRejected)} rejected`);
    }
  }
  return out.join('\n') + '\n';
}

function measureTable(measures: MeasureResult[], palette: Palette, width: number): { header: string; rows: string[] } {
  const head = (text: string): Cell => ({ text, paint: palette.dim });
  const body = measures.map((m): Cell[] => [
    { text: m.name, paint: palette.bold },
    { text: m.title ?? '', paint: palette.dim },
    { text: formatValue(m.value, m.unit) },
    { text: targetText(m) },
    statusCell(m.status, m.partial, palette),
    { text: formatCount(m.rowsUsed) },
    { text: formatCount(m.rowsSkipped) },
  ]);
  const header = [head(measures.some((m) => m.kind === 'index') ? 'KPI / INDEX' : 'KPI'), head(''), head('VALUE'),
    head('TARGET'), head('STATUS'), head('ROWS'), head('SKIPPED')];
  const aligns: Align[] = ['left', 'left', 'right', 'left', 'left', 'right', 'right'];

  // The title gets what the other columns leave of the width; too little and it goes.
  const widths = columnWidths([header, ...body]);
  const others = widths.reduce((sum, w, i) => (i === 1 ? sum : sum + w), 0) + GAP.length * (widths.length - 1);
  const titleWidth = Math.min(widths[1], width - INDENT.length - others);
  const keepTitle = widths[1] > 0 && titleWidth >= Math.min(widths[1], MIN_TITLE);
  const fitted = [header, ...body].map((row) => keepTitle
    ? row.map((cell, i) => (i === 1 ? { ...cell, text: shorten(cell.text, titleWidth) } : cell))
    : row.filter((_, i) => i !== 1));
  const lines = layout(fitted, keepTitle ? aligns : aligns.filter((_, i) => i !== 1), INDENT);
  return { header: lines[0], rows: lines.slice(1) };
}

function componentLines(measure: MeasureResult, units: ReadonlyMap<string, Unit>, palette: Palette): string[] {
  const components = measure.components ?? [];
  const head = (text: string): Cell => ({ text, paint: palette.dim });
  const header = [head('COMPONENT'), head('WEIGHT'), ...(measure.partial ? [head('EFFECTIVE')] : []),
    head('VALUE'), head('SCORE'), head('CONTRIBUTION')];
  const rows = components.map((c): Cell[] => [
    { text: c.name },
    { text: formatWeight(c.weight) },
    ...(measure.partial ? [{ text: formatWeight(c.effectiveWeight) }] : []),
    { text: formatValue(c.value, units.get(c.name) ?? 'none'), paint: c.value === null ? palette.dim : undefined },
    { text: c.score === null ? '-' : formatScore(c.score) },
    { text: c.contribution === null ? '-' : formatScore(c.contribution) },
  ]);
  const aligns: Align[] = ['left', ...header.slice(1).map((): Align => 'right')];
  return layout([header, ...rows], aligns, INDENT.repeat(3));
}

function targetText(measure: MeasureResult): string {
  const target = measure.thresholds.find((t) => t.level === 'target');
  return target ? formatThreshold(target, measure.unit) : '-';
}

function statusCell(status: Status, partial: boolean, palette: Palette): Cell {
  return { text: statusLabel(status) + (partial ? ', partial' : ''), paint: paintStatus(status, palette) };
}

function columnWidths(rows: Cell[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.text.length);
    });
  }
  return widths;
}

/** Pads every cell to its column's width (by visible text, before painting); no trailing spaces. */
export function layout(rows: Cell[][], aligns: Align[], indent: string): string[] {
  const widths = columnWidths(rows);
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const padding = ' '.repeat(widths[i] - cell.text.length);
      const painted = cell.paint && cell.text !== '' ? cell.paint(cell.text) : cell.text;
      return aligns[i] === 'right' ? padding + painted : painted + padding;
    });
    return (indent + cells.join(GAP)).replace(/\s+$/, '');
  });
}

function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}
