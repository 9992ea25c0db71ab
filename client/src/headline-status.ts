/**
 * The status bar item with the active `.kpi` file's headline, e.g.
 * `$(graph) satisfaction 78.2 · warning`. Visible only while the active editor
 * is a `.kpi` document with a reported headline; clicking it evaluates now.
 */
import * as vscode from 'vscode';
import { statusLabel } from '../../grammar/results/format';
import type { Status } from '../../grammar/results/schema';
import { Headlines, describeHeadline } from './headlines';
import type { HeadlineSummary } from './protocol';

export class HeadlineStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kpi.headline', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly headlines: Headlines, evaluateCommand: string) {
    this.item.name = 'KPI headline';
    this.item.command = evaluateCommand;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      headlines.onDidChange(() => this.update()),
    );
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const summary = document && document.languageId === 'kpi' ? this.headlines.get(document.uri) : undefined;
    if (!summary) {
      this.item.hide();
      return;
    }
    this.show(summary);
  }

  private show(summary: HeadlineSummary): void {
    this.item.text = `$(graph) ${summary.name} ${summary.value} · ${statusLabel(summary.status)}`;
    this.item.tooltip = `${describeHeadline(summary)}\nClick to evaluate now.`;
    this.item.backgroundColor = backgroundFor(summary.status);
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

function backgroundFor(status: Status): vscode.ThemeColor | undefined {
  if (status === 'breach' || status === 'critical') return new vscode.ThemeColor('statusBarItem.errorBackground');
  if (status === 'warning') return new vscode.ThemeColor('statusBarItem.warningBackground');
  return undefined;
}
