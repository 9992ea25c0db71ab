// Bundles the shipped entry points with esbuild (run by `npm run build` after `tsc -b`):
// - dist/report-app.js the report's browser app with chart.js, one IIFE; built first,
//                      because dist/kpi.js carries its text (see server/report/app-script.ts)
// - dist/kpi.js        the `kpi` CLI, which also serves `kpi lsp --stdio`
// - dist/extension.js  the VS Code extension (client), `vscode` left external
// - dist/kpi.js.cache  V8's code cache for dist/kpi.js, made by one sample run;
//                      bin/kpi.js uses it while it matches the bundle
// - dist/kpi.blob      node's startup snapshot of the CLI (built from dist/kpi-snapshot.js,
//                      server/cli/snapshot-entry.ts), with dist/kpi.blob.node naming the
//                      node it was built by; bin/kpi starts from it when that node runs it
// One file each, so the extension package needs no node_modules and the CLI
// starts without resolving hundreds of modules.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Half the bytes for node to read and compile at every start (bench/README.md). Not `keepNames`:
  // it wraps every closure at creation, and Chevrotain creates closures on every rule call (the
  // language server's parse got a third slower); nothing here depends on minified names.
  minify: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** commander's `require('node:child_process')` made lazy (scripts/lazy-child-process.cjs explains why). */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(plugin) {
    const commander = join('node_modules', 'commander', 'lib');
    plugin.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(commander) ? { path: join(root, 'scripts', 'lazy-child-process.cjs') } : undefined);
  },
};

const reportApp = { in: 'server/report/app/main.ts', out: 'dist/report-app.js' };
/** The scorecard the code cache and the startup snapshot are made by running. */
const sample = join(root, 'samples', 'after-sales', 'after-sales.kpi');

/** The report app for the browser (and VS Code webviews): minified, inlined into every report. */
async function buildReportApp() {
  await build({
    entryPoints: [reportApp.in],
    outfile: reportApp.out,
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify: true,
    // chart.js's MIT notice stays with its code.
    legalComments: 'inline',
    logLevel: 'warning',
  });
  const text = readFileSync(join(root, reportApp.out), 'utf8');
  // The text goes inside a <script> element: it must not end or confuse it.
  const unsafe = /<\/script|<!--|<script/i.exec(text);
  if (unsafe) throw new Error(`${reportApp.out} contains "${unsafe[0]}" and cannot be inlined in a report`);
  return text;
}

const entries = [
  { in: 'server/cli/main.ts', out: 'dist/kpi.js', external: [], embedsReportApp: true },
  // The same CLI as the entry of the startup snapshot (writeStartupSnapshot below).
  { in: 'server/cli/snapshot-entry.ts', out: 'dist/kpi-snapshot.js', external: [], embedsReportApp: true },
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  // The worker thread that reads the second half of a large CSV file (server/host/parallel-csv.ts).
  { in: 'server/host/csv-part-worker.ts', out: 'dist/csv-part-worker.js', external: [] },
];

const reportAppText = existsSync(join(root, reportApp.in)) ? await buildReportApp() : undefined;

for (const entry of entries) {
  if (!existsSync(join(root, entry.in))) continue;
  // KPI_BUNDLED: shipped code skips checks only tests need (grammar/syntax/build-mode.ts).
  const define = entry.embedsReportApp && reportAppText !== undefined
    ? { KPI_BUNDLED: 'true', KPI_REPORT_APP_SCRIPT: JSON.stringify(reportAppText) }
    : { KPI_BUNDLED: 'true' };
  await build({ ...common, entryPoints: [entry.in], outfile: entry.out, external: entry.external, define, plugins: [lazyChildProcessForCommander] });
}

/** The code cache of the CLI bundle: compiled during `kpi eval` of the after-sales sample. */
function writeCodeCache() {
  const cache = join(root, 'dist', 'kpi.js.cache');
  rmSync(cache, { force: true });
  if (!existsSync(join(root, 'dist', 'kpi.js')) || !existsSync(sample)) return;
  const run = spawnSync(process.execPath, [join(root, 'bin', 'kpi.js'), 'eval', sample, '--format', 'json'], {
    cwd: root,
    env: { ...process.env, KPI_CODE_CACHE_OUT: cache },
    stdio: 'ignore',
  });
  if (!existsSync(cache)) console.warn(`bundle: no code cache for dist/kpi.js (sample run: exit code ${run.status}); kpi starts a little slower`);
}

/**
 * dist/kpi.blob: node's startup snapshot of dist/kpi-snapshot.js, warmed up on the after-sales
 * sample, then checked to print the same results as dist/kpi.js before it replaces anything.
 * dist/kpi.blob.node holds the path of the node that built it: a blob only loads in the node
 * (version, V8 flags, CPU features) that made it, and bin/kpi uses it only with that node.
 * Built without NODE_OPTIONS, since bin/kpi leaves the snapshot alone when NODE_OPTIONS is set.
 */
function writeStartupSnapshot() {
  const blob = join(root, 'dist', 'kpi.blob');
  const builtBy = `${blob}.node`;
  const draft = `${blob}.draft`;
  for (const file of [blob, builtBy, draft]) rmSync(file, { force: true });
  const entry = join(root, 'dist', 'kpi-snapshot.js');
  if (!existsSync(entry) || !existsSync(sample)) return;
  const env = { ...process.env, KPI_SNAPSHOT_WARM_UP: sample };
  delete env.NODE_OPTIONS;
  const fail = (why) => {
    rmSync(draft, { force: true });
    console.warn(`bundle: no startup snapshot (${why}); kpi starts from dist/kpi.js instead, a little slower`);
  };
  const made = spawnSync(process.execPath, ['--snapshot-blob', draft, '--build-snapshot', entry], { cwd: root, env, encoding: 'utf8' });
  if (made.status !== 0 || !existsSync(draft)) return fail(`node --build-snapshot: exit code ${made.status}: ${lastLine(made.stderr)}`);
  const args = ['eval', sample, '--format', 'json'];
  delete env.KPI_SNAPSHOT_WARM_UP;
  const fromBlob = spawnSync(process.execPath, ['--snapshot-blob', draft, '--', ...args], { cwd: root, env, encoding: 'utf8' });
  const fromBundle = spawnSync(process.execPath, [join(root, 'bin', 'kpi.js'), ...args], { cwd: root, env, encoding: 'utf8' });
  if (fromBlob.status !== fromBundle.status || fromBlob.stdout !== fromBundle.stdout || fromBlob.stdout === '') {
    return fail(`its sample run differs from dist/kpi.js: exit code ${fromBlob.status}: ${lastLine(fromBlob.stderr)}`);
  }
  renameSync(draft, blob);
  writeFileSync(builtBy, `${process.execPath}\n`);
}

function lastLine(text) {
  return (text ?? '').trim().split('\n').pop() ?? '';
}

writeCodeCache();
writeStartupSnapshot();
