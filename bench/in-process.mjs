#!/usr/bin/env node
/**
 * In-process micro-benchmarks of the engine, on tsc's output (out/), run by
 * bench/run.mjs in a process of their own so nothing else shares its heap.
 *
 *   node bench/in-process.mjs TICKETS_1M.csv   -> one JSON object on stdout
 *
 * - parse + analyze a generated 2,000-line scorecard (bench/scorecard-generator.mjs),
 *   from memory: the first (cold) run, then the median and minimum of warm runs;
 * - load the tickets CSV of the after-sales scorecard the way `kpi eval`
 *   does (only the columns used are stored, every declared column is checked):
 *   wall and CPU time, and the throughput in MB/s and rows/s;
 * - evaluate the after-sales scorecard on that data, each run on a fresh
 *   Table object so that no grouping or pass result cached on the previous
 *   one is reused;
 * - load the same tickets as JSON Lines and as one JSON array (the first
 *   JSON_ROWS rows, made from the CSV in memory: numbers as numbers, booleans
 *   as booleans, blanks left out), beside the CSV bytes of the same rows, from
 *   memory the way `kpi diff` loads a file at a revision: MB/s and rows/s of
 *   each format.
 */

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { median, minimum } from './stats.mjs';
import { generateScorecard } from './scorecard-generator.mjs';
import { ROOT } from './datasets.mjs';

const require = createRequire(import.meta.url);
const out = (...parts) => path.join(ROOT, 'out', ...parts);
const { analyze } = require(out('grammar', 'analyze.js'));
const { evaluateScorecard } = require(out('grammar', 'scorecard.js'));
const { NodeSourceHost } = require(out('server', 'host', 'node-source-host.js'));
const { loadProgramData, loadBytes, loaderFor } = require(out('server', 'host', 'load-data.js'));
const { loadTable } = require(out('grammar', 'eval', 'data', 'index.js'));

const csv = process.argv[2];
if (!csv) {
  process.stderr.write('usage: node bench/in-process.mjs TICKETS.csv\n');
  process.exit(2);
}

const ANALYZE_RUNS = 25;
const LOAD_RUNS = 3;
const EVALUATE_RUNS = 5;
const JSON_ROWS = 200_000;
const FORMAT_RUNS = 3;

/** Wall and CPU milliseconds of `work()`. */
function timed(work) {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = work();
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

function analyzeBenchmark() {
  const text = generateScorecard(2000);
  const file = '/bench/scorecard.kpi';
  const host = { readKpi: (f) => (f === file ? text : undefined), resolveImport: (_from, p) => p };
  const runs = [];
  let program;
  for (let i = 0; i <= ANALYZE_RUNS; i++) {
    const run = timed(() => analyze(file, host));
    program = run.value;
    runs.push(run.wall);
  }
  const errors = program.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'KPI080');
  if (errors.length > 0) throw new Error(`the generated scorecard has errors: ${errors[0].code} ${errors[0].message}`);
  const [cold, ...warm] = runs;
  return {
    lines: text.split('\n').length,
    measures: program.plan.measures.length,
    coldMs: cold,
    medianMs: median(warm),
    minMs: minimum(warm),
    runs: warm.length,
  };
}

function loadAndEvaluateBenchmark() {
  const entry = path.join(ROOT, 'samples', 'after-sales', 'after-sales.kpi');
  const program = analyze(entry, new NodeSourceHost());
  const options = { mode: 'eval', root: ROOT, overrides: new Map([['tickets', csv]]), cwd: ROOT };
  const bytes = fs.statSync(csv).size;
  const loads = [];
  let data;
  for (let i = 0; i < LOAD_RUNS; i++) {
    data = undefined; // let the previous table go before loading the next
    const run = timed(() => loadProgramData(program, options));
    data = run.value;
    loads.push(run);
  }
  const tickets = data.get('tickets');
  if (tickets?.status !== 'loaded' || tickets.result.rowsRejected > 0) throw new Error('the tickets CSV did not load cleanly');
  const rows = tickets.result.rowsRead;
  const rssAfterLoad = process.memoryUsage().rss;

  const evaluations = [];
  for (let i = 0; i < EVALUATE_RUNS; i++) {
    const { table } = tickets.result;
    // A new Table object: groupings and pass results are cached per Table, and each run should compute its own.
    const fresh = new Map([['tickets', { ...tickets, result: { ...tickets.result, table: { rowCount: table.rowCount, columns: new Map(table.columns) } } }]]);
    const run = timed(() => evaluateScorecard(program, fresh, { displayFile: (f) => path.relative(ROOT, f) }));
    if (run.value.measures.length === 0) throw new Error('nothing was evaluated');
    evaluations.push(run);
  }
  const loadMedian = median(loads.map((r) => r.wall));
  return {
    load: {
      file: path.basename(csv),
      bytes,
      rows,
      medianMs: loadMedian,
      minMs: minimum(loads.map((r) => r.wall)),
      cpuMedianMs: median(loads.map((r) => r.cpu)),
      mbPerSecond: bytes / 1e6 / (loadMedian / 1000),
      rowsPerSecond: rows / (loadMedian / 1000),
      runs: loads.length,
      rssAfterLoadMiB: rssAfterLoad / 2 ** 20,
    },
    evaluate: {
      measures: evaluations[0].value.measures.length,
      medianMs: median(evaluations.map((r) => r.wall)),
      minMs: minimum(evaluations.map((r) => r.wall)),
      cpuMedianMs: median(evaluations.map((r) => r.cpu)),
      runs: evaluations.length,
    },
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** The first `rows` tickets of the CSV as CSV, JSON Lines and JSON array bytes. */
function ticketFiles(binding, rows) {
  const text = fs.readFileSync(csv, 'utf8');
  let end = 0;
  for (let line = 0; line <= rows && end >= 0; line++) end = text.indexOf('\n', end + 1);
  const head = end < 0 ? text : text.slice(0, end + 1);
  const all = new Set(binding.schema.map((column) => column.name));
  const { table } = loadTable(new TextEncoder().encode(head), 'csv', binding.schema, { columns: all });
  const lines = [];
  for (let row = 0; row < table.rowCount; row++) {
    const object = {};
    for (const column of binding.schema) {
      const stored = table.columns.get(column.name);
      if (stored.kind === 'text') {
        if (stored.codes[row] >= 0) object[column.name] = stored.dictionary[stored.codes[row]];
      } else if (stored.kind === 'bool') {
        if (stored.values[row] !== 2) object[column.name] = stored.values[row] === 1;
      } else if (!Number.isNaN(stored.values[row])) {
        const value = stored.values[row];
        object[column.name] = column.type === 'datetime' ? new Date(value).toISOString().slice(0, 19) : value;
      }
    }
    lines.push(JSON.stringify(object));
  }
  const encode = (value) => new TextEncoder().encode(value);
  return {
    rows: table.rowCount,
    files: { csv: encode(head), jsonl: encode(`${lines.join('\n')}\n`), json: encode(`[\n${lines.join(',\n')}\n]\n`) },
  };
}

function formatsBenchmark() {
  const entry = path.join(ROOT, 'samples', 'after-sales', 'after-sales.kpi');
  const program = analyze(entry, new NodeSourceHost());
  const binding = program.datasets.find((d) => d.name === 'tickets');
  const { rows, files } = ticketFiles(binding, JSON_ROWS);
  const result = { rows };
  for (const [format, bytes] of Object.entries(files)) {
    const runs = [];
    for (let i = 0; i < FORMAT_RUNS; i++) {
      const run = timed(() => loadBytes(bytes, loaderFor(binding, format, 'eval', bytes.length)));
      if (run.value.rowsRead !== rows || run.value.rowsRejected > 0 || run.value.fatal) {
        throw new Error(`${format}: ${run.value.rowsRead} rows read, ${run.value.rowsRejected} rejected${run.value.fatal ? `, ${run.value.fatal.message}` : ''}`);
      }
      runs.push(run.wall);
    }
    const medianMs = median(runs);
    result[format] = { bytes: bytes.length, medianMs, minMs: minimum(runs), mbPerSecond: bytes.length / 1e6 / (medianMs / 1000), rowsPerSecond: rows / (medianMs / 1000) };
  }
  return result;
}

const analyzed = analyzeBenchmark();
const loaded = loadAndEvaluateBenchmark();
const formats = formatsBenchmark();
process.stdout.write(`${JSON.stringify({ analyze: analyzed, ...loaded, formats })}\n`);
