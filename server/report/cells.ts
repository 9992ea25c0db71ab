/**
 * The small pieces of markup every report section repeats: a status badge, a
 * value (or "no data", styled as such, never 0), a change from the previous
 * period marked better or worse by the measure's direction, thresholds, and
 * a measure's display name. Formatting is grammar/results/format.ts, the same
 * text as the CLI and the editor.
 */

import {
  formatChange, formatCount, formatThreshold, formatValue, statusLabel,
} from '../../grammar/results/format';
import type { MeasureResult, Status, Unit } from '../../grammar/results/schema';
import { escapeHtml } from './html';
import { directionOf } from './zones';

type Threshold = MeasureResult['thresholds'][number];

export function statusBadge(status: Status): string {
  return `<span class="status status-${status}">${escapeHtml(statusLabel(status))}</span>`;
}

/** A value with its unit, or "no data" marked as such. */
export function valueText(value: number | null, unit: Unit): string {
  const text = escapeHtml(formatValue(value, unit));
  return value === null ? `<span class="nodata">${text}</span>` : text;
}

export function countText(count: number): string {
  return formatCount(count);
}

/**
 * A change from the previous period, signed, with an arrow and a class that
 * says whether it is an improvement for this measure (`better` / `worse`);
 * direction-less measures get neither.
 */
export function changeText(change: number | null, measure: Pick<MeasureResult, 'unit' | 'direction' | 'thresholds'>): string {
  if (change === null) return `<span class="nodata">${escapeHtml(formatChange(null, measure.unit))}</span>`;
  const text = escapeHtml(formatChange(change, measure.unit));
  const direction = directionOf(measure);
  if (change === 0 || direction === null) return text;
  const better = (change > 0) === (direction === 'higher');
  const arrow = change > 0 ? '\u25B2' : '\u25BC';
  const meaning = better ? 'better' : 'worse';
  return `<span class="${meaning}" title="${meaning} than the previous period">${arrow}\u00A0${text}</span>`;
}

/** The threshold of `level`, written as the analyst wrote it: `>= 90%`; undefined without one. */
export function thresholdText(thresholds: readonly Threshold[], level: Threshold['level'], unit: Unit): string | undefined {
  const threshold = thresholds.find((candidate) => candidate.level === level);
  return threshold ? escapeHtml(formatThreshold(threshold, unit)) : undefined;
}

/** `target >= 80 · warn >= 70 · critical >= 50`, the levels a measure declares. */
export function thresholdsLine(measure: Pick<MeasureResult, 'thresholds' | 'unit'>): string {
  const levels: Array<Threshold['level']> = ['target', 'warn', 'critical'];
  return levels
    .map((level) => {
      const text = thresholdText(measure.thresholds, level, measure.unit);
      return text === undefined ? undefined : `${level} ${text}`;
    })
    .filter((part): part is string => part !== undefined)
    .join(' \u00B7 ');
}

/** The title (or the name when untitled) followed by the name in code style. */
export function measureLabel(measure: Pick<MeasureResult, 'name' | 'title'>): string {
  const name = `<code class="name">${escapeHtml(measure.name)}</code>`;
  return measure.title ? `${escapeHtml(measure.title)} ${name}` : name;
}

/** A segment value as shown: the empty string would be invisible. */
export function segmentText(segment: string): string {
  return segment === '' ? '<span class="nodata">(blank)</span>' : escapeHtml(segment);
}
