/**
 * The after-sales scorecard computed independently with DuckDB: what every
 * KPI of samples/after-sales/after-sales.kpi must be, overall, per channel,
 * per region and per month, for a given tickets CSV. Shared by the CLI oracle
 * and the evaluator oracle, with the comparison that reports every mismatch
 * by KPI, segment or period with both values.
 *
 * The SQL is written from the KPI definitions, not from the evaluator: shares
 * are averages of conditions cast to 0/1 (NULL conditions drop out, as in
 * SQL), percentiles are `quantile_cont`, the satisfaction index is computed
 * here in plain JavaScript from the SQL component values. Empty groups are
 * kept: a channel without csat answers (NULL) and a month without tickets.
 */

import * as assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';

export const KPI_NAMES = [
  'tickets', 'first_response_median', 'first_response_p90', 'first_response_within_30', 'resolution_rate',
  'fcr', 'mean_resolution_hours', 'csat', 'nps', 'satisfaction',
] as const;

export type KpiName = (typeof KPI_NAMES)[number];
export const SEGMENT_COLUMNS = ['channel', 'region'] as const;
type SegmentColumn = (typeof SEGMENT_COLUMNS)[number];

/** One group's value of every KPI (null = no data). */
export type KpiValues = Record<KpiName, number | null>;

export interface Expectations {
  overall: KpiValues;
  /** By column, then segment key. */
  segments: Record<SegmentColumn, Map<string, KpiValues>>;
  /** By month key (`2025-03`), every month from the first to the last. */
  months: Map<string, KpiValues>;
}

const SQL_KPIS: Record<Exclude<KpiName, 'satisfaction'>, string> = {
  tickets: 'count(t.ticket_id)',
  first_response_median: 'quantile_cont(t.first_response_min, 0.5)',
  first_response_p90: 'quantile_cont(t.first_response_min, 0.9)',
  first_response_within_30: 'avg(CAST(t.first_response_min <= 30 AS DOUBLE))',
  resolution_rate: 'avg(CAST(t.resolved AS DOUBLE))',
  fcr: 'avg(CAST(t.resolved AND NOT t.reopened AS DOUBLE))',
  mean_resolution_hours: 'avg(t.resolution_hours)',
  csat: 'avg(CAST(t.csat >= 4 AS DOUBLE))',
  nps: '100.0 * (count_if(t.nps >= 9) - count_if(t.nps <= 6)) / NULLIF(count(t.nps), 0)',
};

const SQL_NAMES = Object.keys(SQL_KPIS) as Array<keyof typeof SQL_KPIS>;
const SELECT_KPIS = SQL_NAMES.map((name) => `CAST(${SQL_KPIS[name]} AS DOUBLE) AS ${name}`).join(',\n  ');

const READ_TICKETS = (csv: string) => `
CREATE TABLE tickets AS SELECT * FROM read_csv(${sqlString(csv)},
  header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
  columns = {
    'ticket_id': 'VARCHAR', 'opened_at': 'TIMESTAMP', 'channel': 'VARCHAR', 'region': 'VARCHAR',
    'first_response_min': 'DOUBLE', 'resolution_hours': 'DOUBLE', 'resolved': 'BOOLEAN',
    'reopened': 'BOOLEAN', 'csat': 'INTEGER', 'nps': 'INTEGER', 'refund_amount': 'DOUBLE'
  })`;

const OVERALL = `SELECT NULL AS g,\n  ${SELECT_KPIS}\nFROM tickets t`;

const BY_SEGMENT = (column: SegmentColumn) =>
  `SELECT t.${column} AS g,\n  ${SELECT_KPIS}\nFROM tickets t\nWHERE t.${column} IS NOT NULL\nGROUP BY t.${column}`;

/** Every month from the first to the last ticket, joined to its tickets (none for an empty month). */
const BY_MONTH = `
WITH months AS (
  SELECT strftime(m, '%Y-%m') AS g
  FROM (SELECT unnest(generate_series(
    (SELECT date_trunc('month', min(opened_at)) FROM tickets),
    (SELECT date_trunc('month', max(opened_at)) FROM tickets),
    INTERVAL 1 MONTH)) AS m)
)
SELECT months.g AS g,
  ${SELECT_KPIS}
FROM months LEFT JOIN tickets t ON strftime(t.opened_at, '%Y-%m') = months.g
GROUP BY months.g`;

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** What DuckDB says every KPI is, for the tickets in `csvPath`. */
export async function expectationsFor(csvPath: string): Promise<Expectations> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(READ_TICKETS(csvPath));
    const groups = async (sql: string): Promise<Map<string, KpiValues>> => {
      const reader = await connection.runAndReadAll(sql);
      const out = new Map<string, KpiValues>();
      for (const row of reader.getRows()) {
        const [key, ...values] = row;
        const sqlValues = Object.fromEntries(SQL_NAMES.map((name, i) => [name, toNumber(values[i], name)]));
        out.set(String(key), withIndex(sqlValues as Omit<KpiValues, 'satisfaction'>));
      }
      return out;
    };
    const overall = [...(await groups(OVERALL)).values()][0];
    return {
      overall,
      segments: { channel: await groups(BY_SEGMENT('channel')), region: await groups(BY_SEGMENT('region')) },
      months: await groups(BY_MONTH),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function toNumber(value: unknown, what: string): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new Error(`DuckDB returned a ${typeof value} for ${what}`);
}

const clamp = (x: number) => Math.min(100, Math.max(0, x));

/**
 * satisfaction = first_response_p90 25% (120 min -> 0, 15 min -> 100), csat
 * 35% (x100), fcr 25% (x100), nps 15% (-100 -> 0, 100 -> 100), renormalised
 * over the components with data.
 */
function withIndex(values: Omit<KpiValues, 'satisfaction'>): KpiValues {
  const parts: Array<[number, number | null]> = [
    [0.25, values.first_response_p90 === null ? null : clamp(((120 - values.first_response_p90) / 105) * 100)],
    [0.35, values.csat === null ? null : values.csat * 100],
    [0.25, values.fcr === null ? null : values.fcr * 100],
    [0.15, values.nps === null ? null : clamp((values.nps + 100) / 2)],
  ];
  let weight = 0;
  let sum = 0;
  for (const [w, score] of parts) {
    if (score === null) continue;
    weight += w;
    sum += w * score;
  }
  return { ...values, satisfaction: weight > 0 ? sum / weight : null };
}

/** What the comparison reads of a measure result (evaluator output or CLI JSON). */
export interface MeasureValues {
  name: string;
  value: number | null;
  breakdowns: Array<{ column: string; segments: Array<{ segment: string; value: number | null }> }>;
  trend: { period: string; periods: Array<{ period: string; value: number | null }> } | null;
}

const RELATIVE_TOLERANCE = 1e-9;

function same(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * scale || Math.abs(actual - expected) < 1e-12;
}

/**
 * Every difference between the measures and DuckDB's expectations, one line
 * each: `csat [channel=phone]: kpi 0.5, DuckDB null`.
 */
export function differences(measures: readonly MeasureValues[], expected: Expectations): string[] {
  const problems: string[] = [];
  const check = (where: string, actual: number | null, wanted: number | null) => {
    if (!same(actual, wanted)) problems.push(`${where}: kpi ${actual}, DuckDB ${wanted}`);
  };
  const keys = (where: string, actual: string[], wanted: string[]) => {
    if (actual.join('\u0000') !== wanted.join('\u0000')) {
      problems.push(`${where}: kpi has ${JSON.stringify(actual)}, DuckDB has ${JSON.stringify(wanted)}`);
      return false;
    }
    return true;
  };
  const byName = new Map(measures.map((m) => [m.name, m]));
  for (const name of KPI_NAMES) {
    const measure = byName.get(name);
    if (measure === undefined) {
      problems.push(`${name}: missing from the results (have ${[...byName.keys()].join(', ')})`);
      continue;
    }
    check(name, measure.value, expected.overall[name]);
    for (const column of SEGMENT_COLUMNS) {
      const breakdown = measure.breakdowns.find((b) => b.column === column);
      if (breakdown === undefined) {
        problems.push(`${name}: no breakdown by ${column}`);
        continue;
      }
      const wanted = expected.segments[column];
      const actualKeys = breakdown.segments.map((s) => s.segment);
      if (!keys(`${name} segments of ${column}`, actualKeys, [...wanted.keys()].sort())) continue;
      for (const segment of breakdown.segments) {
        check(`${name} [${column}=${segment.segment}]`, segment.value, (wanted.get(segment.segment) as KpiValues)[name]);
      }
    }
    if (measure.trend === null || measure.trend.period !== 'month') {
      problems.push(`${name}: no trend by month`);
      continue;
    }
    const actualMonths = measure.trend.periods.map((p) => p.period);
    if (!keys(`${name} months`, actualMonths, [...expected.months.keys()].sort())) continue;
    for (const period of measure.trend.periods) {
      check(`${name} [month ${period.period}]`, period.value, (expected.months.get(period.period) as KpiValues)[name]);
    }
  }
  return problems;
}

/** Fails with every difference listed, so one run shows all of them. */
export function assertMatchesDuckDb(measures: readonly MeasureValues[], expected: Expectations): void {
  const problems = differences(measures, expected);
  assert.ok(problems.length === 0, `${problems.length} value(s) differ from DuckDB:\n  ${problems.slice(0, 60).join('\n  ')}`);
}

/** Guards against an oracle that compares nothing: the data must have the shapes the test is about. */
export function assertExpectationsCoverEdgeCases(expected: Expectations): void {
  const phone = expected.segments.channel.get('phone');
  assert.ok(phone !== undefined, 'the data has a phone channel');
  assert.equal(phone.csat, null, 'phone has no csat answers: an all-blank segment');
  assert.ok(expected.segments.channel.size >= 4, 'four channels');
  assert.ok(expected.segments.region.size >= 5, 'several regions');
  assert.ok(expected.months.size >= 3, 'several months');
  assert.ok(expected.overall.tickets !== null && expected.overall.tickets > 0, 'tickets');
}
