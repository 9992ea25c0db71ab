/**
 * The running language server as the rest of the extension sees it: start,
 * restart, the `kpi/evaluate` and `kpi/report` requests and the
 * `kpi/resultsChanged` reports (kept as headlines, and announced to views
 * that follow a document's results).
 *
 * Invariants: starting never holds up the extension's activation (requests
 * wait for the start instead); a server that is not built or fails to start
 * never fails the activation; the user gets one clear message pointing at the
 * output channel, and requests fail with a readable error instead of hanging.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SERVER_MODULE, createLanguageClient, serverIsBuilt } from './language-client';
import { Headlines } from './headlines';
import {
  EvaluateRequestMethod,
  ReportRequestMethod,
  ResultsChangedNotificationMethod,
  type EvaluateParams,
  type EvaluateResult,
  type ReportParams,
  type ReportResult,
  type ResultsChangedParams,
} from './protocol';

export class ServerSession implements vscode.Disposable {
  private readonly client: LanguageClient;
  private running = false;
  private starting: Promise<boolean> | undefined;
  private readonly resultsReported = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with a document's URI whenever the server reports new results for it. */
  readonly onDidReportResults = this.resultsReported.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
    readonly headlines: Headlines,
  ) {
    this.client = createLanguageClient(context, output);
    // Kept by the client across restarts.
    this.client.onNotification(ResultsChangedNotificationMethod, (params: ResultsChangedParams) => {
      const uri = this.client.protocol2CodeConverter.asUri(params.uri);
      this.headlines.set(uri, params.summary);
      this.resultsReported.fire(uri);
    });
  }

  /**
   * Starts the server; reports a failure to the user instead of throwing.
   * Requests made meanwhile wait for it (see `ready`).
   */
  start(): Promise<boolean> {
    this.starting = this.startNow();
    return this.starting;
  }

  /** Resolves once the current start is over: true when the server answered `initialize`. */
  ready(): Promise<boolean> {
    return this.starting ?? Promise.resolve(this.running);
  }

  private async startNow(): Promise<boolean> {
    if (!(await serverIsBuilt(this.context))) {
      this.fail(`the server is not built (${SERVER_MODULE} is missing); run \`npm run build\``);
      return false;
    }
    try {
      await this.client.start();
      this.running = true;
      return true;
    } catch (error) {
      this.fail(`the server did not start: ${messageOf(error)}`);
      return false;
    }
  }

  async restart(): Promise<boolean> {
    await this.ready();
    this.headlines.clear();
    if (this.running) {
      await this.client.stop().catch((error: unknown) => this.output.appendLine(`stop: ${messageOf(error)}`));
      this.running = false;
    }
    return this.start();
  }

  /** Evaluates the document now; opens it first so the server has its text. */
  async evaluate(uri: vscode.Uri): Promise<EvaluateResult> {
    const params: EvaluateParams = await this.documentParams(uri);
    return this.client.sendRequest<EvaluateResult>(EvaluateRequestMethod, params);
  }

  /** The document's HTML report for a webview (evaluated now, as `evaluate` does). */
  async report(uri: vscode.Uri): Promise<ReportResult> {
    const params: ReportParams = await this.documentParams(uri);
    return this.client.sendRequest<ReportResult>(ReportRequestMethod, params);
  }

  private async documentParams(uri: vscode.Uri): Promise<{ uri: string }> {
    await this.ready();
    if (!this.running) throw new Error('the KPI language server is not running (see "KPI: Show output")');
    await vscode.workspace.openTextDocument(uri);
    return { uri: this.client.code2ProtocolConverter.asUri(uri) };
  }

  private fail(reason: string): void {
    this.output.appendLine(`KPI: ${reason}`);
    void vscode.window.showErrorMessage(`KPI: ${reason}.`, 'Show output').then((choice) => {
      if (choice) this.output.show(true);
    });
  }

  async dispose(): Promise<void> {
    await this.ready();
    this.resultsReported.dispose();
    if (this.running) {
      this.running = false;
      await this.client.stop().catch(() => undefined);
    }
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
