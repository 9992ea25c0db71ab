/**
 * The report's browser app (bundled with chart.js into one IIFE, inlined by
 * ../render.ts): reads the ScorecardResult from the page's JSON data block,
 * draws a chart into every server-rendered slot (../chart-slots.ts), then
 * marks <html> ready. Charts follow theme changes; in a VS Code webview the
 * scroll position survives re-renders.
 *
 * Charts are an enhancement: on any failure the tables stay as rendered, the
 * error is on the console and in <html data-report-error>.
 */

import type { MeasureResult, ScorecardResult } from '../../../grammar/results/schema';
import { REPORT_ERROR, REPORT_READY, REPORT_RECOLORED, RESULT_DATA_ID, SLOT, type ChartKind } from '../chart-slots';
import { drawBreakdown } from './breakdown-chart';
import { applyDefaults } from './chart-setup';
import { drawContributions } from './contributions-chart';
import { readPalette, type Palette } from './palette';
import { markDrawn, type DrawnChart } from './slots';
import { drawTrend } from './trend-chart';
import { watchTheme } from './theme-watch';
import { keepScrollPosition } from './webview-state';

function readResult(): ScorecardResult {
  const block = document.getElementById(RESULT_DATA_ID);
  if (!block?.textContent) throw new Error('the report has no result data');
  return JSON.parse(block.textContent) as ScorecardResult;
}

function drawSlot(slot: HTMLElement, measures: ReadonlyMap<string, MeasureResult>, palette: Palette): DrawnChart {
  const kind = slot.getAttribute(SLOT.chart) as ChartKind;
  const name = slot.getAttribute(SLOT.measure) ?? '';
  const measure = measures.get(name);
  if (!measure) throw new Error(`no result for the chart of ${name}`);
  switch (kind) {
    case 'trend':
      if (!measure.trend) throw new Error(`${name} has no trend`);
      return drawTrend(slot, measure, measure.trend, palette);
    case 'breakdown': {
      const breakdown = measure.breakdowns[Number(slot.getAttribute(SLOT.breakdown))];
      if (!breakdown) throw new Error(`${name} has no breakdown ${slot.getAttribute(SLOT.breakdown)}`);
      return drawBreakdown(slot, measure, breakdown, palette);
    }
    case 'contributions':
      return drawContributions(slot, measure, palette);
    default:
      throw new Error(`unknown chart kind ${String(kind)}`);
  }
}

function start(): void {
  const result = readResult();
  const measures = new Map(result.measures.map((measure) => [measure.name, measure]));
  const palette = readPalette();
  applyDefaults(palette);
  const drawn: DrawnChart[] = [];
  for (const slot of document.querySelectorAll<HTMLElement>(`figure[${SLOT.chart}]`)) {
    const chart = drawSlot(slot, measures, palette);
    markDrawn(slot, chart);
    drawn.push(chart);
  }
  document.documentElement.setAttribute(REPORT_READY, 'true');
  let repaints = 0;
  watchTheme(() => {
    const next = readPalette();
    applyDefaults(next);
    for (const chart of drawn) chart.recolor(next);
    repaints += 1;
    document.documentElement.setAttribute(REPORT_RECOLORED, String(repaints));
  });
  keepScrollPosition();
}

try {
  start();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  document.documentElement.setAttribute(REPORT_ERROR, message);
  console.error(`kpi report: ${message}`);
}
