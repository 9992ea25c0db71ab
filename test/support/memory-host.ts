/**
 * An in-memory SourceHost for core tests: files by POSIX path, imports
 * resolved against the importing file's folder. Records reads, so tests can
 * assert each file is read once.
 */

import * as path from 'node:path';
import type { SourceHost } from '../../grammar/program';

export class MemoryHost implements SourceHost {
  readonly reads: string[] = [];
  constructor(private readonly files: ReadonlyMap<string, string>) {}

  readKpi(file: string): string | undefined {
    this.reads.push(file);
    return this.files.get(file);
  }

  resolveImport(fromFile: string, importPath: string): string {
    return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), importPath));
  }
}
