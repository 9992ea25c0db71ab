/**
 * What the CI output formats (markdown, junit, sarif, github) render: the
 * outcome of one `kpi eval` (a scorecard and its diagnostics) or of one
 * `kpi check` (diagnostics of the files checked). Renderers are pure
 * functions of a CiReport; the CLI builds it and writes the text.
 *
 * Invariant: every file path in a CiReport (scorecard, measures, diagnostics,
 * files) is relative to the workspace root with `/` separators, the form code
 * hosts (GitHub annotations, SARIF `%SRCROOT%`) resolve against the
 * repository root.
 */

import type { DiagnosticResult, ScorecardResult } from '../../grammar/results/schema';

export interface CiReport {
  /** The evaluated scorecard (`kpi eval`), its measures possibly narrowed by `--kpi`; absent for `kpi check`. */
  scorecard?: ScorecardResult;
  /** Every diagnostic to report, in the order to show them. */
  diagnostics: readonly DiagnosticResult[];
  /** `kpi check`: every `.kpi` file analysed, so files without problems show as passing. */
  files?: readonly string[];
}
