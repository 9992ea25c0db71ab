/**
 * The custom part of the protocol between the extension and `kpi lsp`, next to
 * standard LSP. The server mirrors these shapes; change both sides together.
 *
 * - `kpi/evaluate` (request, client -> server): evaluate one `.kpi` document now,
 *   bypassing the debounce, and answer with its scorecard (the JSON result model
 *   of grammar/results/schema.ts), or null when the document cannot be evaluated
 *   (not open, syntax errors, evaluation turned off).
 * - `kpi/report` (request, client -> server): the document's scorecard as a
 *   self-contained HTML page for a webview (its own Content-Security-Policy
 *   with a fresh nonce per response, colours from the `--vscode-*` theme
 *   variables), or null when the document cannot be read or evaluated.
 * - `kpi/resultsChanged` (notification, server -> client): the headline of a
 *   document changed after an evaluation; `summary` is null when the file has
 *   no headline (no KPI or index, or no results).
 *
 * - `kpi.showBreakdown` (client command, run from the server's code lenses):
 *   arguments `[{ uri, name }]`; shows that KPI's or index's breakdown.
 *
 * URIs are strings as they travel in LSP (`file:`, `vscode-remote:`, ...).
 */

import type { Status } from '../../grammar/results/schema';

export const EvaluateRequestMethod = 'kpi/evaluate';
export const ReportRequestMethod = 'kpi/report';
export const ResultsChangedNotificationMethod = 'kpi/resultsChanged';

export interface EvaluateParams {
  uri: string;
}

export interface EvaluateResult {
  /** A ScorecardResult (grammar/results/schema.ts); kept opaque on the wire. */
  scorecard: unknown | null;
}

export interface ReportParams {
  uri: string;
}

export interface ReportResult {
  /** A whole HTML document for a webview; null when the document cannot be evaluated. */
  html: string | null;
}

/** The headline index (or KPI) of a file, already formatted for display. */
export interface HeadlineSummary {
  /** The declared name, e.g. `satisfaction`. */
  name: string;
  /** The display name in quotes, when declared. */
  title: string | null;
  /** The value as the editor shows it, e.g. `78.2`, `87.4%`, `no data`. */
  value: string;
  /** The result model's status; the client turns it into words and colours. */
  status: Status;
}

export interface ResultsChangedParams {
  uri: string;
  summary: HeadlineSummary | null;
}

export const ShowBreakdownCommand = 'kpi.showBreakdown';

export interface ShowBreakdownArguments {
  uri: string;
  /** The KPI or index name. */
  name: string;
}
