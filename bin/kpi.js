#!/usr/bin/env node
// The `kpi` command: a thin launcher for the bundled CLI (built by `npm run build`,
// which `npm ci` runs through `prepare`).
'use strict';
try {
  require('../dist/kpi.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/kpi.js')) {
    process.stderr.write('kpi: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n');
    process.exit(70);
  }
  throw error;
}
