/**
 * The `kpi` CLI against DuckDB, end to end: the real command is spawned on
 * the after-sales sample (its committed data, then a generated 20,000-row
 * export passed with `--data`), its JSON is validated with the result schema,
 * and every KPI's overall, per-channel, per-region and per-month value is
 * compared with DuckDB's SQL over the same CSV (relative tolerance 1e-9).
 *
 * Nothing here is skipped: without a built CLI or without DuckDB the test
 * fails and says why.
 */

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ScorecardResultSchema, type ScorecardResult } from '../../grammar/results/schema';
import { assertExpectationsCoverEdgeCases, assertMatchesDuckDb, expectationsFor } from './support/after-sales-oracle';

const REPO_ROOT = resolve(__dirname, '../../..');
const SAMPLE = 'samples/after-sales/after-sales.kpi';

/** Runs `kpi eval SAMPLE --format json [...extra]` and returns its validated result. */
function runKpiEval(extra: string[]): ScorecardResult {
  const args = [join(REPO_ROOT, 'bin/kpi.js'), 'eval', SAMPLE, '--format', 'json', ...extra];
  const run = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 90_000 });
  const context = () =>
    `\n  command: node ${args.map((a) => a.replace(REPO_ROOT, '.')).join(' ')}\n  exit code: ${run.status}` +
    `${run.error ? `\n  error: ${run.error.message}` : ''}\n  stderr: ${(run.stderr ?? '').trim().slice(0, 2000) || '(empty)'}`;
  let json: unknown;
  try {
    json = JSON.parse(run.stdout ?? '');
  } catch {
    assert.fail(`kpi eval did not print JSON on stdout${context()}\n  stdout: ${(run.stdout ?? '').slice(0, 500) || '(empty)'}`);
  }
  const parsed = ScorecardResultSchema.safeParse(json);
  if (!parsed.success) assert.fail(`kpi eval printed JSON that does not match the result schema: ${parsed.error.message}${context()}`);
  const errors = parsed.data.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `the sample has definition errors${context()}`);
  return parsed.data;
}

/** The CSV the CLI read for `tickets`, from the result's dataset source. */
function ticketsFile(result: ScorecardResult): string {
  const tickets = result.datasets.find((d) => d.name === 'tickets');
  assert.ok(tickets, `the result lists no tickets dataset (datasets: ${result.datasets.map((d) => d.name).join(', ')})`);
  assert.equal(tickets.rowsRejected, 0, `the CLI rejected ${tickets.rowsRejected} rows of ${tickets.source}: DuckDB would read them`);
  const candidates = isAbsolute(tickets.source)
    ? [tickets.source]
    : [resolve(REPO_ROOT, tickets.source), resolve(REPO_ROOT, dirname(SAMPLE), tickets.source)];
  const found = candidates.find((file) => existsSync(file));
  assert.ok(found, `cannot find the tickets file the CLI read (${tickets.source})`);
  return found;
}

describe('CLI oracle: kpi eval of the after-sales sample against DuckDB', function () {
  this.timeout(180_000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-cli-oracle-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('matches on the committed sample data', async () => {
    const result = runKpiEval([]);
    const expected = await expectationsFor(ticketsFile(result));
    assertExpectationsCoverEdgeCases(expected);
    assertMatchesDuckDb(result.measures, expected);
  });

  it('matches on 20,000 generated tickets passed with --data', async () => {
    const csvPath = join(folder, 'tickets-20000.csv');
    execFileSync(process.execPath, [join(REPO_ROOT, 'samples/after-sales/generate.mjs'), '--rows', '20000', '--seed', '7', '--out', csvPath], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const result = runKpiEval(['--data', `tickets=${csvPath}`]);
    const tickets = result.datasets.find((d) => d.name === 'tickets');
    assert.equal(tickets?.rowsRead, 20_000, `the CLI read ${tickets?.rowsRead} rows of ${tickets?.source}, expected the 20,000 generated`);
    const expected = await expectationsFor(csvPath);
    assertExpectationsCoverEdgeCases(expected);
    assertMatchesDuckDb(result.measures, expected);
  });
});
