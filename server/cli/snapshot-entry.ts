/**
 * The entry of kpi's startup snapshot, dist/kpi.blob: scripts/bundle.mjs
 * bundles it to dist/kpi-snapshot.js and runs it once under
 * `node --build-snapshot`; bin/kpi then starts node from the blob
 * (`node --snapshot-blob dist/kpi.blob ARGS`) instead of loading dist/kpi.js.
 *
 * Node saves the whole heap the entry leaves behind. The blob thus holds the
 * CLI with its modules already initialised, Chevrotain's lexer and parser
 * already built (their grammar analysis is a tenth of a 100,000-row
 * `kpi eval`), and the bytecode of every function a sample run used: the
 * entry runs `kpi eval` (JSON and table) and `kpi check` on the after-sales
 * sample (KPI_SNAPSHOT_WARM_UP names it), into streams that drop the output.
 * A start then skips loading, compiling and initialising the bundle.
 * bench/README.md has the numbers.
 *
 * What the heap holds must not depend on the run it was built in: commands
 * read the folder, environment, arguments and streams when they run (CliIo),
 * never at module load, and the only state a warm-up leaves is what any run
 * leaves (the lexer, the parser, scratch buffers). Files beside the bundle are
 * found from the blob's folder (host/code-folder.ts), not from the
 * `__dirname` the snapshot was built with.
 *
 * Run directly (not under --build-snapshot), the entry is simply the CLI.
 */

import * as path from 'node:path';
import * as v8 from 'node:v8';
import { main } from './cli';
import { codeRestoredFrom } from '../host/code-folder';
import { runKpiProcess } from './run-process';
import type { CliIo, OutputStream } from './io';

if (v8.startupSnapshot.isBuildingSnapshot()) {
  const sample = process.env.KPI_SNAPSHOT_WARM_UP;
  if (sample) void warmUp(sample);
  v8.startupSnapshot.setDeserializeMainFunction(startFromSnapshot);
} else {
  runKpiProcess(process.argv.slice(2));
}

/** The snapshot's main: node restored the heap; `kpi` runs with this process's arguments. */
function startFromSnapshot(): void {
  const blob = snapshotBlob(process.execArgv);
  if (blob !== undefined) codeRestoredFrom(path.dirname(path.resolve(blob)));
  if (process.env.KPI_DEBUG) process.stderr.write(`kpi: started from the startup snapshot ${blob ?? '(unknown)'}\n`);
  // Restored from a snapshot, node passes the user's arguments from argv[1] on.
  runKpiProcess(process.argv.slice(1));
}

/** The value of node's `--snapshot-blob` option. */
function snapshotBlob(execArgv: readonly string[]): string | undefined {
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (arg === '--snapshot-blob') return execArgv[i + 1];
    if (arg.startsWith('--snapshot-blob=')) return arg.slice('--snapshot-blob='.length);
  }
  return undefined;
}

/** Runs the commands a start most likely needs on `sample`, so their bytecode is in the snapshot. */
async function warmUp(sample: string): Promise<void> {
  const dropped: OutputStream = { write: () => true, isTTY: false };
  const io: CliIo = { cwd: path.dirname(sample), env: {}, stdout: dropped, stderr: dropped };
  for (const argv of [['eval', sample, '--format', 'json'], ['eval', sample], ['check', sample]]) {
    const code = await main(argv, io);
    if (code !== 0) throw new Error(`the warm-up run \`kpi ${argv.join(' ')}\` ended with exit code ${code}`);
  }
}
