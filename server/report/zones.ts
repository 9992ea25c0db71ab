/**
 * The status zones of a KPI's value axis, from its thresholds: where a value
 * would be on target, a warning, a breach or critical. The report shades its
 * trend charts with them. Pure (no DOM, no Node): the server and the browser
 * app both import it.
 *
 * Direction-aware: for higher-is-better the on-target zone lies above the
 * target, for lower-is-better below it. Zones are contiguous, cover the whole
 * axis and do not overlap; `null` bounds are open ends. A boundary value
 * itself belongs to whichever zone the comparator (`>=` or `>`) gives it,
 * which shading cannot show and need not.
 */

import type { MeasureResult } from '../../grammar/results/schema';

export type ZoneStatus = 'on_target' | 'warning' | 'breach' | 'critical';

export interface StatusZone {
  /** Lower bound of the zone; null: unbounded below. */
  from: number | null;
  /** Upper bound of the zone; null: unbounded above. */
  to: number | null;
  status: ZoneStatus;
}

type Threshold = MeasureResult['thresholds'][number];

/** Which way is better: stated, else the comparator of the thresholds; null without thresholds. */
export function directionOf(measure: Pick<MeasureResult, 'direction' | 'thresholds'>): 'higher' | 'lower' | null {
  if (measure.direction) return measure.direction;
  const first = measure.thresholds[0];
  if (!first) return null;
  return first.op === '>=' || first.op === '>' ? 'higher' : 'lower';
}

/**
 * The zones from best to worst; empty when the measure has no target (a warn
 * or critical level alone gives no on-target zone to shade from).
 */
export function statusZones(measure: Pick<MeasureResult, 'direction' | 'thresholds'>): StatusZone[] {
  const direction = directionOf(measure);
  const target = levelValue(measure.thresholds, 'target');
  if (direction === null || target === undefined) return [];
  // From best to worst: each level's value is where the next zone begins.
  const edges: Array<{ value: number; status: ZoneStatus }> = [{ value: target, status: 'warning' }];
  const warn = levelValue(measure.thresholds, 'warn');
  const critical = levelValue(measure.thresholds, 'critical');
  if (warn !== undefined) edges.push({ value: warn, status: 'breach' });
  if (critical !== undefined) edges.push({ value: critical, status: 'critical' });
  // Without a warn level, missing the target is a breach at once.
  if (warn === undefined) edges[0] = { value: target, status: 'breach' };

  const zones: StatusZone[] = [];
  let status: ZoneStatus = 'on_target';
  let previous: number | null = null;
  for (const edge of edges) {
    zones.push(direction === 'higher' ? { from: edge.value, to: previous, status } : { from: previous, to: edge.value, status });
    previous = edge.value;
    status = edge.status;
  }
  zones.push(direction === 'higher' ? { from: null, to: previous, status } : { from: previous, to: null, status });
  return zones;
}

function levelValue(thresholds: readonly Threshold[], level: Threshold['level']): number | undefined {
  return thresholds.find((threshold) => threshold.level === level)?.value;
}
