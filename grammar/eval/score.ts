/**
 * Index component scores: how a component measure's value maps to 0..100.
 *
 * - identity: a percent scores as its percent (0.874 -> 87.4); a score-unit
 *   KPI and an index score as themselves. Other units have no natural score
 *   (the checker demands a mapping); they pass through unchanged. Identity
 *   scores are not clamped: the spec defines no bound for them.
 * - piecewise: linear between anchor points (x -> score), constant beyond the
 *   outermost anchors, clamped to 0..100. Anchors may come in any order.
 * No value, or a value that is not a finite number, scores null.
 */

import type { ScoreMapping, Unit } from './plan';

export function scoreOf(value: number | null, mapping: ScoreMapping, unit: Unit): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (mapping.kind === 'identity') return unit === 'percent' ? value * 100 : value;
  const score = piecewise(value, mapping.points);
  return score === null ? null : Math.min(100, Math.max(0, score));
}

function piecewise(value: number, anchors: ReadonlyArray<readonly [number, number]>): number | null {
  if (anchors.length === 0) return null;
  const points = [...anchors].sort((a, b) => a[0] - b[0]);
  const first = points[0];
  const last = points[points.length - 1];
  if (value <= first[0]) return first[1];
  if (value >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i];
    if (value > x1) continue;
    const [x0, y0] = points[i - 1];
    // x0 < value <= x1, so x1 > x0 and the division is safe.
    return y0 + ((value - x0) / (x1 - x0)) * (y1 - y0);
  }
  return last[1];
}
