/**
 * `kpi lsp --stdio`: serves the language server from the same binary, so
 * editors other than VS Code need only `kpi` on the PATH.
 *
 * The server lives in server/lsp/stdio.ts (`startLanguageServer(): void`).
 * It is reached through the single `require` below, inside a try block: a
 * build without it still bundles (esbuild leaves a guarded, unresolvable
 * `require` alone) and then this command says so and exits 70.
 */

import { CliError } from './errors';
import { ExitCode } from './exit-codes';

interface LanguageServerModule {
  startLanguageServer(): void;
}

export const LSP_UNAVAILABLE = 'the language server is not available in this build';

export function runLanguageServer(): void {
  loadLanguageServer().startLanguageServer();
}

function loadLanguageServer(): LanguageServerModule {
  let loaded: unknown;
  try {
    // --- The one place the CLI reaches the language server. ---
    loaded = require('../lsp/stdio');
  } catch (error) {
    if (isMissingModule(error)) throw new CliError(LSP_UNAVAILABLE, ExitCode.internal);
    throw error;
  }
  if (!isLanguageServerModule(loaded)) throw new CliError(LSP_UNAVAILABLE, ExitCode.internal);
  return loaded;
}

function isMissingModule(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes('lsp/stdio');
}

function isLanguageServerModule(value: unknown): value is LanguageServerModule {
  return typeof value === 'object' && value !== null
    && typeof (value as Partial<LanguageServerModule>).startLanguageServer === 'function';
}
