/**
 * Runs the end-to-end suite in a real VS Code (1.100, as VS Code's own server
 * in headless Chromium; see scripts/e2e/code-server-launcher.js), with this
 * repository as the extension under development.
 *
 * The workspace is a throwaway copy of samples/ (or of $KPI_E2E_SAMPLES), so
 * tests may edit and save files freely. The suite writes its counts to the file
 * named by $KPI_E2E_RESULTS (a temp file when unset); the last line printed is
 * `N passed, N failed`. Exit code: 0 when every test passed, 1 otherwise.
 *
 * Needs `node scripts/e2e/ensure-deps.mjs` to have run (npm test does it).
 */
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

interface Counts {
  passed: number;
  failed: number;
}

function readCounts(file: string): Counts | undefined {
  try {
    const counts = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Counts>;
    if (typeof counts.passed === 'number' && typeof counts.failed === 'number') {
      return { passed: counts.passed, failed: counts.failed };
    }
  } catch {
    // missing or unreadable: the suite did not get to the end
  }
  return undefined;
}

async function main(): Promise<number> {
  const samples = path.resolve(process.env.KPI_E2E_SAMPLES ?? path.join(root, 'samples'));
  if (!fs.existsSync(samples)) {
    process.stderr.write(`e2e: no sample workspace at ${samples}\n`);
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-e2e-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(samples, workspace, { recursive: true });
  const resultsFile = process.env.KPI_E2E_RESULTS ?? path.join(scratch, 'results.json');
  fs.rmSync(resultsFile, { force: true });

  let exitCode = 0;
  try {
    await runTests({
      vscodeExecutablePath: path.join(root, 'scripts', 'e2e', 'code-server-launcher.js'),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace],
      extensionTestsEnv: { KPI_E2E_RESULTS: resultsFile },
    });
  } catch (error) {
    process.stderr.write(`e2e: ${error instanceof Error ? error.message : String(error)}\n`);
    exitCode = 1;
  }
  const counts = readCounts(resultsFile);
  if (!process.env.KPI_E2E_RESULTS) fs.rmSync(resultsFile, { force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
  if (!counts) {
    process.stdout.write('e2e: the suite reported no results (it crashed or never started)\n0 passed, 1 failed\n');
    return 1;
  }
  process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
  return exitCode !== 0 || counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`e2e: ${error instanceof Error ? error.message : String(error)}\n0 passed, 1 failed\n`);
    process.exit(1);
  },
);
