/**
 * The contract between the server-rendered report and its browser app: where
 * a chart goes and what it shows. The server renders every chart as a
 * `<figure>` slot holding its caption and a table of the same numbers (the
 * report reads fine without JavaScript); the app finds the slots, reads the
 * result from the JSON data block, and draws a canvas into each slot.
 *
 * Slot attributes, set by the server:
 *   data-chart      'trend' | 'breakdown' | 'contributions'
 *   data-measure    the measure's name (as in `ScorecardResult.measures[].name`)
 *   data-breakdown  index into the measure's `breakdowns` (breakdown slots only)
 * Set by the app once drawn (tests and tools read them):
 *   data-drawn      'true'
 *   data-series     number of data series drawn
 *   data-points     number of categories (periods, segments, bars)
 *   data-gaps       categories shown as "no data" instead of a value
 * And on `<html>`: data-report-ready 'true' when every slot is drawn, or
 * data-report-error with the message when the app failed; data-report-recolored
 * counts the repaints after theme changes.
 */

export const RESULT_DATA_ID = 'kpi-result';

export type ChartKind = 'trend' | 'breakdown' | 'contributions';

export const SLOT = {
  chart: 'data-chart',
  measure: 'data-measure',
  breakdown: 'data-breakdown',
  drawn: 'data-drawn',
  series: 'data-series',
  points: 'data-points',
  gaps: 'data-gaps',
} as const;

export const REPORT_READY = 'data-report-ready';
export const REPORT_ERROR = 'data-report-error';
export const REPORT_RECOLORED = 'data-report-recolored';

/** The theme attribute on `<html>`: the three page themes, or the VS Code webview's. */
export type PageTheme = 'light' | 'dark' | 'auto' | 'vscode';
