/**
 * The status zones behind the trend charts' shading (server/report/zones.ts):
 * direction-aware, contiguous, open at both ends, and absent without a target.
 */

import * as assert from 'node:assert/strict';
import type { MeasureResult } from '../../grammar/results/schema';
import { directionOf, statusZones } from '../../server/report/zones';

type Thresholds = MeasureResult['thresholds'];

function measure(thresholds: Thresholds, direction: MeasureResult['direction'] = null) {
  return { thresholds, direction };
}

describe('report status zones', () => {
  it('for higher-is-better puts on target above the target and critical at the bottom', () => {
    const zones = statusZones(measure([
      { level: 'target', op: '>=', value: 0.9 },
      { level: 'warn', op: '>=', value: 0.8 },
      { level: 'critical', op: '>=', value: 0.5 },
    ], 'higher'));
    assert.deepEqual(zones, [
      { from: 0.9, to: null, status: 'on_target' },
      { from: 0.8, to: 0.9, status: 'warning' },
      { from: 0.5, to: 0.8, status: 'breach' },
      { from: null, to: 0.5, status: 'critical' },
    ]);
  });

  it('for lower-is-better puts on target below the target', () => {
    const zones = statusZones(measure([
      { level: 'target', op: '<=', value: 30 },
      { level: 'warn', op: '<=', value: 60 },
    ], 'lower'));
    assert.deepEqual(zones, [
      { from: null, to: 30, status: 'on_target' },
      { from: 30, to: 60, status: 'warning' },
      { from: 60, to: null, status: 'breach' },
    ]);
  });

  it('makes missing a target without a warn level a breach at once', () => {
    assert.deepEqual(statusZones(measure([{ level: 'target', op: '>', value: 40 }])), [
      { from: 40, to: null, status: 'on_target' },
      { from: null, to: 40, status: 'breach' },
    ]);
    assert.deepEqual(statusZones(measure([
      { level: 'target', op: '<', value: 5 },
      { level: 'critical', op: '<', value: 20 },
    ])), [
      { from: null, to: 5, status: 'on_target' },
      { from: 5, to: 20, status: 'breach' },
      { from: 20, to: null, status: 'critical' },
    ]);
  });

  it('has no zones without a target', () => {
    assert.deepEqual(statusZones(measure([])), []);
    assert.deepEqual(statusZones(measure([{ level: 'warn', op: '>=', value: 3 }], 'higher')), []);
  });

  it('infers the direction from the comparator when none is stated', () => {
    assert.equal(directionOf(measure([{ level: 'target', op: '>=', value: 1 }])), 'higher');
    assert.equal(directionOf(measure([{ level: 'target', op: '<', value: 1 }])), 'lower');
    assert.equal(directionOf(measure([{ level: 'target', op: '<', value: 1 }], 'higher')), 'higher');
    assert.equal(directionOf(measure([])), null);
  });
});
