/**
 * The SourceHost one analysis reads `.kpi` files through: an open document's
 * text (what the user sees, saved or not) wins over the file on disk.
 *
 * A new host is made per analysis, so the disk side (NodeSourceHost caches
 * what it read) reads each closed file once per analysis and never serves
 * a text older than the analysis. Identities are absolute paths (see
 * convert.ts); an `untitled:` buffer's identity is its URI, and its imports
 * resolve against the workspace folder given by `fallbackFolder`. Texts are
 * parsed by `parser` when given (the workspace's incremental parsers, which
 * outlive the host).
 */

import * as path from 'node:path';
import type { SourceHost } from '../../grammar/program';
import type { ParseResult } from '../../grammar/syntax/ast';
import { parse } from '../../grammar/syntax/parse';
import { NodeSourceHost } from '../host/node-source-host';

export class WorkspaceSourceHost implements SourceHost {
  private readonly disk = new NodeSourceHost();

  constructor(
    private readonly openText: (file: string) => string | undefined,
    private readonly fallbackFolder: () => string | undefined,
    private readonly parser?: (file: string, text: string) => ParseResult,
  ) {}

  parseKpi(file: string, text: string): ParseResult {
    return this.parser !== undefined ? this.parser(file, text) : parse(text);
  }

  readKpi(file: string): string | undefined {
    return this.openText(file) ?? (path.isAbsolute(file) ? this.disk.readKpi(file) : undefined);
  }

  resolveImport(fromFile: string, importPath: string): string {
    if (path.isAbsolute(fromFile)) return this.disk.resolveImport(fromFile, importPath);
    const folder = this.fallbackFolder();
    return folder === undefined ? importPath : path.resolve(folder, importPath);
  }
}
