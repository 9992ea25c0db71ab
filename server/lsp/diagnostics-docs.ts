/**
 * Where the documentation of each diagnostic code lives, for the links
 * editors show next to a code (`codeDescription`). The page ships with the
 * server (docs/diagnostics.md in the repository and in the extension
 * package); it is found by walking up from this module, so the bundled
 * server (dist/) and the compiled one (out/server/lsp/) both find it.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeFolder } from '../host/code-folder';

let page: string | null | undefined;

function diagnosticsPage(): string | null {
  if (page !== undefined) return page;
  page = null;
  for (let dir = codeFolder(__dirname), depth = 0; depth < 6; depth++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'diagnostics.md');
    if (fs.existsSync(candidate)) {
      page = pathToFileURL(candidate).href;
      break;
    }
  }
  return page;
}

/** `file:///.../docs/diagnostics.md#kpi010`, or undefined when the page is not installed. */
export function diagnosticDocLink(code: string): string | undefined {
  const base = diagnosticsPage();
  return base === null ? undefined : `${base}#${code.toLowerCase()}`;
}
