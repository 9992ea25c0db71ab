/**
 * `kpi lsp --stdio`: the language server over the process's own streams.
 *
 * `createConnection(ProposedFeatures.all)` reads the transport from argv
 * (`--stdio`, `--node-ipc`, `--socket=N`). In stdio mode stdout carries LSP
 * frames only: vscode-languageserver redirects `console.*` to the client's
 * log, and nothing here prints. An unexpected error is logged to the client
 * and the server keeps running; `shutdown` then `exit` ends with code 0,
 * `exit` alone with 1 (handled by vscode-languageserver).
 */

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { wireConnection } from './connection';

export function startLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const report = (what: string) => (error: unknown) => {
    const text = error instanceof Error ? (process.env.KPI_DEBUG ? String(error.stack) : error.message) : String(error);
    connection.console.error(`kpi: ${what}: ${text}`);
  };
  process.on('uncaughtException', report('unexpected error'));
  process.on('unhandledRejection', report('unhandled rejection'));
  wireConnection(connection);
  connection.listen();
}
