/**
 * `kpi eval` against DuckDB, whole processes, on the same tickets CSV.
 *
 * kpi:    bin/kpi eval samples/after-sales/after-sales.kpi --data tickets=CSV --format json
 * DuckDB: node bench/duckdb-peer.cjs CSV
 *
 * kpi runs as users run it: the `kpi` command, which starts node from kpi's
 * startup snapshot when it can (bin/kpi). Both are started under GNU time
 * (`/usr/bin/time -f '%M %U %S'`), which reports the peak RSS and CPU time of
 * the process and of the processes it waited for (kpi's node under bin/kpi's
 * shell); wall time is hrtime from spawn to exit, GNU time's own fork and wait
 * included on both sides.
 * One untimed run of each comes first: it warms the page cache and the
 * DuckDB library, and its output (stdout captured) is compared value by
 * value, so the two sides are known to compute the same scorecard. Timed
 * runs then alternate which side goes first, so a burst of load on the
 * machine does not fall on one side only; their stdout goes to /dev/null.
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './datasets.mjs';
import { loadAverage, maximum, median, minimum } from './stats.mjs';

const GNU_TIME = '/usr/bin/time';
const SCORECARD = path.join('samples', 'after-sales', 'after-sales.kpi');

/** The command line of each side: the program, then its arguments. */
export const commands = {
  kpi: (csv) => [path.join(ROOT, 'bin', 'kpi'), 'eval', SCORECARD, '--data', `tickets=${csv}`, '--format', 'json'],
  duckdb: (csv) => [process.execPath, path.join(ROOT, 'bench', 'duckdb-peer.cjs'), csv],
};

/** Why the whole-process comparison cannot run here, or undefined when it can. */
export function processBenchUnavailable() {
  const probe = spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0 || !/^\d+\s*$/.test(probe.stderr)) {
    return `it needs GNU time at ${GNU_TIME} for peak RSS and CPU time (Debian: apt-get install time)`;
  }
  return undefined;
}

/** How bin/kpi starts on this machine (its KPI_DEBUG line): from the startup snapshot or not, and why. */
export function kpiStart() {
  const [program, ...args] = commands.kpi(path.join(ROOT, 'samples', 'after-sales', 'data', 'tickets.csv'));
  const child = spawnSync(program, args, { cwd: ROOT, env: peerEnv({ KPI_DEBUG: '1' }), encoding: 'utf8', maxBuffer: 1 << 26 });
  return child.stderr.split('\n').find((line) => line.startsWith('kpi: started ')) ?? `kpi: ${child.stderr.trim().split('\n').pop()}`;
}

/**
 * Variables the machine may set that change what every node process pays at
 * start, and that neither peer needs: NODE_EXTRA_CA_CERTS makes node read and
 * parse a CA bundle before any script runs (about 35 ms per process on the
 * 2-core VM of bench/README.md), for TLS connections neither peer makes. Both
 * peers run without them, as on a machine that does not set them; run.mjs
 * prints the measured start-up cost of each one the machine sets.
 */
export const UNSET_FOR_PEERS = ['NODE_EXTRA_CA_CERTS'];

/** The environment both peers run in: this process's, without UNSET_FOR_PEERS. */
export function peerEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const name of UNSET_FOR_PEERS) delete env[name];
  return env;
}

/** Median wall time of `node -e 0`, with this process's environment and with peerEnv(), in ms. */
export function bareNodeStart(runs) {
  const time = (env) => {
    const walls = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      const child = spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
      if (child.status !== 0) throw new Error(`node -e 0 exited with ${child.status}`);
      walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return median(walls);
  };
  return { asSetMs: time(process.env), forPeersMs: time(peerEnv()) };
}

/** Runs the command line `args` under GNU time; stdout captured or discarded. */
function run(args, capture) {
  const usageFile = path.join(os.tmpdir(), `kpi-bench-usage-${process.pid}.txt`);
  fs.rmSync(usageFile, { force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(GNU_TIME, ['-f', '%M %U %S', '-o', usageFile, ...args], {
    cwd: ROOT,
    env: peerEnv(),
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw child.error;
  // kpi exits 0 here (clean data, no gate); anything else means the run is not comparable.
  if (child.status !== 0) throw new Error(`${args.slice(0, 2).map((arg) => path.basename(arg)).join(' ')} exited with ${child.status}: ${child.stderr.trim().slice(-400)}`);
  // GNU time's last line: peak RSS in KiB, user and system CPU seconds.
  const [rssKiB, userS, systemS] = fs.readFileSync(usageFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  fs.rmSync(usageFile, { force: true });
  return { wallMs, cpuMs: (userS + systemS) * 1000, rssKiB, stdout: child.stdout };
}

const RELATIVE_TOLERANCE = 1e-9;

function same(a, b) {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-12;
}

/** Every value of DuckDB's scorecard, found in kpi's: [compared, differences]. */
export function compareResults(kpiJson, duckJson) {
  const kpi = JSON.parse(kpiJson);
  const duck = JSON.parse(duckJson);
  const differences = [];
  let compared = 0;
  const check = (where, actual, wanted) => {
    compared++;
    if (!same(actual ?? null, wanted ?? null)) differences.push(`${where}: kpi ${actual}, DuckDB ${wanted}`);
  };
  for (const expected of duck.measures) {
    const measure = kpi.measures.find((m) => m.name === expected.name);
    if (!measure) {
      differences.push(`${expected.name}: not in kpi's results`);
      continue;
    }
    check(expected.name, measure.value, expected.value);
    if (measure.status !== expected.status) differences.push(`${expected.name}: status kpi ${measure.status}, DuckDB ${expected.status}`);
    for (const breakdown of expected.breakdowns) {
      const segments = measure.breakdowns.find((b) => b.column === breakdown.column)?.segments ?? [];
      for (const segment of breakdown.segments) {
        check(`${expected.name} [${breakdown.column}=${segment.segment}]`, segments.find((s) => s.segment === segment.segment)?.value, segment.value);
      }
    }
    const periods = measure.trend?.periods ?? [];
    if (periods.length !== expected.trend.periods.length) differences.push(`${expected.name}: ${periods.length} months in kpi, ${expected.trend.periods.length} in DuckDB`);
    for (const period of expected.trend.periods) {
      const found = periods.find((p) => p.period === period.period);
      check(`${expected.name} [${period.period}]`, found?.value, period.value);
      check(`${expected.name} [${period.period}] change`, found?.change, period.change);
    }
  }
  return { compared, differences };
}

function stats(runs) {
  const walls = runs.map((r) => r.wallMs);
  return {
    wallMedianMs: median(walls),
    wallMinMs: minimum(walls),
    cpuMedianMs: median(runs.map((r) => r.cpuMs)),
    rssMedianKiB: median(runs.map((r) => r.rssKiB)),
    rssMaxKiB: maximum(runs.map((r) => r.rssKiB)),
    walls,
  };
}

/** Times both sides on one CSV: `runs` timed runs each, after one checked warm-up run each. */
export function compareOnCsv(csv, rows, runs, log) {
  const loadBefore = loadAverage();
  const warmKpi = run(commands.kpi(csv), true);
  const warmDuck = run(commands.duckdb(csv), true);
  const agreement = compareResults(warmKpi.stdout, warmDuck.stdout);
  const kpiRuns = [];
  const duckRuns = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['kpi', 'duckdb'] : ['duckdb', 'kpi'];
    for (const side of order) {
      const result = run(commands[side](csv), false);
      (side === 'kpi' ? kpiRuns : duckRuns).push(result);
    }
    log(`  ${rows.toLocaleString('en')} rows: run ${i + 1}/${runs} kpi ${kpiRuns.at(-1).wallMs.toFixed(0)} ms, DuckDB ${duckRuns.at(-1).wallMs.toFixed(0)} ms`);
  }
  return {
    rows,
    csvBytes: fs.statSync(csv).size,
    runs,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAverage(),
    valuesCompared: agreement.compared,
    differences: agreement.differences,
    kpi: stats(kpiRuns),
    duckdb: stats(duckRuns),
  };
}
