import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KPI_BIN, KPI_JS, makeTemp, removeTemp, REPO, runKpi } from './run-kpi';

/**
 * The `kpi` command (bin/kpi) starts node from the startup snapshot
 * dist/kpi.blob when that node can load it, and from bin/kpi.js otherwise;
 * either way kpi prints the same thing. KPI_DEBUG=1 makes each start say
 * which way it went: the snapshot's own main says "started from the startup
 * snapshot", the launcher says why it did not use it.
 */

const SAMPLE = 'samples/after-sales/after-sales.kpi';
const FROM_SNAPSHOT = /^kpi: started from the startup snapshot .*kpi\.blob$/m;
const WITHOUT = (why: string) => `kpi: started without the startup snapshot: ${why}`;
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * A copy of the installed command in a fresh folder: package.json (with
 * `version`), bin/ and the built dist/ files, reached through a relative
 * symlink from another folder, as npm links node_modules/.bin/kpi.
 */
function installCopy(root: string, version: string): { kpi: string; dist: string } {
  const pkg = path.join(root, 'node_modules', 'kpi-lang');
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ ...manifest, version }));
  fs.cpSync(path.join(REPO, 'bin'), path.join(pkg, 'bin'), { recursive: true });
  for (const file of ['kpi.js', 'kpi.js.cache', 'csv-part-worker.js', 'kpi.blob', 'kpi.blob.node']) {
    const from = path.join(REPO, 'dist', file);
    // cpSync keeps neither order of the times nor anything else the launcher compares: copy, then restore them.
    fs.copyFileSync(from, path.join(pkg, 'dist', file));
    const { atime, mtime } = fs.statSync(from);
    fs.utimesSync(path.join(pkg, 'dist', file), atime, mtime);
  }
  fs.mkdirSync(path.join(root, 'node_modules', '.bin'));
  const kpi = path.join(root, 'node_modules', '.bin', 'kpi');
  fs.symlinkSync(path.join('..', 'kpi-lang', 'bin', 'kpi'), kpi);
  return { kpi, dist: path.join(pkg, 'dist') };
}

describe('the kpi command and its startup snapshot', () => {
  before(function () {
    if (!fs.existsSync(path.join(REPO, 'dist', 'kpi.blob'))) {
      assert.fail('dist/kpi.blob was not built: `npm run build` makes it (its warning says why it could not)');
    }
  });

  it('starts from the snapshot, and --version and --help reach kpi, not node', () => {
    const version = runKpi(['--version'], { env: { KPI_DEBUG: '1' } });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout, `${VERSION}\n`);
    assert.match(version.stderr, FROM_SNAPSHOT);
    const help = runKpi(['--help']);
    assert.match(help.stdout, /^Usage: kpi /);
  });

  it('prints what bin/kpi.js prints: results, diagnostics, usage errors and exit codes', () => {
    const cases = [
      ['eval', SAMPLE, '--format', 'json'],
      ['eval', SAMPLE],
      ['check', 'test/cli/fixtures'],
      ['eval', 'no-such-file.kpi'],
      ['eval', SAMPLE, '--format', 'yaml'],
    ];
    for (const args of cases) {
      const fromSnapshot = runKpi(args);
      const fromBundle = runKpi(args, { command: [process.execPath, KPI_JS] });
      assert.deepEqual(
        { status: fromSnapshot.status, stdout: fromSnapshot.stdout, stderr: fromSnapshot.stderr },
        { status: fromBundle.status, stdout: fromBundle.stdout, stderr: fromBundle.stderr },
        `kpi ${args.join(' ')}`,
      );
    }
  });

  it('starts without it when NODE_OPTIONS or KPI_NO_SNAPSHOT is set, with the same results', () => {
    const args = ['eval', SAMPLE, '--format', 'json'];
    const plain = runKpi(args).stdout;
    for (const [env, why] of [
      [{ NODE_OPTIONS: '--max-old-space-size=512' }, 'NODE_OPTIONS is set'],
      [{ KPI_NO_SNAPSHOT: '1' }, 'KPI_NO_SNAPSHOT is set'],
    ] as const) {
      const run = runKpi(args, { env: { ...env, KPI_DEBUG: '1' } });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderrLines[0], WITHOUT(why));
      assert.doesNotMatch(run.stderr, FROM_SNAPSHOT);
      assert.equal(run.stdout, plain);
    }
  });

  it('serves `kpi lsp` from dist/kpi.js, so that signals reach node itself', async () => {
    const server = spawn(KPI_BIN, ['lsp', '--stdio'], { cwd: REPO, env: { ...process.env, KPI_DEBUG: '1', NODE_OPTIONS: '' } });
    let stderr = '';
    const said = new Promise<void>((resolve) => server.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('\n')) resolve();
    }));
    const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
    await said;
    server.kill();
    await exited;
    assert.equal(stderr.split('\n')[0], WITHOUT('kpi lsp runs from dist/kpi.js'));
  });

  describe('installed elsewhere', () => {
    let temp: string;
    beforeEach(() => (temp = makeTemp()));
    afterEach(() => removeTemp(temp));

    it('runs through npm\'s relative symlink and finds its files in its own folder, not where the snapshot was built', () => {
      const { kpi } = installCopy(temp, '9.8.7-copy');
      const run = runKpi(['--version'], { command: [kpi], cwd: temp, env: { KPI_DEBUG: '1' } });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '9.8.7-copy\n');
      assert.match(run.stderr, FROM_SNAPSHOT);
      // The launcher follows the link by hand: the path keeps its `..` steps.
      assert.ok(run.stderr.includes('/node_modules/.bin/../kpi-lang/bin/../dist/kpi.blob'), run.stderr);
    });

    it('starts without it when the snapshot is missing, stale or made by another node', () => {
      const cases: Array<[string, (dist: string) => void, string]> = [
        ['missing', (dist) => fs.rmSync(path.join(dist, 'kpi.blob')), 'no startup snapshot was built'],
        ['without the name of its node', (dist) => fs.rmSync(path.join(dist, 'kpi.blob.node')), 'no startup snapshot was built'],
        ['older than the bundle', (dist) => {
          const later = new Date(fs.statSync(path.join(dist, 'kpi.blob')).mtimeMs + 60_000);
          fs.utimesSync(path.join(dist, 'kpi.js'), later, later);
        }, 'dist/kpi.js is newer than the snapshot'],
        ['made by another node', (dist) => fs.writeFileSync(path.join(dist, 'kpi.blob.node'), '/opt/another/node\n'),
          'the snapshot was built by /opt/another/node'],
      ];
      for (const [label, spoil, why] of cases) {
        const root = path.join(temp, label.replace(/ /g, '-'));
        const { kpi, dist } = installCopy(root, '1.2.3-copy');
        spoil(dist);
        const run = runKpi(['--version'], { command: [kpi], cwd: root, env: { KPI_DEBUG: '1' } });
        assert.equal(run.status, 0, `${label}: ${run.stderr}`);
        assert.equal(run.stdout, '1.2.3-copy\n', label);
        assert.deepEqual(run.stderrLines, [WITHOUT(why)], label);
      }
    });

    it('runs the command again without it when node refuses the snapshot (exit code 14)', function () {
      this.timeout(60_000);
      const { kpi, dist } = installCopy(temp, '4.5.6-copy');
      // A blob built with another V8 heap flag: the same node, but one that refuses to load it.
      const blob = path.join(dist, 'kpi.blob');
      const built = spawnSync(process.execPath, ['--max-old-space-size=300', '--snapshot-blob', blob, '--build-snapshot',
        path.join(REPO, 'dist', 'kpi-snapshot.js')], { encoding: 'utf8' });
      assert.equal(built.status, 0, built.stderr);
      const args = ['eval', SAMPLE, '--format', 'json'];
      const run = runKpi(args, { command: [kpi] });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /^kpi: node refused the startup snapshot \(exit code 14\); running without it/m);
      assert.equal(run.stdout, runKpi(args).stdout);
    });
  });
});
