/**
 * Statuses against thresholds in both directions, with strict comparators,
 * warn and critical levels, and thresholds that apply to one segment.
 */

import * as assert from 'node:assert/strict';
import { statusOf } from '../../../grammar/eval/status';
import { column, threshold } from './support/plan';

describe('status against thresholds', () => {
  describe('higher is better', () => {
    const thresholds = [threshold('target', '>=', 0.85), threshold('warn', '>=', 0.75), threshold('critical', '>=', 0.6)];
    it('is on target when the value meets the target (inclusive)', () => {
      assert.equal(statusOf(0.9, thresholds), 'on_target');
      assert.equal(statusOf(0.85, thresholds), 'on_target');
    });
    it('is warning between warn and target', () => {
      assert.equal(statusOf(0.8, thresholds), 'warning');
      assert.equal(statusOf(0.75, thresholds), 'warning');
    });
    it('is breach between critical and warn, critical below critical', () => {
      assert.equal(statusOf(0.7, thresholds), 'breach');
      assert.equal(statusOf(0.6, thresholds), 'breach');
      assert.equal(statusOf(0.59, thresholds), 'critical');
    });
  });

  describe('lower is better, strict comparators', () => {
    const thresholds = [threshold('target', '<', 30), threshold('warn', '<', 60), threshold('critical', '<', 120)];
    it('treats the boundary as missed for strict comparators', () => {
      assert.equal(statusOf(29.9, thresholds), 'on_target');
      assert.equal(statusOf(30, thresholds), 'warning');
      assert.equal(statusOf(60, thresholds), 'breach');
      assert.equal(statusOf(119, thresholds), 'breach');
      assert.equal(statusOf(120, thresholds), 'critical');
    });
  });

  it('goes from target straight to breach without warn, and never to critical without critical', () => {
    assert.equal(statusOf(10, [threshold('target', '>', 20)]), 'breach');
    assert.equal(statusOf(10, [threshold('target', '>', 20), threshold('critical', '>', 5)]), 'breach');
    assert.equal(statusOf(4, [threshold('target', '>', 20), threshold('critical', '>', 5)]), 'critical');
  });

  it('is no_data without a value and no_target without a target', () => {
    assert.equal(statusOf(null, [threshold('target', '>=', 1)]), 'no_data');
    assert.equal(statusOf(null, []), 'no_data');
    assert.equal(statusOf(3, []), 'no_target');
    assert.equal(statusOf(3, [threshold('warn', '>=', 1)]), 'no_target');
  });

  it('lets a segment threshold replace the general one of its level', () => {
    const channel = column('tickets', 'channel');
    const thresholds = [
      threshold('target', '<=', 30),
      threshold('warn', '<=', 60),
      threshold('target', '<=', 1, { column: channel, value: 'chat' }),
    ];
    const chat = { column: channel, key: 'chat' };
    assert.equal(statusOf(20, thresholds), 'on_target');
    assert.equal(statusOf(20, thresholds, chat), 'warning', 'chat has its own target; warn stays general');
    assert.equal(statusOf(0.5, thresholds, chat), 'on_target');
    assert.equal(statusOf(20, thresholds, { column: channel, key: 'email' }), 'on_target');
    const otherColumn = { column: column('tickets', 'region'), key: 'chat' };
    assert.equal(statusOf(20, thresholds, otherColumn), 'on_target', 'the same key in another column does not match');
  });

  it('matches segment thresholds on numbers and bools by their text', () => {
    const priority = column('tickets', 'priority');
    const vip = column('tickets', 'vip');
    const thresholds = [
      threshold('target', '>=', 0.5),
      threshold('target', '>=', 0.9, { column: priority, value: 1 }),
      threshold('target', '>=', 0.95, { column: vip, value: true }),
    ];
    assert.equal(statusOf(0.8, thresholds, { column: priority, key: '1' }), 'breach');
    assert.equal(statusOf(0.8, thresholds, { column: priority, key: '2' }), 'on_target');
    assert.equal(statusOf(0.9, thresholds, { column: vip, key: 'true' }), 'breach');
    assert.equal(statusOf(0.9, thresholds, { column: vip, key: 'false' }), 'on_target');
  });

  it('gives a segment a target of its own even without a general one', () => {
    const channel = column('tickets', 'channel');
    const thresholds = [threshold('target', '<=', 1, { column: channel, value: 'chat' })];
    assert.equal(statusOf(0.5, thresholds, { column: channel, key: 'chat' }), 'on_target');
    assert.equal(statusOf(0.5, thresholds, { column: channel, key: 'email' }), 'no_target');
    assert.equal(statusOf(0.5, thresholds), 'no_target');
  });
});
