import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLoader, type ColumnSchema, type LoadResult } from '../../grammar/eval/data/index';
import { readCsvPart } from '../../server/host/csv-part';
import { loadCsvInTwo, MAIN_SHARE, PartReader, type PartWorker } from '../../server/host/parallel-csv';
import type { PartRequest } from '../../server/host/part-channel';
import { seededRandom } from '../support/seeded-random';
import { makeTemp, removeTemp, REPO, runKpi } from './run-kpi';

/**
 * Reading a large CSV file on two threads (server/host/parallel-csv.ts) must
 * give exactly the one-thread result: the same rows, dictionaries, counts and
 * problems on the same lines, whether the worker's half is used or the split
 * falls inside a quoted field and the main thread reads on alone.
 */

const schema: ColumnSchema[] = [
  { name: 'id', type: 'text', optional: false, key: true },
  { name: 'region', type: 'text', optional: true, key: false },
  { name: 'score', type: 'int', optional: true, key: false, range: { min: 0, max: 10 } },
  { name: 'amount', type: 'number', optional: true, key: false },
  { name: 'ok', type: 'bool', optional: true, key: false },
];
const stored = new Set(['region', 'score', 'amount', 'ok']);

/** About `bytes` of CSV: plain rows, quoted and multi-line fields, and a bad row now and then. */
function generateCsv(bytes: number, seed: number): string {
  const random = seededRandom(seed);
  const regions = ['North', 'South', '"East, Coast"', '"""Greater"" London"', '"two\nlines"', 'Île', ''];
  const parts = ['id,region,score,amount,ok\n'];
  let size = parts[0].length;
  for (let row = 1; size < bytes; row++) {
    const score = random() < 0.01 ? 'eleven' : random() < 0.3 ? '' : String(Math.floor(random() * 11));
    const line = `T${row},${regions[Math.floor(random() * regions.length)]},${score},${(random() * 100).toFixed(2)},` +
      `${random() < 0.5 ? 'true' : 'false'}\n`;
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

function oneThread(text: string): LoadResult {
  const loader = createLoader('csv', schema, { columns: stored });
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length; at += 1 << 20) loader.push(bytes.subarray(at, at + (1 << 20)));
  return loader.finish();
}

/** Everything a load gives, typed arrays as plain arrays (NaN compares equal in deepEqual). */
function summary(result: LoadResult): unknown {
  return {
    ...result,
    table: {
      rowCount: result.table.rowCount,
      columns: [...result.table.columns].map(([name, column]) => [
        name, column.kind, Array.from(column.kind === 'text' ? column.codes : column.values),
        column.kind === 'text' ? column.dictionary : null,
      ]),
    },
  };
}

describe('reading a large CSV file on two threads', () => {
  let temp: string;
  before(() => {
    temp = makeTemp();
  });
  after(() => removeTemp(temp));

  /** Loads `text` with a worker that is ready from the start (a real one, unless `worker` is given). */
  function twoThreads(text: string, worker?: PartWorker): { result: LoadResult; threads: number } {
    const file = path.join(temp, 'tickets.csv');
    fs.writeFileSync(file, text);
    const size = fs.statSync(file).size;
    let reader = worker;
    if (reader === undefined) {
      const started = PartReader.start();
      assert.ok(started?.waitUntilReady(30_000), 'the worker starts');
      reader = started;
    }
    return loadCsvInTwo(file, size, createLoader('csv', schema, { columns: stored, sizeHint: size }), { schema, columns: stored }, reader);
  }

  /**
   * A worker in this thread, ready after `readyAfter` questions, that reads
   * its part as csv-part-worker.ts does; it records what it was asked.
   */
  function standIn(readyAfter: number): PartWorker & { asked: number; request?: PartRequest; closed: boolean } {
    let answer: LoadResult | undefined;
    const worker = {
      asked: 0,
      request: undefined as PartRequest | undefined,
      closed: false,
      ready: () => ++worker.asked > readyAfter,
      read(request: PartRequest) {
        worker.request = request;
        answer = readCsvPart(request);
      },
      result: () => answer,
      close() {
        worker.closed = true;
      },
    };
    return worker;
  }

  it('uses the worker\'s half and gives the one-thread table, problems and counts', () => {
    const text = generateCsv(5_000_000, 7);
    const { result, threads } = twoThreads(text);
    assert.equal(threads, 2);
    const single = oneThread(text);
    assert.ok(single.rowsRejected > 100 && single.problems.length === 20, 'the file has problems to compare');
    assert.deepEqual(summary(result), summary(single));
  });

  it('moves the worker\'s problem lines past the main thread\'s, line breaks in quoted fields included', () => {
    // Problems only in the second half, so the ones listed are the worker's.
    const clean = generateCsv(5_000_000, 11).replace(/,eleven,/g, ',,');
    const lines = clean.split('\n');
    const late = Math.floor(lines.length * 0.8);
    lines[late] = lines[late].replace(/^(T\d+,[^,\n]*),[^,]*,/, '$1,99,');
    const text = lines.join('\n');
    const { result, threads } = twoThreads(text);
    assert.equal(threads, 2);
    assert.deepEqual(summary(result), summary(oneThread(text)));
    assert.equal(result.problems.length, 1);
    const physicalLine = text.slice(0, text.indexOf(lines[late])).split('\n').length;
    assert.equal(result.problems[0].line, physicalLine);
  });

  it('reads on alone when the middle falls inside a quoted field, with the same result', () => {
    // The worker is ready at once: the split is near the middle of what follows the first MiB, inside the long field.
    const head = generateCsv(2_500_000, 3);
    const longField = `"${'a line of a long note\n'.repeat(120_000)}"`;
    const text = `${head}X1,${longField},1,2,true\n${generateCsv(200_000, 4).split('\n').slice(1).join('\n')}`;
    const worker = standIn(0);
    const { result, threads } = twoThreads(text, worker);
    assert.equal(threads, 1);
    const fieldStart = Buffer.byteLength(head);
    assert.ok(worker.request !== undefined && worker.request.start > fieldStart &&
      worker.request.start < fieldStart + Buffer.byteLength(longField), 'the split fell inside the long field');
    assert.ok(worker.closed);
    assert.deepEqual(summary(result), summary(oneThread(text)));
  });

  it('splits what is left once the worker is ready, and reads alone when it never is', () => {
    const text = generateCsv(8_000_000, 13);
    const single = summary(oneThread(text));
    const size = Buffer.byteLength(text);
    const early = standIn(0);
    assert.deepEqual(summary(twoThreads(text, early).result), single);
    const late = standIn(3);
    const { result, threads } = twoThreads(text, late);
    assert.equal(threads, 2);
    assert.deepEqual(summary(result), single);
    // Ready at the fourth question: the main thread had read four chunks of 1 MiB, and splits the rest.
    const expectedSplit = 4 * 2 ** 20 + (size - 4 * 2 ** 20) * MAIN_SHARE;
    assert.ok(early.request!.start < late.request!.start, 'a late worker gets a later, smaller part');
    assert.ok(Math.abs(late.request!.start - expectedSplit) < 200, `${late.request!.start} near ${expectedSplit}`);
    const never = standIn(Infinity);
    const alone = twoThreads(text, never);
    assert.equal(alone.threads, 1);
    assert.equal(never.request, undefined);
    assert.ok(never.closed, 'the unused worker is ended');
    assert.deepEqual(summary(alone.result), single);
  });

  it('gives the same `kpi eval` output on a 17 MB export as KPI_EVAL_THREADS=1', function () {
    this.timeout(120_000);
    const csv = path.join(temp, 'export.csv');
    const generated = spawnSync(process.execPath, [path.join(REPO, 'samples', 'after-sales', 'generate.mjs'),
      '--rows', '240000', '--seed', '5', '--out', csv], { encoding: 'utf8' });
    assert.equal(generated.status, 0, generated.stderr);
    assert.ok(fs.statSync(csv).size >= 16 * 1024 * 1024, 'the export is above the two-thread size');
    const args = ['eval', 'samples/after-sales/after-sales.kpi', '--data', `tickets=${csv}`, '--format', 'json'];
    const two = runKpi(args, { cwd: REPO, env: { KPI_DEBUG: '1' } });
    const one = runKpi(args, { cwd: REPO, env: { KPI_EVAL_THREADS: '1' } });
    assert.equal(two.status, 0, two.stderr);
    assert.ok(two.stderrLines.includes(`kpi: read ${csv} on two threads`), two.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.equal(JSON.parse(two.stdout).measures.length > 5, true);
  });
});
