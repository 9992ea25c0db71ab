/**
 * Measuring mode of the e2e harness for `npm run bench -- --activation`:
 * when $KPI_BENCH_ACTIVATION names a file, the suite index runs this instead
 * of the tests. It activates the extension itself, before any .kpi file is
 * opened, and writes how long `activate()` took to resolve (what VS Code
 * counts as the extension's activation; the server is still starting then)
 * and how long until the language server had answered `initialize` (the
 * API's `ready()`), both from the same start, as JSON:
 * `{ "activationMs": 21.4, "serverReadyMs": 412.9 }`. Not a test (no `.test.` in its name), so the
 * normal suite never loads it.
 */
import * as fs from 'node:fs';
import { extension } from './workspace';

export async function measureActivation(file: string): Promise<void> {
  const kpi = extension();
  if (kpi.isActive) throw new Error('the extension was already active: the measurement would be meaningless');
  const started = performance.now();
  const api = await kpi.activate();
  const activationMs = performance.now() - started;
  if (!(await api.ready())) throw new Error('the language server did not start');
  const serverReadyMs = performance.now() - started;
  fs.writeFileSync(file, JSON.stringify({ activationMs, serverReadyMs }));
  console.log(`kpi activation: ${activationMs.toFixed(1)} ms; server ready after ${serverReadyMs.toFixed(1)} ms`);
}
