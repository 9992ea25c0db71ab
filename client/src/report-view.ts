/**
 * The `kpi.showReport` command: a `.kpi` file's HTML report (the server's
 * `kpi/report`, the same page `kpi report` writes) in a webview panel beside
 * the editor, one panel per file (showing it again reveals that panel).
 *
 * The page is self-contained: its own Content-Security-Policy with a nonce
 * the server makes fresh for every response, its colours from VS Code's
 * `--vscode-*` variables, its scroll position kept through the webview state
 * when it is replaced. So the panel loads nothing (`localResourceRoots: []`)
 * and only needs scripts enabled for its charts.
 *
 * Live: when the server reports new results for the file, a visible panel
 * asks for the report again, at most once per REFRESH_THROTTLE_MS (the
 * latest results win); a hidden panel only notes that it is out of date and
 * asks when it becomes visible again.
 */
import * as vscode from 'vscode';
import type { ReportPanelState } from './api';
import { ServerSession, messageOf } from './server-session';

export const ShowReportCommand = 'kpi.showReport';
const VIEW_TYPE = 'kpi.report';
export const REFRESH_THROTTLE_MS = 500;

interface ReportPanel {
  uri: vscode.Uri;
  panel: vscode.WebviewPanel;
  htmlLength: number;
  /** How many times a page was set (the first one included). */
  refreshes: number;
  /** Results changed while the panel was hidden. */
  stale: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  lastRequest: number;
  /** The number of the latest request: an older answer that arrives late is dropped. */
  requests: number;
  disposed: boolean;
}

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly session: ServerSession) {
    this.subscriptions.push(session.onDidReportResults((uri) => this.resultsChanged(uri)));
  }

  /** Opens (or reveals) the report of `uri` and waits for its page. */
  async show(uri: vscode.Uri): Promise<void> {
    const open = this.panels.get(uri.toString());
    if (open) {
      open.panel.reveal(vscode.ViewColumn.Beside, true);
      await this.refresh(open);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      `KPI report: ${fileName(uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [] },
    );
    const report: ReportPanel = {
      uri, panel, htmlLength: 0, refreshes: 0, stale: false, timer: undefined, lastRequest: 0, requests: 0, disposed: false,
    };
    this.panels.set(uri.toString(), report);
    panel.onDidDispose(() => this.forget(report));
    panel.onDidChangeViewState(() => {
      if (panel.visible && report.stale) this.schedule(report);
    });
    await this.refresh(report);
  }

  /** Every open panel, for the extension's API (end-to-end tests). */
  states(): ReportPanelState[] {
    return [...this.panels.values()].map((report) => ({
      uri: report.uri.toString(),
      visible: report.panel.visible,
      htmlLength: report.htmlLength,
      refreshes: report.refreshes,
    }));
  }

  dispose(): void {
    for (const report of [...this.panels.values()]) report.panel.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private resultsChanged(uri: vscode.Uri): void {
    const report = this.panels.get(uri.toString());
    if (report) this.schedule(report);
  }

  private schedule(report: ReportPanel): void {
    if (report.disposed) return;
    if (!report.panel.visible) {
      report.stale = true;
      return;
    }
    if (report.timer !== undefined) return; // the refresh already planned will fetch the latest results
    const wait = Math.max(0, report.lastRequest + REFRESH_THROTTLE_MS - Date.now());
    report.timer = setTimeout(() => {
      report.timer = undefined;
      if (report.disposed) return;
      if (report.panel.visible) void this.refresh(report);
      else report.stale = true;
    }, wait);
  }

  private async refresh(report: ReportPanel): Promise<void> {
    report.stale = false;
    report.lastRequest = Date.now();
    const request = ++report.requests;
    let html: string;
    try {
      html = (await this.session.report(report.uri)).html
        ?? messagePage('This file could not be evaluated: see its problems.');
    } catch (error) {
      html = messagePage(`No report: ${messageOf(error)}`);
    }
    if (report.disposed || request !== report.requests) return;
    report.panel.webview.html = html;
    report.htmlLength = html.length;
    report.refreshes++;
  }

  private forget(report: ReportPanel): void {
    report.disposed = true;
    if (report.timer !== undefined) clearTimeout(report.timer);
    if (this.panels.get(report.uri.toString()) === report) this.panels.delete(report.uri.toString());
  }
}

export function registerReportView(context: vscode.ExtensionContext, session: ServerSession): ReportPanels {
  const panels = new ReportPanels(session);
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand(ShowReportCommand, (resource?: unknown) => showReport(panels, resource)),
  );
  return panels;
}

/** From the editor title or the explorer a resource comes along; from the palette, the active editor. */
async function showReport(panels: ReportPanels, resource: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const uri = resource instanceof vscode.Uri
    ? resource
    : editor?.document.languageId === 'kpi' ? editor.document.uri : undefined;
  if (!uri) {
    void vscode.window.showWarningMessage('KPI: open a .kpi file to see its report.');
    return;
  }
  try {
    await panels.show(uri);
  } catch (error) {
    void vscode.window.showErrorMessage(`KPI: no report: ${messageOf(error)}`);
  }
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

/** A page with one message, loading and running nothing. */
function messagePage(message: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
</head><body><p>${escapeHtml(message)}</p></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
