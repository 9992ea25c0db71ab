/**
 * Expected outputs kept as files beside the fixtures (hover Markdown,
 * formatted texts). `KPI_UPDATE_SNAPSHOTS=1 npx mocha ...` rewrites them from
 * the actual output; review the diff before committing.
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from './fixture-workspace';

export function expectSnapshot(relative: string, actual: string): void {
  const file = path.join(FIXTURES, ...relative.split('/'));
  if (process.env.KPI_UPDATE_SNAPSHOTS === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `no snapshot ${relative}: run with KPI_UPDATE_SNAPSHOTS=1 to create it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from ${relative}`);
}
