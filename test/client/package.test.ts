/**
 * `npm run package` builds a .vsix that ships the bundles and the declarative
 * files only (no node_modules, no sources, no tests), with the manifest fields
 * the Marketplace needs. The archive's entries are read from its zip central
 * directory, so the test needs no unzip tool.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/paths';

/** Names of the entries of a zip file, from its central directory records. */
function zipEntries(file: string): string[] {
  const zip = fs.readFileSync(file);
  const names: string[] = [];
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at >= 0; at = zip.indexOf(signature, at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
  }
  return names.sort();
}

describe('extension package', function () {
  this.timeout(120_000);

  it('packages the bundled extension with its icon, README, CHANGELOG and license', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-vsix-'));
    try {
      const vsix = path.join(out, 'kpi-lang.vsix');
      const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
      const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: repoRoot, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr + run.stdout);
      const entries = zipEntries(vsix).filter((e) => e.startsWith('extension/'));
      assert.deepEqual(entries, [
        'extension/LICENSE.txt',
        'extension/changelog.md',
        'extension/client/images/icon.png',
        'extension/client/language-configuration.json',
        'extension/dist/extension.js',
        'extension/dist/kpi.js',
        'extension/docs/diagnostics.md',
        'extension/grammar/syntaxes/kpi.tmLanguage.json',
        'extension/package.json',
        'extension/readme.md',
      ]);
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
      assert.equal(manifest.icon, 'client/images/icon.png');
      assert.match(manifest.engines.vscode, /^\^1\.(\d|[1-9]\d|100)\.\d+$/, 'engines.vscode must stay at most ^1.100.0');
      assert.ok(manifest.categories.includes('Programming Languages'));
      assert.deepEqual(manifest.activationEvents, ['onLanguage:kpi']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
