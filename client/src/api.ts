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

export interface KpiExtensionApi {
  /** Evaluates the `.kpi` document at `uri` now and returns its scorecard. */
  evaluate(uri: vscode.Uri): Promise<EvaluateResult>;
  /** The last headline the server reported for `uri`: undefined before any report. */
  headline(uri: vscode.Uri): HeadlineSummary | null | undefined;
  /** Fires whenever the server reports a document's headline. */
  readonly onDidChangeHeadline: vscode.Event<HeadlineChange>;
}
