/**
 * Wiring only: routes an LSP connection's messages to KpiLanguageServer and
 * implements the server's ClientChannel over the same connection. No
 * behaviour lives here, so tests can run the very same wiring over
 * in-memory streams.
 *
 * `shutdown` and `exit` are handled by vscode-languageserver itself: after
 * `shutdown`, `exit` ends the process with code 0; without it, with 1.
 */

import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type Connection,
} from 'vscode-languageserver/node';
import { EvaluateRequest, ReportRequest, ResultsChangedNotification } from './protocol';
import { KpiLanguageServer, WATCHED_FILES, type ClientChannel, type ServerOptions } from './server';
import { SETTINGS_SECTION } from './settings';

export function wireConnection(connection: Connection, options: ServerOptions = {}): KpiLanguageServer {
  const server = new KpiLanguageServer(channelOver(connection), options);

  connection.onInitialize((params) => server.initialize(params));
  connection.onInitialized(() => void server.initialized());
  connection.onShutdown(() => server.shutdown());

  connection.onDidOpenTextDocument((params) => server.didOpen(params));
  connection.onDidChangeTextDocument((params) => server.didChange(params));
  connection.onDidCloseTextDocument((params) => server.didClose(params));
  connection.onDidChangeConfiguration((params) => void server.didChangeConfiguration(params));
  connection.onDidChangeWatchedFiles((params) => server.didChangeWatchedFiles(params));

  connection.onHover((params) => server.hover(params));
  connection.onCompletion((params) => server.completion(params));
  connection.onSignatureHelp((params) => server.signatureHelp(params));
  connection.onDefinition((params) => server.definition(params));
  connection.onReferences((params) => server.references(params));
  connection.onPrepareRename((params) => server.prepareRename(params));
  connection.onRenameRequest((params) => server.rename(params));
  connection.onDocumentSymbol((params) => server.documentSymbols(params));
  connection.onWorkspaceSymbol((params) => server.workspaceSymbols(params));
  connection.onFoldingRanges((params) => server.foldingRanges(params));
  connection.languages.semanticTokens.on((params) => server.semanticTokens(params));
  connection.onDocumentFormatting((params) => server.formatting(params));
  connection.onDocumentRangeFormatting((params) => server.rangeFormatting(params));
  connection.onCodeAction((params) => server.codeActions(params));
  connection.onCodeLens((params) => server.codeLenses(params));
  connection.languages.inlayHint.on((params) => server.inlayHints(params));
  connection.onRequest(EvaluateRequest, (params) => server.evaluate(params));
  connection.onRequest(ReportRequest, (params) => server.report(params));

  return server;
}

function channelOver(connection: Connection): ClientChannel {
  return {
    publishDiagnostics: (params) => void connection.sendDiagnostics(params),
    resultsChanged: (params) => void connection.sendNotification(ResultsChangedNotification, params),
    refreshInlayHints: () => void connection.languages.inlayHint.refresh().catch(() => undefined),
    refreshCodeLenses: () => void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined),
    fetchSettings: () => connection.workspace.getConfiguration(SETTINGS_SECTION),
    register: (what) => {
      const registered = what === 'configuration'
        ? connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
        : connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED_FILES }] });
      registered.catch((error: unknown) => connection.console.error(`kpi: registering ${what} failed: ${String(error)}`));
    },
    log: (message) => connection.console.log(message),
    error: (message) => connection.console.error(message),
  };
}
