/**
 * What the extension returns from `activate`: a small API over the language
 * server's custom protocol, for other extensions and for the end-to-end tests
 * (which reach it through `vscode.extensions.getExtension(...).exports`).
 *
 * Types only; the implementation lives in extension.ts.
 */
import type * as vscode from 'vscode';
import type { EvaluateResult, HeadlineSummary } from './protocol';

export interface HeadlineChange {
  uri: vscode.Uri;
  summary: HeadlineSummary | null;
}

/** An open report panel (`kpi.showReport`), as the end-to-end tests observe it. */
export interface ReportPanelState {
  /** The `.kpi` document's URI. */
  uri: string;
  visible: boolean;
  /** Length of the page the panel shows now; 0 before the first one. */
  htmlLength: number;
  /** How many pages were set, the first one included. */
  refreshes: number;
}

export interface KpiExtensionApi {
  /**
   * Resolves once the language server has started (true) or failed to (false).
   * Activation does not wait for it; `evaluate` does.
   */
  ready(): Promise<boolean>;
  /** Evaluates the `.kpi` document at `uri` now and returns its scorecard. */
  evaluate(uri: vscode.Uri): Promise<EvaluateResult>;
  /** The last headline the server reported for `uri`: undefined before any report. */
  headline(uri: vscode.Uri): HeadlineSummary | null | undefined;
  /** Fires whenever the server reports a document's headline. */
  readonly onDidChangeHeadline: vscode.Event<HeadlineChange>;
  /** Every open report panel. */
  reportPanels(): ReportPanelState[];
}
