/**
 * The evaluator against DuckDB, without the CLI: tickets CSVs are read into
 * Tables by a small test-only reader, evaluated with a hand-written plan
 * equivalent to the after-sales sample, and every KPI's overall, segment and
 * month value is compared with DuckDB's SQL over the same file.
 */

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluatePlan } from '../../grammar/eval/evaluate';
import { AFTER_SALES_PLAN, TICKETS_SCHEMA } from './support/after-sales-plan';
import {
  assertExpectationsCoverEdgeCases, assertMatchesDuckDb, expectationsFor, type Expectations,
} from './support/after-sales-oracle';
import { tableFromCsv } from './support/csv-table';
import { generateTickets } from './support/tickets-generator';

const REPO_ROOT = resolve(__dirname, '../../..');

describe('evaluator oracle: after-sales KPIs against DuckDB', function () {
  this.timeout(120_000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'kpi-evaluator-oracle-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function check(csvPath: string): Promise<Expectations> {
    const table = tableFromCsv(readFileSync(csvPath, 'utf8'), TICKETS_SCHEMA);
    const measures = evaluatePlan(AFTER_SALES_PLAN, new Map([['tickets', table]]));
    const expected = await expectationsFor(csvPath);
    assertExpectationsCoverEdgeCases(expected);
    assertMatchesDuckDb(measures, expected);
    return expected;
  }

  it('matches on tickets with blank bools, rows without a region and an empty month', async () => {
    const csvPath = join(folder, 'own.csv');
    writeFileSync(csvPath, generateTickets(4000, 11));
    const expected = await check(csvPath);
    assert.equal(expected.months.get('2025-02')?.tickets, 0, 'the data has a month without tickets');
    assert.equal(expected.segments.channel.get('app')?.nps, null, 'app has no nps answers');
  });

  it('matches on 20,000 tickets from the sample generator', async () => {
    const csvPath = join(folder, 'sample.csv');
    execFileSync(process.execPath, [join(REPO_ROOT, 'samples/after-sales/generate.mjs'), '--rows', '20000', '--seed', '7', '--out', csvPath], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await check(csvPath);
  });
});
