/**
 * The extension's commands (category "KPI" in package.json):
 * - kpi.evaluateNow: evaluate the active `.kpi` editor now, show its headline,
 *   and return the evaluation (so callers and tests can use it);
 * - kpi.restartServer: restart the language server;
 * - kpi.showOutput: reveal the server's output channel.
 */
import * as vscode from 'vscode';
import { describeHeadline } from './headlines';
import type { EvaluateResult } from './protocol';
import { ServerSession, messageOf } from './server-session';

export const Commands = {
  evaluateNow: 'kpi.evaluateNow',
  restartServer: 'kpi.restartServer',
  showOutput: 'kpi.showOutput',
} as const;

export function registerCommands(context: vscode.ExtensionContext, session: ServerSession): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.evaluateNow, () => evaluateNow(session)),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      if (await session.restart()) void vscode.window.showInformationMessage('KPI: language server restarted.');
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => session.output.show(true)),
  );
}

async function evaluateNow(session: ServerSession): Promise<EvaluateResult | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'kpi') {
    void vscode.window.showWarningMessage('KPI: open a .kpi file to evaluate it.');
    return undefined;
  }
  let result: EvaluateResult;
  try {
    result = await session.evaluate(document.uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`KPI: evaluation failed: ${messageOf(error)}`);
    return undefined;
  }
  // Not awaited: the message stays until dismissed, the caller should not wait for that.
  void vscode.window.showInformationMessage(`KPI: ${headlineMessage(session, document.uri, result)}`);
  return result;
}

function headlineMessage(session: ServerSession, uri: vscode.Uri, result: EvaluateResult): string {
  const summary = session.headlines.get(uri);
  if (summary) return describeHeadline(summary);
  if (result.scorecard === null) return 'nothing to evaluate (the file has errors, no KPIs, or evaluation is off).';
  return 'evaluated; this file has no headline index.';
}
