/**
 * Builds the language client for `kpi lsp --stdio`, run from the bundled CLI
 * (dist/kpi.js) inside the extension. The same options serve a local and a
 * remote or web-hosted extension host: documents are selected by language, not
 * by scheme, and the server is a Node module next to the extension.
 *
 * The server re-reads data files when they change, so the client forwards file
 * events for `.kpi` files and the data formats a dataset may read.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, NodeModule, ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'kpi';
export const CLIENT_NAME = 'KPI Language Server';
export const SERVER_MODULE = 'dist/kpi.js';
const WATCHED_FILES = '**/*.{kpi,csv,json,jsonl,ndjson}';

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.OutputChannel,
): LanguageClient {
  const server: NodeModule = {
    module: context.asAbsolutePath(SERVER_MODULE),
    args: ['lsp', '--stdio'],
    transport: TransportKind.stdio,
  };
  const serverOptions: ServerOptions = { run: server, debug: server };

  const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES);
  context.subscriptions.push(watcher);

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'kpi' }],
    synchronize: { fileEvents: watcher, configurationSection: 'kpi' },
    outputChannel,
  };
  // The client reads `kpi.trace.server` itself, from CLIENT_ID.
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/** True when the bundled server exists: checked through the extension's URI, which works remotely too. */
export async function serverIsBuilt(context: vscode.ExtensionContext): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(context.extensionUri, SERVER_MODULE));
    return true;
  } catch {
    return false;
  }
}
