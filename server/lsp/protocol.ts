/**
 * The server's own protocol with the VS Code client, beside standard LSP.
 * Mirrors client/src/protocol.ts (the client's copy): change both together.
 *
 * - request `kpi/evaluate` `{ uri }` -> `{ scorecard }`: evaluates the file
 *   now, bypassing the debounce (even when live evaluation is off: it is an
 *   explicit request), and returns its results; `null` when the file cannot
 *   be read. A file that is not open is analysed from disk.
 * - request `kpi/report` `{ uri }` -> `{ html }`: the file's scorecard (evaluated
 *   as for `kpi/evaluate`) as the self-contained HTML report for a VS Code
 *   webview (theme from the `--vscode-*` variables), its Content-Security-
 *   Policy keyed to a fresh random nonce per response; `html` is null when
 *   the file cannot be read or evaluated.
 * - notification `kpi/resultsChanged` `{ uri, summary }`, after every
 *   evaluation of an open file: the headline measure (the last index the
 *   file declares, else its first KPI), formatted for a status bar.
 * - command `kpi.showBreakdown` (code lens): arguments `[{ uri, name }]`.
 */

import { NotificationType, RequestType } from 'vscode-languageserver/node';
import type { ScorecardResult, Status } from '../../grammar/results/schema';

export interface EvaluateParams {
  uri: string;
}

export interface EvaluateResult {
  scorecard: ScorecardResult | null;
}

export const EvaluateRequest = new RequestType<EvaluateParams, EvaluateResult, void>('kpi/evaluate');

export interface ReportParams {
  uri: string;
}

export interface ReportResult {
  /** A whole HTML document; null when the file cannot be read or evaluated. */
  html: string | null;
}

export const ReportRequest = new RequestType<ReportParams, ReportResult, void>('kpi/report');

/** The headline index (or KPI) of a file, formatted for display. */
export interface HeadlineSummary {
  /** The declared name, e.g. `satisfaction`. */
  name: string;
  /** The display name, when declared. */
  title: string | null;
  /** Formatted with its unit (formatValue): `78.2`, `97.4 min`, `no data`. */
  value: string;
  /** The result model's status (`on_target`, `warning`, ...): the client picks its icon and label. */
  status: Status;
}

export interface ResultsChangedParams {
  uri: string;
  summary: HeadlineSummary | null;
}

export const ResultsChangedNotification = new NotificationType<ResultsChangedParams>('kpi/resultsChanged');

export const SHOW_BREAKDOWN_COMMAND = 'kpi.showBreakdown';

export interface ShowBreakdownArguments {
  uri: string;
  /** The KPI or index name. */
  name: string;
}
