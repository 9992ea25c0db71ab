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
 *   one is reused.
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
const { loadProgramData } = require(out('server', 'host', 'load-data.js'));

const csv = process.argv[2];
if (!csv) {
  process.stderr.write('usage: node bench/in-process.mjs TICKETS.csv\n');
  process.exit(2);
}

const ANALYZE_RUNS = 25;
const LOAD_RUNS = 3;
const EVALUATE_RUNS = 5;

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

const analyzed = analyzeBenchmark();
const loaded = loadAndEvaluateBenchmark();
process.stdout.write(`${JSON.stringify({ analyze: analyzed, ...loaded })}\n`);
