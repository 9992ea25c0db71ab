/**
 * The version `kpi --version` prints: read at run time from the project's
 * package.json, found by walking up from this module (dist/kpi.js in the
 * bundle, out/server/cli/ when run from tsc output).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeFolder } from '../host/code-folder';

const PACKAGE_NAME = 'kpi-lang';

export function cliVersion(from: string = codeFolder(__dirname)): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const manifest = readManifest(path.join(folder, 'package.json'));
    if (manifest?.name === PACKAGE_NAME && typeof manifest.version === 'string') return manifest.version;
    if (path.dirname(folder) === folder) return 'unknown';
  }
}

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
