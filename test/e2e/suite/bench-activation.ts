/**
 * Measuring mode of the e2e harness for `npm run bench -- --activation`:
 * when $KPI_BENCH_ACTIVATION names a file, the suite index runs this instead
 * of the tests. It activates the extension itself, before any .kpi file is
 * opened, and writes how long `activate()` took to resolve (the client
 * started and the language server initialised), as JSON:
 * `{ "activationMs": 212.4 }`. Not a test (no `.test.` in its name), so the
 * normal suite never loads it.
 */
import * as fs from 'node:fs';
import { extension } from './workspace';

export async function measureActivation(file: string): Promise<void> {
  const kpi = extension();
  if (kpi.isActive) throw new Error('the extension was already active: the measurement would be meaningless');
  const started = performance.now();
  await kpi.activate();
  const activationMs = performance.now() - started;
  fs.writeFileSync(file, JSON.stringify({ activationMs }));
  console.log(`kpi activation: ${activationMs.toFixed(1)} ms`);
}
