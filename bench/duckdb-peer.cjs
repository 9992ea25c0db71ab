#!/usr/bin/env node
/**
 * The benchmark's peer: samples/after-sales/after-sales.kpi computed with
 * DuckDB, so `kpi eval` can be timed against a columnar SQL engine doing the
 * same work on the same CSV.
 *
 *   node bench/duckdb-peer.cjs TICKETS.csv > results.json
 *
 * Same work as `kpi eval --format json`: every declared column is read and
 * typed (read_csv with explicit types into a table, as kpi checks every
 * declared column of every row), then every KPI overall, by channel, by region
 * and by month(opened_at) in one GROUPING SETS query, with kpi's semantics:
 * percentiles are quantile_cont, a share is the average of its condition over
 * the rows where it is decidable (NULL conditions drop out), nps is
 * 100 x (promoters - detractors) / answers, count is rows. The satisfaction
 * index, statuses, empty months and period-over-period change are derived
 * here from those values, and the whole scorecard is printed as JSON.
 */

'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

const csv = process.argv[2];
if (!csv) {
  process.stderr.write('usage: node bench/duckdb-peer.cjs TICKETS.csv\n');
  process.exit(2);
}

const KPIS = {
  tickets: 'count(*)',
  first_response_median: 'quantile_cont(first_response_min, 0.5)',
  first_response_p90: 'quantile_cont(first_response_min, 0.9)',
  first_response_within_30: 'avg(CAST(first_response_min <= 30 AS DOUBLE))',
  resolution_rate: 'avg(CAST(resolved AS DOUBLE))',
  fcr: 'avg(CAST(resolved AND NOT reopened AS DOUBLE))',
  mean_resolution_hours: 'avg(resolution_hours)',
  csat: 'avg(CAST(csat >= 4 AS DOUBLE))',
  nps: '100.0 * (count_if(nps >= 9) - count_if(nps <= 6)) / NULLIF(count(nps), 0)',
};
const NAMES = Object.keys(KPIS);

/** Thresholds of after-sales.kpi: [op, target, warn], and the chat overrides of first_response_p90. */
const THRESHOLDS = {
  first_response_p90: ['<=', 30, 60],
  first_response_within_30: ['>=', 0.8, 0.6],
  resolution_rate: ['>=', 0.9, 0.85],
  fcr: ['>=', 0.85, 0.75],
  mean_resolution_hours: ['<=', 24, 36],
  csat: ['>=', 0.9, 0.8],
  nps: ['>=', 40, 20],
  satisfaction: ['>=', 80, 70],
};
const CHAT_P90 = ['<=', 5, 15];

const sql = (text) => `'${text.replace(/'/g, "''")}'`;

const LOAD = `
CREATE TABLE tickets AS SELECT * FROM read_csv(${sql(csv)},
  header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
  columns = {
    'ticket_id': 'VARCHAR', 'opened_at': 'TIMESTAMP', 'channel': 'VARCHAR', 'region': 'VARCHAR',
    'first_response_min': 'DOUBLE', 'resolution_hours': 'DOUBLE', 'resolved': 'BOOLEAN',
    'reopened': 'BOOLEAN', 'csat': 'INTEGER', 'nps': 'INTEGER', 'refund_amount': 'DOUBLE'
  })`;

const SCORECARD = `
SELECT channel, region, strftime(opened_at, '%Y-%m') AS month,
  GROUPING(channel) AS g_channel, GROUPING(region) AS g_region, GROUPING(strftime(opened_at, '%Y-%m')) AS g_month,
  ${NAMES.map((name) => `CAST(${KPIS[name]} AS DOUBLE) AS ${name}`).join(',\n  ')}
FROM tickets
GROUP BY GROUPING SETS ((), (channel), (region), (strftime(opened_at, '%Y-%m')))`;

const clamp = (x) => Math.min(100, Math.max(0, x));

/** satisfaction from its components, renormalised over those with data. */
function satisfaction(values) {
  const parts = [
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
  return weight > 0 ? sum / weight : null;
}

function status(name, value, segment) {
  const levels = segment === 'chat' && name === 'first_response_p90' ? CHAT_P90 : THRESHOLDS[name];
  if (levels === undefined) return 'no_target';
  if (value === null) return 'no_data';
  const [op, target, warn] = levels;
  const meets = (level) => (op === '>=' ? value >= level : value <= level);
  return meets(target) ? 'on_target' : meets(warn) ? 'warning' : 'breach';
}

const toNumber = (value) => (value === null ? null : Number(value));

/** Months from the first to the last key, `YYYY-MM`, empty ones included. */
function monthRange(keys) {
  if (keys.length === 0) return [];
  const sorted = [...keys].sort();
  const [y0, m0] = sorted[0].split('-').map(Number);
  const [y1, m1] = sorted[sorted.length - 1].split('-').map(Number);
  const months = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return months;
}

async function main() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(LOAD);
  const reader = await connection.runAndReadAll(SCORECARD);
  const overall = {};
  const segments = { channel: new Map(), region: new Map() };
  const months = new Map();
  for (const row of reader.getRowObjects()) {
    const values = Object.fromEntries(NAMES.map((name) => [name, toNumber(row[name])]));
    values.satisfaction = satisfaction(values);
    if (Number(row.g_channel) === 0) {
      if (row.channel !== null) segments.channel.set(row.channel, values);
    } else if (Number(row.g_region) === 0) {
      if (row.region !== null) segments.region.set(row.region, values);
    } else if (Number(row.g_month) === 0) {
      if (row.month !== null) months.set(row.month, values);
    } else {
      Object.assign(overall, values);
    }
  }
  connection.closeSync();
  instance.closeSync();

  const measures = [...NAMES, 'satisfaction'].map((name) => {
    let previous = null;
    return {
      name,
      value: overall[name],
      status: status(name, overall[name]),
      breakdowns: Object.entries(segments).map(([column, byKey]) => ({
        column,
        segments: [...byKey.keys()].sort().map((segment) => {
          const value = byKey.get(segment)[name];
          return { segment, value, status: status(name, value, segment) };
        }),
      })),
      trend: {
        period: 'month',
        periods: monthRange([...months.keys()]).map((period) => {
          const value = months.get(period)?.[name] ?? null;
          const change = value === null || previous === null ? null : value - previous;
          previous = value;
          return { period, value, change, status: status(name, value) };
        }),
      },
    };
  });
  process.stdout.write(`${JSON.stringify({ measures }, null, 2)}\n`);
}

main().catch((error) => {
  process.stderr.write(`duckdb-peer: ${error.message}\n`);
  process.exit(1);
});
