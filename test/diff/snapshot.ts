/**
 * Snapshot files for `kpi diff` outputs, under test/diff/snapshots/ in the
 * source tree (not out/). A test compares its output byte for byte with the
 * file; `UPDATE_SNAPSHOTS=1 npx mocha ...` rewrites the files instead, to be
 * reviewed like any other change. A missing snapshot fails (it is never
 * written silently).
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromRoot } from '../support/paths';

const FOLDER = fromRoot('test', 'diff', 'snapshots');

export function matchSnapshot(name: string, actual: string): void {
  const file = path.join(FOLDER, name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.mkdirSync(FOLDER, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `no snapshot test/diff/snapshots/${name}: run the tests with UPDATE_SNAPSHOTS=1 to write it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `output differs from test/diff/snapshots/${name} (UPDATE_SNAPSHOTS=1 rewrites it)`);
}
