import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { displayPathFor, isInside, resolveDataPath, resolveOverridePath } from '../../server/host/data-path';
import { findWorkspaceRoot } from '../../server/host/workspace-root';
import { NodeSourceHost } from '../../server/host/node-source-host';
import { loadDataset, formatOfPath } from '../../server/host/load-data';
import type { DatasetBinding } from '../../grammar/program';
import { RecordLimit } from '../../server/host/row-limit';
import { makeTemp, removeTemp } from './run-kpi';

/** Writes `files` (path -> text) under `root`, creating folders. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

describe('RecordLimit', () => {
  /** Feeds `text` one byte at a time; returns the kept text. */
  function keep(format: 'csv' | 'json' | 'jsonl', text: string, maxRows: number): string {
    const limit = new RecordLimit(format, maxRows);
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i++) {
      const cut = limit.cutIn(bytes.subarray(i, i + 1));
      if (cut !== undefined) return bytes.subarray(0, i + cut).toString('utf8') + Buffer.from(limit.closing).toString('utf8');
    }
    return text;
  }

  it('keeps the header and whole CSV records, quotes spanning chunks', () => {
    assert.equal(keep('csv', 'h\r\n"a\r\nb",1\r\n\r\nc\r\nd\r\n', 2), 'h\r\n"a\r\nb",1\r\n\r\nc\r\n');
  });

  it('keeps whole JSON lines and JSON array elements', () => {
    assert.equal(keep('jsonl', '{"a":1}\n\n{"a":2}\n{"a":3}\n', 2), '{"a":1}\n\n{"a":2}\n');
    assert.equal(keep('json', '[{"a":"x,\\"y"},{"b":[1,2]},{"c":3}]', 2), '[{"a":"x,\\"y"},{"b":[1,2]}]');
  });

  it('keeps everything when the file is shorter than the limit', () => {
    assert.equal(keep('csv', 'h\na\n', 5), 'h\na\n');
  });
});

describe('the node host', () => {
  let temp: string;
  beforeEach(() => {
    temp = fs.realpathSync(makeTemp());
  });
  afterEach(() => removeTemp(temp));

  describe('workspace root', () => {
    it('is the nearest ancestor with .git, a folder or a file', () => {
      writeTree(temp, { 'repo/.git/HEAD': '', 'repo/sub/wt/.git': 'gitdir: elsewhere', 'repo/sub/wt/a/b.kpi': '', 'repo/c/d.kpi': '' });
      assert.equal(findWorkspaceRoot(path.join(temp, 'repo/c/d.kpi')), path.join(temp, 'repo'));
      assert.equal(findWorkspaceRoot(path.join(temp, 'repo/sub/wt/a/b.kpi')), path.join(temp, 'repo/sub/wt'));
    });

    it('is the entry file folder without .git, and --root when given', () => {
      writeTree(temp, { 'plain/x/y.kpi': '' });
      // Expected: the folder itself, unless some ancestor of the temp area has a .git (then that one).
      let expected = path.join(temp, 'plain/x');
      for (let folder = temp; path.dirname(folder) !== folder; folder = path.dirname(folder)) {
        if (fs.existsSync(path.join(folder, '.git'))) {
          expected = folder;
          break;
        }
      }
      assert.equal(findWorkspaceRoot(path.join(temp, 'plain/x/y.kpi')), expected);
      assert.equal(findWorkspaceRoot(path.join(temp, 'plain/x/y.kpi'), path.join(temp, 'plain')), path.join(temp, 'plain'));
    });
  });

  describe('data paths written in a .kpi file', () => {
    it('resolve against the .kpi file folder', () => {
      writeTree(temp, { 'ws/cards/data/t.csv': 'a\n' });
      const result = resolveDataPath(path.join(temp, 'ws/cards/s.kpi'), 'data/t.csv', path.join(temp, 'ws'));
      assert.deepEqual(result, { kind: 'ok', path: path.join(temp, 'ws/cards/data/t.csv') });
    });

    it('may not climb out of the root with .. or an absolute path, even to an existing file', () => {
      writeTree(temp, { 'outside.csv': 'a\n', 'ws/s.kpi': '' });
      const kpi = path.join(temp, 'ws/s.kpi');
      assert.equal(resolveDataPath(kpi, '../outside.csv', path.join(temp, 'ws')).kind, 'outside');
      assert.equal(resolveDataPath(kpi, path.join(temp, 'outside.csv'), path.join(temp, 'ws')).kind, 'outside');
      assert.equal(resolveDataPath(kpi, 'sub/../../outside.csv', path.join(temp, 'ws')).kind, 'outside');
    });

    it('may not escape through a symlinked file or folder, even to a file that does not exist yet', () => {
      writeTree(temp, { 'secret/t.csv': 'a\n', 'ws/s.kpi': '' });
      fs.symlinkSync(path.join(temp, 'secret'), path.join(temp, 'ws/data'), 'dir');
      fs.symlinkSync(path.join(temp, 'secret/t.csv'), path.join(temp, 'ws/t.csv'));
      const kpi = path.join(temp, 'ws/s.kpi');
      const root = path.join(temp, 'ws');
      for (const source of ['data/t.csv', 't.csv', 'data/not-yet.csv']) {
        const result = resolveDataPath(kpi, source, root);
        assert.equal(result.kind, 'outside', source);
        assert.match((result as { message: string }).message, /symbolic link/);
      }
    });

    it('may follow a symlink that stays inside, and a root that is itself a symlink', () => {
      writeTree(temp, { 'real/ws/exports/t.csv': 'a\n', 'real/ws/s.kpi': '' });
      fs.symlinkSync(path.join(temp, 'real/ws/exports'), path.join(temp, 'real/ws/data'), 'dir');
      fs.symlinkSync(path.join(temp, 'real/ws'), path.join(temp, 'linked'), 'dir');
      const result = resolveDataPath(path.join(temp, 'linked/s.kpi'), 'data/t.csv', path.join(temp, 'linked'));
      assert.deepEqual(result, { kind: 'ok', path: path.join(temp, 'linked/data/t.csv') });
    });

    it('report a missing file inside the root as missing', () => {
      writeTree(temp, { 'ws/s.kpi': '' });
      assert.equal(resolveDataPath(path.join(temp, 'ws/s.kpi'), 'data/t.csv', path.join(temp, 'ws')).kind, 'missing');
    });
  });

  it('resolves --data overrides against the current folder, anywhere', () => {
    writeTree(temp, { 'exports/t.csv': 'a\n' });
    assert.deepEqual(resolveOverridePath('exports/t.csv', temp), { kind: 'ok', path: path.join(temp, 'exports/t.csv') });
    assert.equal(resolveOverridePath('exports/none.csv', temp).kind, 'missing');
  });

  it('shows paths inside the root relative to it with /, others as written', () => {
    assert.equal(displayPathFor(path.join(temp, 'ws', 'data', 't.csv'), path.join(temp, 'ws'), 'x'), 'data/t.csv');
    assert.equal(displayPathFor(path.join(temp, 'elsewhere.csv'), path.join(temp, 'ws'), '../elsewhere.csv'), '../elsewhere.csv');
    assert.ok(!isInside(path.join(temp, 'ws'), path.join(temp, 'ws2')));
    assert.ok(isInside(path.join(temp, 'ws'), path.join(temp, 'ws', '..data')));
  });

  it('reads .kpi files by absolute identity, without a BOM, and says why one cannot be read', () => {
    writeTree(temp, { 'a/main.kpi': '\ufeffimport "../b/lib.kpi"\n' });
    const host = new NodeSourceHost();
    const main = path.join(temp, 'a/main.kpi');
    assert.equal(host.readKpi(main), 'import "../b/lib.kpi"\n');
    assert.equal(host.resolveImport(main, '../b/lib.kpi'), path.join(temp, 'b/lib.kpi'));
    assert.equal(host.resolveImport(main, './sub/../c.kpi'), path.join(temp, 'a/c.kpi'));
    assert.equal(host.readKpi(path.join(temp, 'b/lib.kpi')), undefined);
    assert.equal(host.failureOf(path.join(temp, 'b/lib.kpi')), 'no such file');
  });

  describe('loading a dataset', () => {
    const binding = (file: string, source: string): DatasetBinding => ({
      name: 'tickets',
      file,
      decl: { kind: 'dataset', columns: [], span: { start: 0, end: 0 } },
      source,
      format: formatOfPath(source),
      schema: [
        { name: 'id', type: 'text', optional: false, key: true },
        { name: 'score', type: 'int', optional: true, key: false, range: { min: 1, max: 5 } },
      ],
      usedColumns: new Set(['score']),
    });

    it('streams the file into the loader and shows its path relative to the root', () => {
      writeTree(temp, { 'ws/data/t.csv': 'id,score\r\na,5\r\nb,9\r\nc,\r\n', 'ws/s.kpi': '' });
      const data = loadDataset(binding(path.join(temp, 'ws/s.kpi'), 'data/t.csv'), { mode: 'eval', root: path.join(temp, 'ws') });
      assert.equal(data.status, 'loaded');
      if (data.status !== 'loaded') return;
      assert.equal(data.displayPath, 'data/t.csv');
      assert.deepEqual([data.result.rowsRead, data.result.rowsRejected, data.result.table.rowCount], [3, 1, 2]);
    });

    it('checks keys in check mode', () => {
      writeTree(temp, { 'ws/t.csv': 'id,score\na,1\na,2\n', 'ws/s.kpi': '' });
      const load = (mode: 'eval' | 'check') => loadDataset(binding(path.join(temp, 'ws/s.kpi'), 't.csv'), { mode, root: path.join(temp, 'ws') });
      const [forEval, forCheck] = [load('eval'), load('check')];
      assert.ok(forEval.status === 'loaded' && forCheck.status === 'loaded');
      assert.equal(forEval.result.rowsRejected, 0);
      assert.equal(forCheck.result.rowsRejected, 1);
    });

    it('reads only the first rows with maxRows, cutting at a record boundary', () => {
      const csv = 'id,score\n"a\nstill a",1\nb,2\n\nc,3\nd,4\n';
      const jsonl = '{"id":"a","score":1}\n\n{"id":"b","score":2}\n{"id":"c","score":3}\n';
      const json = '[{"id":"a, [x]","score":1},\n {"id":"b\\"}","score":2},\n {"id":"c","score":3}]';
      writeTree(temp, { 'ws/t.csv': csv, 'ws/t.jsonl': jsonl, 'ws/t.json': json, 'ws/s.kpi': '' });
      for (const file of ['t.csv', 't.jsonl', 't.json']) {
        const data = loadDataset(binding(path.join(temp, 'ws/s.kpi'), file), { mode: 'check', root: path.join(temp, 'ws'), maxRows: 2 });
        assert.ok(data.status === 'loaded', file);
        assert.deepEqual([data.result.rowsRead, data.result.rowsRejected, data.result.fatal], [2, 0, undefined], file);
      }
    });

    it('streams files larger than one chunk, and cuts them across chunks', () => {
      const rows = 150_000; // about 1.7 MiB: more than one CHUNK_SIZE
      const lines = ['id,score'];
      for (let i = 0; i < rows; i++) lines.push(`"row ${i}, quoted",${(i % 5) + 1}`);
      writeTree(temp, { 'ws/big.csv': `${lines.join('\n')}\n`, 'ws/s.kpi': '' });
      const load = (maxRows?: number) =>
        loadDataset(binding(path.join(temp, 'ws/s.kpi'), 'big.csv'), { mode: 'eval', root: path.join(temp, 'ws'), maxRows });
      const all = load();
      const head = load(120_000);
      assert.ok(all.status === 'loaded' && head.status === 'loaded');
      assert.deepEqual([all.result.rowsRead, all.result.rowsRejected], [rows, 0]);
      assert.deepEqual([head.result.rowsRead, head.result.rowsRejected], [120_000, 0]);
    });

    it('turns file-system failures into statuses with short messages', () => {
      writeTree(temp, { 'ws/folder.csv/x': '', 'ws/s.kpi': '', 'ws/t.xlsx': '' });
      const root = path.join(temp, 'ws');
      const kpi = path.join(root, 's.kpi');
      const folder = loadDataset(binding(kpi, 'folder.csv'), { mode: 'eval', root });
      assert.deepEqual(folder, { status: 'unreadable', displayPath: 'folder.csv', message: 'it is a folder, not a file' });
      assert.equal(loadDataset(binding(kpi, 'none.csv'), { mode: 'eval', root }).status, 'missing');
      assert.equal(loadDataset(binding(kpi, '../up.csv'), { mode: 'eval', root }).status, 'outside');
      assert.equal(loadDataset(binding(kpi, 't.xlsx'), { mode: 'eval', root }).status, 'unsupported');
      const override = loadDataset(binding(kpi, 'none.csv'), { mode: 'eval', root, overrides: new Map([['tickets', 'gone.csv']]), cwd: temp });
      assert.deepEqual(override, { status: 'missing', displayPath: 'gone.csv', message: 'given with --data' });
    });
  });
});
