/**
 * The VS Code extension's entry point: wiring only. Activated by the `kpi`
 * language (package.json); starts `kpi lsp --stdio` through ServerSession,
 * registers the commands, the breakdown view, the report panels and the
 * headline status item, and returns the small API of api.ts.
 *
 * Activation never fails because of the server: a missing or crashing server is
 * reported to the user (see server-session.ts) and the commands stay available.
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

export async function activate(context: vscode.ExtensionContext): Promise<KpiExtensionApi> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  const headlines = new Headlines();
  session = new ServerSession(context, output, headlines);
  context.subscriptions.push(output, headlines, new HeadlineStatus(headlines, Commands.evaluateNow));
  registerCommands(context, session);
  registerBreakdownView(context, session);
  const reports = registerReportView(context, session);
  await session.start();

  const active = session;
  return {
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
