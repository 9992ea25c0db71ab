/**
 * Run as a child process with `--expose-gc` by robustness.test.ts: drives an
 * in-process server through many edits of one document and prints, as one
 * JSON line on stdout, the heap used after a full GC at each checkpoint.
 * Edits alternate insert / delete of the same text, so the document (and
 * what the server should hold) stays the same size.
 *
 * Usage: node --expose-gc memory-probe.js <edits> <checkpoint every>
 */

import { FixtureWorkspace } from './fixture-workspace';
import { startInProcess } from './test-client';

async function main(): Promise<void> {
  const edits = Number(process.argv[2] ?? 1000);
  const every = Number(process.argv[3] ?? 100);
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  const workspace = FixtureWorkspace.copy('basic');
  const { client, stop } = startInProcess({ debounceMs: 1 });
  try {
    await client.initialize(workspace.rootUri);
    const uri = workspace.uri('scorecard.kpi');
    await client.open(uri, workspace.marks('scorecard.kpi').text);
    await client.diagnostics(uri);
    const at = client.text(uri).indexOf('target <= 30') + 'target <= '.length;
    const heap: number[] = [];
    for (let i = 1; i <= edits; i++) {
      if (i % 2 === 1) await client.edit(uri, at, at, '1');
      else await client.edit(uri, at, at + 1, '');
      if (i % 10 === 0) await client.diagnostics(uri);
      if (i % every === 0) {
        await client.inlayHints(uri);
        // What the test client records is not the server's memory.
        client.resultsChanged.length = 0;
        client.publishCount.clear();
        collect();
        collect();
        heap.push(process.memoryUsage().heapUsed);
      }
    }
    process.stdout.write(`${JSON.stringify({ heap })}\n`);
  } finally {
    await stop();
    workspace.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory probe failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
