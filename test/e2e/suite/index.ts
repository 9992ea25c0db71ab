/**
 * The end-to-end suite's entry point, loaded by VS Code's extension host
 * (`extensionTestsPath`): runs every `*.test.js` beside it in one mocha run,
 * in file-name order (activation.test.js first: it checks the extension is not
 * active before a .kpi file is opened).
 *
 * Writes `{ passed, failed }` to the file named by $KPI_E2E_RESULTS; a suite
 * that cannot load counts as one failure, never as an empty success. Rejects
 * when anything failed, which makes VS Code exit with code 1.
 * KPI_E2E_GREP=<pattern> runs only the matching tests (for local runs).
 * KPI_BENCH_ACTIVATION=<file> runs no test: bench-activation.ts measures the
 * extension's activation into that file (for the benchmarks).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { measureActivation } from './bench-activation';

interface Counts {
  passed: number;
  failed: number;
}

function writeCounts(counts: Counts): void {
  const file = process.env.KPI_E2E_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(counts));
}

function runMocha(mocha: Mocha): Promise<Counts> {
  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 });
    });
  });
}

export async function run(): Promise<void> {
  // `npm run bench -- --activation` (bench/run.mjs) measures activation and runs no test.
  const activationFile = process.env.KPI_BENCH_ACTIVATION;
  if (activationFile) return measureActivation(activationFile);
  // KPI_E2E_GREP narrows a local run to matching tests (CI never sets it).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.KPI_E2E_GREP });
  // Only compiled tests whose source still exists: tsc -b leaves outputs of deleted files behind.
  const sources = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'e2e', 'suite');
  const files = fs.readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js') && fs.existsSync(path.join(sources, name.replace(/\.js$/, '.ts'))))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  let counts: Counts;
  try {
    if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
    await mocha.loadFilesAsync();
    counts = await runMocha(mocha);
  } catch (error) {
    console.error(`e2e suite could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    counts = { passed: 0, failed: 1 };
  }
  writeCounts(counts);
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed`);
  if (counts.failed > 0) throw new Error(`${counts.failed} end-to-end test(s) failed`);
}
