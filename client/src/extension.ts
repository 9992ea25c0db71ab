/**
 * The VS Code extension's entry point: wiring only. Activated by the `kpi`
 * language (package.json); starts `kpi lsp --stdio` through ServerSession,
 * registers the commands, the breakdown view, the report panels and the
 * headline status item, and returns the small API of api.ts.
 *
 * Activation neither waits for nor fails because of the server: it returns as
 * soon as everything is registered, while the server starts; a missing or
 * crashing server is reported to the user (see server-session.ts) and the
 * commands stay available.
 */
import * as vscode from 'vscode';
import type { KpiExtensionApi } from './api';
import { registerBreakdownView } from './breakdown-view';
import { Commands, registerCommands } from './commands';
import { HeadlineStatus } from './headline-status';
import { Headlines } from './headlines';
import { CLIENT_NAME } from './language-client';
import { registerReportView } from './report-view';
import { ServerSession } from './server-session';

let session: ServerSession | undefined;

export function activate(context: vscode.ExtensionContext): KpiExtensionApi {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  const headlines = new Headlines();
  session = new ServerSession(context, output, headlines);
  context.subscriptions.push(output, headlines, new HeadlineStatus(headlines, Commands.evaluateNow));
  registerCommands(context, session);
  registerBreakdownView(context, session);
  const reports = registerReportView(context, session);
  // Not awaited: VS Code counts activation until this function returns, and nothing here needs
  // the server yet. The language client queues what the editor sends meanwhile; the commands
  // and the API wait for the start (ServerSession.ready).
  void session.start();

  const active = session;
  return {
    ready: () => active.ready(),
    evaluate: (uri) => active.evaluate(uri),
    headline: (uri) => headlines.get(uri),
    onDidChangeHeadline: headlines.onDidChange,
    reportPanels: () => reports.states(),
  };
}

export async function deactivate(): Promise<void> {
  await session?.dispose();
  session = undefined;
}
