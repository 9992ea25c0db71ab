/**
 * Value-axis helpers shared by the charts: the range to show (every value and
 * every threshold visible, with some air) and tick labels in the measure's
 * unit, formatted like everywhere else (`87.4%`, `30 min`).
 */

import { formatThreshold, formatValue } from '../../../grammar/results/format';
import type { MeasureResult, Unit } from '../../../grammar/results/schema';
import type { ThresholdLine } from './plugins';

export interface AxisRange {
  suggestedMin: number;
  suggestedMax: number;
}

/** A range holding `values` and the thresholds, padded by a tenth, kept inside 0..1 for percents. */
export function valueRange(values: ReadonlyArray<number | null>, measure: Pick<MeasureResult, 'thresholds' | 'unit'>): AxisRange | undefined {
  const all = [...values.filter((value): value is number => value !== null), ...measure.thresholds.map((t) => t.value)];
  if (all.length === 0) return undefined;
  const low = Math.min(...all);
  const high = Math.max(...all);
  const pad = (high - low || Math.abs(high) || 1) * 0.1;
  let suggestedMin = low - pad;
  let suggestedMax = high + pad;
  if (measure.unit === 'percent') {
    suggestedMin = Math.max(suggestedMin, 0);
    suggestedMax = Math.min(suggestedMax, 1);
  }
  if (low >= 0 && suggestedMin < 0) suggestedMin = 0;
  return { suggestedMin, suggestedMax };
}

export function tickLabel(unit: Unit): (value: number | string) => string {
  return (value) => formatValue(Number(value), unit);
}

export function thresholdLines(measure: Pick<MeasureResult, 'thresholds' | 'unit'>): ThresholdLine[] {
  return measure.thresholds.map((threshold) => ({
    value: threshold.value,
    level: threshold.level,
    label: `${threshold.level} ${formatThreshold(threshold, measure.unit)}`,
  }));
}

/** Indices of the values that are missing: the categories shown as "no data". */
export function gapIndices(values: ReadonlyArray<number | null>): number[] {
  return values.flatMap((value, index) => (value === null ? [index] : []));
}

const LONGEST_TICK = 24;

/**
 * Category tick labels (periods, segments) cut to a readable length, so one
 * long segment name cannot squeeze the plot away; the tooltip and the table
 * keep the whole text.
 */
export function categoryTick(labels: readonly string[]): (value: number | string) => string {
  return (value) => {
    const label = labels[Number(value)] ?? String(value);
    return label.length > LONGEST_TICK ? `${label.slice(0, LONGEST_TICK - 1)}\u2026` : label;
  };
}
