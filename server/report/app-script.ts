/**
 * The text of the report's browser app: server/report/app bundled with
 * chart.js into one IIFE by scripts/bundle.mjs (dist/report-app.js), before
 * the CLI bundle is built.
 *
 * In dist/kpi.js the text is part of the bundle: esbuild's `define` replaces
 * KPI_REPORT_APP_SCRIPT with it, so `kpi report` and the language server need
 * no file beside the bundle. Run from tsc's output (the unit tests) the
 * constant is not defined and the text is read once from dist/report-app.js.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

declare const KPI_REPORT_APP_SCRIPT: string | undefined;

let fromDist: string | undefined;

export function reportAppScript(): string {
  if (typeof KPI_REPORT_APP_SCRIPT === 'string') return KPI_REPORT_APP_SCRIPT;
  fromDist ??= readBuiltApp();
  return fromDist;
}

function readBuiltApp(): string {
  // tsc puts this module in out/server/report/.
  const file = path.resolve(__dirname, '..', '..', '..', 'dist', 'report-app.js');
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    throw new Error('the report app is not built (dist/report-app.js); run `npm run build`');
  }
}
