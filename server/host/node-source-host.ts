/**
 * The core's SourceHost over the file system, for the CLI.
 *
 * Identities are absolute, normalized paths, so one file reached through two
 * imports (`./a.kpi`, `sub/../a.kpi`) is one file. Texts are cached for the
 * host's lifetime: `kpi check` analyses many entries that share imports, and
 * a file must read the same within one run.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceHost } from '../../grammar/program';
import { describeFsError } from './fs-errors';

export class NodeSourceHost implements SourceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly failures = new Map<string, string>();

  readKpi(file: string): string | undefined {
    if (this.texts.has(file)) return this.texts.get(file);
    let text: string | undefined;
    try {
      text = stripBom(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      // The core reports an unreadable import as KPI002 at the import; the
      // CLI reads the entry file first and reports it with `failureOf`.
      text = undefined;
      this.failures.set(file, describeFsError(error)?.reason ?? String(error));
    }
    this.texts.set(file, text);
    return text;
  }

  /** Why `readKpi(file)` returned undefined: `no such file`, `permission denied`. */
  failureOf(file: string): string | undefined {
    return this.failures.get(file);
  }

  resolveImport(fromFile: string, importPath: string): string {
    return path.resolve(path.dirname(fromFile), importPath);
  }
}

/** The identity of a path given on the command line: absolute and normalized. */
export function fileIdentity(file: string, cwd: string = process.cwd()): string {
  return path.resolve(cwd, file);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
