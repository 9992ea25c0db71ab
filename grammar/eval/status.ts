/**
 * The status of a value against a measure's thresholds (docs/language.md,
 * Thresholds and status).
 *
 * Order of the rules: no value -> no_data (so an empty period or segment is
 * always no_data, target or not); no target -> no_target; meets target ->
 * on_target; meets warn -> warning; a declared critical level that is missed
 * -> critical; otherwise breach.
 *
 * Thresholds written `for <column> = <literal>` apply to that segment only:
 * in the breakdown by that column, for the segment whose key equals the
 * literal (as text: `"chat"`, `3`, `true`), they replace the general
 * threshold of the same level. Overall values and periods use the general
 * thresholds only.
 */

import type { ColumnRef, Literal, ThresholdLevel, ThresholdPlan } from './plan';
import type { Status } from '../results/schema';

/** One segment of a breakdown: the column and the segment key. */
export interface SegmentSelector {
  column: ColumnRef;
  key: string;
}

const LEVELS: readonly ThresholdLevel[] = ['target', 'warn', 'critical'];

/** The thresholds that apply, at most one per level: the segment's own when it has one. */
export function thresholdsFor(thresholds: readonly ThresholdPlan[], segment?: SegmentSelector): ThresholdPlan[] {
  const effective: ThresholdPlan[] = [];
  for (const level of LEVELS) {
    const own = segment === undefined
      ? undefined
      : thresholds.find((t) => t.level === level && t.segment !== undefined && appliesTo(t.segment, segment));
    const general = thresholds.find((t) => t.level === level && t.segment === undefined);
    const chosen = own ?? general;
    if (chosen !== undefined) effective.push(chosen);
  }
  return effective;
}

function appliesTo(scope: { column: ColumnRef; value: Literal }, segment: SegmentSelector): boolean {
  return (
    scope.column.dataset === segment.column.dataset &&
    scope.column.column === segment.column.column &&
    String(scope.value) === segment.key
  );
}

export function meets(value: number, threshold: Pick<ThresholdPlan, 'op' | 'value'>): boolean {
  switch (threshold.op) {
    case '>=':
      return value >= threshold.value;
    case '>':
      return value > threshold.value;
    case '<=':
      return value <= threshold.value;
    case '<':
      return value < threshold.value;
  }
}

export function statusOf(value: number | null, thresholds: readonly ThresholdPlan[], segment?: SegmentSelector): Status {
  if (value === null) return 'no_data';
  const effective = thresholdsFor(thresholds, segment);
  const level = (name: ThresholdLevel) => effective.find((t) => t.level === name);
  const target = level('target');
  if (target === undefined) return 'no_target';
  if (meets(value, target)) return 'on_target';
  const warn = level('warn');
  if (warn !== undefined && meets(value, warn)) return 'warning';
  const critical = level('critical');
  if (critical !== undefined && !meets(value, critical)) return 'critical';
  return 'breach';
}
