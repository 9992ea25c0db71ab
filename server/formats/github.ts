/**
 * `--format github` for `kpi eval` and `kpi check`: GitHub Actions workflow
 * commands, one per line, which the runner turns into annotations on the
 * pull request's files.
 *
 * - diagnostics: `::error|warning|notice file=F,line=L,endLine=L2,col=C,
 *   endColumn=C2,title=KPI080 Data file missing::message` (info -> notice;
 *   `col`/`endColumn` only when the problem is on one line, `endColumn`
 *   inclusive, as GitHub draws it);
 * - KPIs/indices in breach or critical: `::error file=F,line=L,title=KPI
 *   breach: fcr::...`; at warning level: `::warning ...`.
 *
 * Escaping follows the runner's rules: in the message `%`, CR and LF become
 * `%25`, `%0D`, `%0A`; in property values `:` and `,` too (`%3A`, `%2C`).
 * A message never spans lines, so data cannot start a command of its own.
 */

import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../grammar/diagnostics';
import type { DiagnosticResult, MeasureResult } from '../../grammar/results/schema';
import { statusLabel } from '../../grammar/results/format';
import { measureHeadline, segmentsAtFault } from './measure-text';
import type { CiReport } from './ci-report';
import { failsGate } from './statuses';

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<DiagnosticResult['severity'], Command> = { error: 'error', warning: 'warning', info: 'notice' };

export function renderGithub(report: CiReport): string {
  const lines: string[] = [];
  for (const d of report.diagnostics) lines.push(diagnosticCommand(d));
  for (const m of report.scorecard?.measures ?? []) {
    const line = measureCommand(m);
    if (line !== undefined) lines.push(line);
  }
  return lines.map((line) => `${line}\n`).join('');
}

function diagnosticCommand(d: DiagnosticResult): string {
  const title = Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, d.code)
    ? `${d.code}: ${DIAGNOSTIC_CODES[d.code as DiagnosticCode]}`
    : d.code;
  const properties: Array<[string, string | number]> = [['file', d.file], ['line', d.line], ['endLine', d.endLine]];
  if (d.line === d.endLine) properties.push(['col', d.column], ['endColumn', Math.max(d.column, d.endColumn - 1)]);
  properties.push(['title', title]);
  return command(COMMAND[d.severity], properties, d.message);
}

function measureCommand(m: MeasureResult): string | undefined {
  const kind: Command | undefined = failsGate(m.status, 'breach') ? 'error' : m.status === 'warning' ? 'warning' : undefined;
  if (kind === undefined) return undefined;
  const segments = segmentsAtFault(m);
  const message = [measureHeadline(m), ...segments.map((s) => `- ${s}`)].join('\n');
  const what = m.kind === 'index' ? 'Index' : 'KPI';
  return command(kind, [['file', m.file], ['line', m.line], ['title', `${what} ${statusLabel(m.status)}: ${m.name}`]], message);
}

export function command(name: Command, properties: ReadonlyArray<[string, string | number]>, message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
