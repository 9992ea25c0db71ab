import * as assert from 'node:assert/strict';
import {
  formatChange, formatCount, formatRows, formatScore, formatThreshold, formatValue, formatWeight, statusLabel,
} from '../../../grammar/results/format';

describe('result formatting', () => {
  describe('formatValue', () => {
    const cases: Array<[number | null, Parameters<typeof formatValue>[1], string]> = [
      [97.43333, 'minutes', '97.4 min'],
      [12.5, 'hours', '12.5 h'],
      [3, 'days', '3 d'],
      [42, 'seconds', '42 s'],
      [0.874, 'percent', '87.4%'],
      [0.8, 'percent', '80%'],
      [0.0525, 'percent', '5.25%'],
      [1, 'percent', '100%'],
      [34.5, 'points', '34.5'],
      [-12, 'points', '-12'],
      [78.24, 'score', '78.2'],
      [5000, 'count', '5,000'],
      [1234567, 'count', '1,234,567'],
      [2.5, 'count', '2.5'],
      [1234.5, 'currency', '1,234.50'],
      [-0.5, 'currency', '-0.50'],
      [1234.56, 'minutes', '1,234.6 min'],
      [0.012345, 'none', '0.012'],
      [3.14159, 'none', '3.14'],
      [9.999, 'hours', '10 h'],
      [-0.0001, 'minutes', '0 min'],
      [null, 'minutes', 'no data'],
      [null, 'percent', 'no data'],
    ];
    for (const [value, unit, expected] of cases) {
      it(`${String(value)} ${unit} -> ${expected}`, () => {
        assert.equal(formatValue(value, unit), expected);
      });
    }
  });

  it('formats thresholds as written', () => {
    assert.equal(formatThreshold({ op: '<=', value: 30 }, 'minutes'), '<= 30 min');
    assert.equal(formatThreshold({ op: '>=', value: 0.85 }, 'percent'), '>= 85%');
    assert.equal(formatThreshold({ op: '>', value: 30 }, 'points'), '> 30');
  });

  describe('formatChange', () => {
    it('shows percent changes in percentage points', () => {
      assert.equal(formatChange(0.021, 'percent'), '+2.1 pts');
      assert.equal(formatChange(-0.1, 'percent'), '-10.0 pts');
    });
    it('keeps one decimal and a sign, two decimals for small moves', () => {
      assert.equal(formatChange(-3, 'minutes'), '-3.0 min');
      assert.equal(formatChange(2.25, 'points'), '+2.3');
      assert.equal(formatChange(-28.345, 'minutes'), '-28.3 min');
      assert.equal(formatChange(0.05, 'hours'), '+0.05 h');
      assert.equal(formatChange(0.00482, 'percent'), '+0.5 pts');
      assert.equal(formatChange(-0.0004, 'percent'), '-0.04 pts');
      assert.equal(formatChange(0, 'hours'), '0.0 h');
      assert.equal(formatChange(-0.001, 'score'), '0.00');
    });
    it('keeps whole counts whole and currency at cents', () => {
      assert.equal(formatChange(12, 'count'), '+12');
      assert.equal(formatChange(-1500, 'currency'), '-1,500.00');
    });
    it('says no data for a missing change', () => {
      assert.equal(formatChange(null, 'percent'), 'no data');
    });
  });

  it('formats counts, weights and scores', () => {
    assert.equal(formatCount(5000), '5,000');
    assert.equal(formatCount(0), '0');
    assert.equal(formatRows(1), '1 row');
    assert.equal(formatRows(0), '0 rows');
    assert.equal(formatRows(5000), '5,000 rows');
    assert.equal(formatWeight(0.25), '25%');
    assert.equal(formatWeight(1 / 3), '33.3%');
    assert.equal(formatScore(87.44), '87.4');
    assert.equal(formatScore(null), 'no data');
  });

  it('labels every status', () => {
    assert.deepEqual(
      (['on_target', 'warning', 'breach', 'critical', 'no_data', 'no_target'] as const).map(statusLabel),
      ['on target', 'warning', 'breach', 'critical', 'no data', 'no target'],
    );
  });
});
