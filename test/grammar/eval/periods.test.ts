/**
 * Trend period keys (day, ISO week, month, quarter) in UTC, including weeks
 * across year boundaries, and the timestamp literals conditions compare with.
 */

import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { periodKey, periodKeyOfNumber, periodNumber } from '../../../grammar/eval/periods';
import { parseTimestamp } from '../../../grammar/eval/calendar';
import { date, table, utc } from './support/table';
import { MAX_TREND_PERIODS, periodGrouping } from '../../../grammar/eval/groups';

describe('period keys', () => {
  it('names days, months and quarters in UTC', () => {
    assert.equal(periodKey(utc('2025-03-14T23:59:59.999'), 'day'), '2025-03-14');
    assert.equal(periodKey(utc('2024-02-29T12:00:00'), 'month'), '2024-02');
    assert.equal(periodKey(utc('2025-03-31T23:59:59'), 'quarter'), '2025-Q1');
    assert.equal(periodKey(utc('2025-04-01'), 'quarter'), '2025-Q2');
    assert.equal(periodKey(utc('2024-12-31'), 'quarter'), '2024-Q4');
    assert.equal(periodKey(utc('1969-12-31T12:00:00'), 'day'), '1969-12-31');
    assert.equal(periodKey(utc('1969-12-31T12:00:00'), 'month'), '1969-12');
  });

  it('names ISO-8601 weeks, including across year boundaries', () => {
    // Expectations from Python's date.isocalendar().
    const cases: Array<[string, string]> = [
      ['2025-03-14', '2025-W11'],
      ['2024-12-29', '2024-W52'],
      ['2024-12-30', '2025-W01'],
      ['2021-01-03', '2020-W53'],
      ['2021-01-04', '2021-W01'],
      ['2026-12-31', '2026-W53'],
      ['2027-01-03', '2026-W53'],
      ['2027-01-04', '2027-W01'],
      ['2015-12-31', '2015-W53'],
      ['2016-01-01', '2015-W53'],
      ['2008-12-29', '2009-W01'],
      ['1969-12-31', '1970-W01'],
      ['1970-01-01', '1970-W01'],
    ];
    for (const [day, week] of cases) assert.equal(periodKey(utc(day), 'week'), week, day);
  });

  it('numbers consecutive periods consecutively', () => {
    const week = (iso: string) => periodNumber(utc(iso), 'week');
    assert.equal(week('2025-01-05'), week('2024-12-30'), 'Monday to Sunday is one week');
    assert.equal(week('2025-01-06'), week('2025-01-05') + 1);
    assert.equal(periodNumber(utc('2025-01-01'), 'month'), periodNumber(utc('2024-12-31'), 'month') + 1);
    assert.equal(periodNumber(utc('2025-01-01'), 'quarter'), periodNumber(utc('2024-12-31'), 'quarter') + 1);
    assert.equal(periodKeyOfNumber(periodNumber(utc('2025-01-01'), 'quarter') - 1, 'quarter'), '2024-Q4');
  });

  it('agrees with Date for any day from 1900 to 2200', () => {
    const from = utc('1900-01-01');
    const to = utc('2200-01-01');
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), (ms) => {
        const date = new Date(ms);
        const iso = date.toISOString();
        assert.equal(periodKey(ms, 'day'), iso.slice(0, 10));
        assert.equal(periodKey(ms, 'month'), iso.slice(0, 7));
        assert.equal(periodKey(ms, 'quarter'), `${iso.slice(0, 4)}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`);
        // ISO week by the definition: the week's Thursday gives the year, and
        // week 1 is the week of that year's first Thursday.
        const weekday = (date.getUTCDay() + 6) % 7;
        const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - weekday));
        const year = thursday.getUTCFullYear();
        const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
        const expected = `${year}-W${String(week).padStart(2, '0')}`;
        assert.equal(periodKey(ms, 'week'), expected, iso);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('timestamp literals', () => {
  it('reads dates and datetimes as UTC', () => {
    assert.equal(parseTimestamp('2025-03-01'), Date.UTC(2025, 2, 1));
    assert.equal(parseTimestamp('2025-03-01T09:30'), Date.UTC(2025, 2, 1, 9, 30));
    assert.equal(parseTimestamp('2025-03-01T09:30:15.5'), Date.UTC(2025, 2, 1, 9, 30, 15, 500));
    assert.equal(parseTimestamp('2025-03-01 09:30:15Z'), Date.UTC(2025, 2, 1, 9, 30, 15));
    assert.equal(parseTimestamp('2025-03-01T09:30:15+02:00'), Date.UTC(2025, 2, 1, 7, 30, 15));
    assert.equal(parseTimestamp('2025-03-01T09:30:15-0130'), Date.UTC(2025, 2, 1, 11, 0, 15));
  });

  it('rejects impossible or malformed dates', () => {
    for (const text of ['2025-02-29', '2025-13-01', '2025-03-01T24:00', 'March 1', '', '2025-3-1']) {
      assert.ok(Number.isNaN(parseTimestamp(text)), text);
    }
    assert.equal(parseTimestamp('2024-02-29'), Date.UTC(2024, 1, 29));
  });
});

describe('trend periods: the cut to the latest MAX_TREND_PERIODS', () => {
  it('keeps every period, empty ones included, while the span fits', () => {
    const dates = table({ at: date('2025-01-30', null, '2025-03-02') });
    const grouping = periodGrouping(dates, 'at', 'month');
    assert.deepEqual(grouping.keys, ['2025-01', '2025-02', '2025-03']);
    assert.deepEqual([...grouping.ids], [0, -1, 2]);
    assert.deepEqual(grouping.span, { first: '2025-01', last: '2025-03', periods: 3 });
  });

  for (const period of ['day', 'week', 'month', 'quarter'] as const) {
    it(`keeps the latest ${MAX_TREND_PERIODS} ${period} periods when a mistyped year stretches the span`, () => {
      const dates = table({ at: date('2025-03-01', '2025-03-02', '9205-03-02', null) });
      const grouping = periodGrouping(dates, 'at', period);
      assert.equal(grouping.keys.length, Math.min(MAX_TREND_PERIODS, grouping.span!.periods));
      assert.equal(grouping.keys.length, MAX_TREND_PERIODS);
      assert.equal(grouping.keys.at(-1), periodKey(utc('9205-03-02'), period));
      assert.equal(grouping.keys[0], periodKeyOfNumber(periodNumber(utc('9205-03-02'), period) - MAX_TREND_PERIODS + 1, period));
      // The 2025 rows fall before the kept periods: in no period of the trend.
      assert.deepEqual([...grouping.ids], [-1, -1, MAX_TREND_PERIODS - 1, -1]);
      assert.deepEqual([...grouping.sizes].reduce((a, b) => a + b, 0), 1);
    });
  }

  it('cuts at the first day of the first kept period, not in the middle of it', () => {
    // Months: the kept range starts on the 1st of a month; a row on that day is in, the day before is out.
    const last = utc('2500-06-15');
    const firstKept = periodKeyOfNumber(periodNumber(last, 'month') - MAX_TREND_PERIODS + 1, 'month');
    const onFirstDay = `${firstKept}-01`;
    const dayBefore = new Date(utc(onFirstDay) - 86_400_000).toISOString().slice(0, 10);
    const dates = table({ at: date('1000-01-01', dayBefore, onFirstDay, '2500-06-15') });
    const grouping = periodGrouping(dates, 'at', 'month');
    assert.equal(grouping.keys[0], firstKept);
    assert.deepEqual([...grouping.ids], [-1, -1, 0, MAX_TREND_PERIODS - 1]);
  });
});
