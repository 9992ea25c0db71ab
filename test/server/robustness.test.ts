/**
 * Robustness: thousands of seeded random edits through didChange (with
 * requests in between) never crash the server or leave a promise rejected,
 * and after the last edit the diagnostics equal a fresh analysis of the
 * final text. Memory stays flat over 1,000 edits (measured in a child
 * process with --expose-gc).
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../grammar/analyze';
import { checkData } from '../../grammar/scorecard';
import type { SourceHost } from '../../grammar/program';
import { loadProgramData } from '../../server/host/load-data';
import { NodeSourceHost } from '../../server/host/node-source-host';
import { randomEdit } from './helpers/random-edits';
import { seededRandom } from '../support/seeded-random';
import { startSession, type Session } from './helpers/session';

const FILE = 'scorecard.kpi';
const EDITS = 3000;

describe('server: robustness', function () {
  this.timeout(60_000);
  let session: Session | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  before(() => process.on('unhandledRejection', onRejection));
  after(() => process.off('unhandledRejection', onRejection));
  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  it(`survives ${EDITS} random edits and ends with the diagnostics of a fresh analysis`, async () => {
    const current = (session = await startSession('basic', { debounceMs: 1 }));
    const uri = await current.open(FILE);
    const client = current.client;
    const original = client.text(uri);
    const random = seededRandom(20250314);
    const started = Date.now();
    for (let i = 1; i <= EDITS; i++) {
      const text = client.text(uri);
      if (i % 500 === 0) {
        await client.replace(uri, original);
      } else {
        const edit = randomEdit(random, text);
        await client.edit(uri, edit.start, edit.end, edit.text);
      }
      if (i % 100 === 0) {
        // Let analyses run, and ask what an editor asks, at a random place.
        await client.diagnostics(uri);
        const offset = Math.floor(random() * (client.text(uri).length + 1));
        await Promise.all([
          client.hover(uri, offset),
          client.completion(uri, offset),
          client.signatureHelp(uri, offset),
          client.inlayHints(uri),
          client.codeLenses(uri),
          client.semanticTokens(uri),
          client.formatting(uri),
          client.documentSymbols(uri),
          client.foldingRanges(uri),
        ]);
      }
    }
    const published = await client.diagnostics(uri);
    const elapsed = Date.now() - started;

    const finalText = client.text(uri);
    const file = current.workspace.path(FILE);
    const disk = new NodeSourceHost();
    const host: SourceHost = {
      readKpi: (f) => (f === file ? finalText : disk.readKpi(f)),
      resolveImport: (from, written) => disk.resolveImport(from, written),
    };
    const program = analyze(file, host);
    const data = loadProgramData(program, { mode: 'check', root: current.workspace.root, maxRows: 200_000 });
    const fresh = [...program.diagnostics, ...checkData(program, data)].filter((d) => d.file === file);
    const document = TextDocument.create(uri, 'kpi', 1, finalText);
    const key = (code: unknown, message: string, start: number, end: number) => `${String(code)}|${start}|${end}|${message}`;
    const expected = [...new Set(fresh.map((d) => key(d.code, d.message, d.span.start, d.span.end)))].sort();
    const actual = published.map((d) => key(d.code, d.message, document.offsetAt(d.range.start), document.offsetAt(d.range.end))).sort();
    assert.deepEqual(actual, expected);

    assert.deepEqual(rejections, []);
    assert.deepEqual(client.logs.filter((line) => /failed|error/i.test(line)), []);
    assert.ok(elapsed < 30_000, `${EDITS} edits took ${elapsed} ms`);
  });

  it('keeps memory flat over 1,000 edits', function () {
    const probe = path.join(__dirname, 'helpers', 'memory-probe.js');
    const run = spawnSync(process.execPath, ['--expose-gc', probe, '1000', '100'], { encoding: 'utf8', timeout: 50_000 });
    assert.equal(run.status, 0, run.stderr);
    const { heap } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { heap: number[] };
    assert.equal(heap.length, 10);
    // After warm-up (the first checkpoints), growth over the remaining 800 edits stays small.
    const growth = heap[heap.length - 1] - heap[1];
    assert.ok(growth < 8 * 1024 * 1024, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MiB: ${heap.map((h) => (h / 1024 / 1024).toFixed(1)).join(', ')}`);
  });
});
