/**
 * Index component scores: identity for percents and scores, piecewise-linear
 * mappings with anchors in any order, constant beyond them, clamped to 0..100.
 */

import * as assert from 'node:assert/strict';
import { scoreOf } from '../../../grammar/eval/score';
import { piecewise } from './support/plan';

const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `expected ${expected}, got ${actual}`);

describe('index component scores', () => {
  it('scores a percent as its percent and a score as itself', () => {
    close(scoreOf(0.874, { kind: 'identity' }, 'percent'), 87.4);
    assert.equal(scoreOf(72.5, { kind: 'identity' }, 'score'), 72.5);
  });

  it('maps piecewise-linearly between anchors', () => {
    // first_response_p90: 120 minutes -> 0, 15 minutes -> 100
    const mapping = piecewise([120, 0], [15, 100]);
    close(scoreOf(67.5, mapping, 'minutes'), 50);
    close(scoreOf(30, mapping, 'minutes'), (90 / 105) * 100);
  });

  it('reads anchors in either order', () => {
    const ascending = piecewise([15, 100], [120, 0]);
    const descending = piecewise([120, 0], [15, 100]);
    for (const x of [0, 15, 40, 100, 120, 500]) {
      assert.equal(scoreOf(x, ascending, 'minutes'), scoreOf(x, descending, 'minutes'), `x = ${x}`);
    }
  });

  it('is constant beyond the outermost anchors', () => {
    const nps = piecewise([-100, 0], [100, 100]);
    assert.equal(scoreOf(-250, nps, 'points'), 0);
    assert.equal(scoreOf(250, nps, 'points'), 100);
    close(scoreOf(20, nps, 'points'), 60);
    const middle = piecewise([10, 40], [20, 60]);
    assert.equal(scoreOf(0, middle, 'points'), 40);
    assert.equal(scoreOf(99, middle, 'points'), 60);
  });

  it('follows every segment of a multi-anchor mapping', () => {
    const mapping = piecewise([0, 0], [10, 80], [20, 100]);
    close(scoreOf(5, mapping, 'points'), 40);
    close(scoreOf(15, mapping, 'points'), 90);
    assert.equal(scoreOf(10, mapping, 'points'), 80);
  });

  it('clamps mapped scores to 0..100', () => {
    const steep = piecewise([0, -50], [10, 150]);
    assert.equal(scoreOf(1, steep, 'points'), 0);
    assert.equal(scoreOf(9, steep, 'points'), 100);
    close(scoreOf(5, steep, 'points'), 50);
  });

  it('gives no score without a value', () => {
    assert.equal(scoreOf(null, { kind: 'identity' }, 'percent'), null);
    assert.equal(scoreOf(null, piecewise([0, 0], [1, 100]), 'points'), null);
  });
});
