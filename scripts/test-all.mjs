#!/usr/bin/env node
// `npm test`: builds, runs every unit suite in one mocha process, then the
// end-to-end suite in a real VS Code, and ends with exactly one line
// `N passed, N failed` summed over all suites.
//
// Invariants:
// - Exit code 1 when any test failed or any suite could not run; a suite that
//   crashes, or reports nothing, counts as one failure, never as 0 tests.
// - Only compiled tests whose source file still exists run (tsc -b leaves the
//   outputs of deleted tests behind in out/).
// - KPI_SKIP_E2E=1 skips the end-to-end suite (local quick runs; CI never sets it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), 'kpi-test-'));
const suites = [];

function heading(title) {
  process.stdout.write(`\n== ${title}\n`);
}

/** Records a suite's counts; `note` explains a suite that could not run. */
function record(name, counts, note) {
  suites.push({ name, ...counts });
  if (note) process.stdout.write(`${name}: ${note}\n`);
}

function readCounts(file) {
  try {
    const counts = JSON.parse(readFileSync(file, 'utf8'));
    if (Number.isInteger(counts.passed) && Number.isInteger(counts.failed)) return counts;
  } catch {
    // missing or unreadable
  }
  return undefined;
}

/** Counts from a finished suite; a crash or a silent failure is one more failure. */
function countsOf(name, file, exitCode) {
  const counts = readCounts(file);
  if (!counts) {
    record(name, { passed: 0, failed: 1 }, `reported no results (exit code ${exitCode}); counted as 1 failed`);
    return;
  }
  if (exitCode !== 0 && counts.failed === 0) {
    record(name, { passed: counts.passed, failed: 1 }, `exited with code ${exitCode} although no test failed; counted as 1 failed`);
    return;
  }
  record(name, counts);
}

function quiet(command, args) {
  return spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function loud(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.error ? 1 : result.status ?? 1;
}

function build() {
  heading('build');
  const steps = [
    ['tsc -b', [require.resolve('typescript/bin/tsc'), '-b']],
    ['bundle', [join(root, 'scripts', 'bundle.mjs')]],
  ];
  for (const [label, args] of steps) {
    const result = quiet(process.execPath, args);
    if (result.error || result.status !== 0) {
      process.stdout.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      record('build', { passed: 0, failed: 1 }, `${label} failed`);
      return false;
    }
    process.stdout.write(`${label}: ok\n`);
  }
  return true;
}

/** out/test/**\/*.test.js outside out/test/e2e whose test/**\/*.test.ts source exists. */
function unitTestFiles() {
  const outTest = join(root, 'out', 'test');
  if (!existsSync(outTest)) return [];
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(outTest, path);
      if (entry.isDirectory()) {
        if (rel !== 'e2e') walk(path);
      } else if (entry.name.endsWith('.test.js') && existsSync(join(root, 'test', rel.replace(/\.js$/, '.ts')))) {
        found.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  walk(outTest);
  return found.sort();
}

function unit() {
  heading('unit tests');
  const files = unitTestFiles();
  if (files.length === 0) {
    record('unit', { passed: 0, failed: 1 }, 'no unit test files under out/test (did the build run?); counted as 1 failed');
    return;
  }
  const output = join(scratch, 'unit.json');
  const code = loud(process.execPath, [
    '--enable-source-maps',
    require.resolve('mocha/bin/mocha.js'),
    '--reporter', join(root, 'scripts', 'test', 'counting-reporter.cjs'),
    '--reporter-option', `output=${output}`,
    // Generous for loaded CI machines; a test that needs more says so itself.
    '--timeout', '20000',
    // A test that leaves a handle open must not hang the run.
    '--exit',
    ...files,
  ]);
  countsOf('unit', output, code);
}

function e2e() {
  heading('end-to-end tests (VS Code)');
  if (process.env.KPI_SKIP_E2E === '1') {
    process.stdout.write('e2e: skipped (KPI_SKIP_E2E=1)\n');
    return;
  }
  if (loud(process.execPath, [join(root, 'scripts', 'e2e', 'ensure-deps.mjs')]) !== 0) {
    record('e2e', { passed: 0, failed: 1 }, 'could not install what the end-to-end tests need; counted as 1 failed');
    return;
  }
  const output = join(scratch, 'e2e.json');
  const code = loud(process.execPath, ['--enable-source-maps', join(root, 'out', 'test', 'e2e', 'run.js')], { KPI_E2E_RESULTS: output });
  countsOf('e2e', output, code);
}

try {
  if (build()) {
    unit();
    e2e();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

heading('summary');
for (const suite of suites) process.stdout.write(`${suite.name}: ${suite.passed} passed, ${suite.failed} failed\n`);
const passed = suites.reduce((sum, s) => sum + s.passed, 0);
const failed = suites.reduce((sum, s) => sum + s.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
