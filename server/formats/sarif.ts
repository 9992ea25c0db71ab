/**
 * `--format sarif` for `kpi eval` and `kpi check`: SARIF 2.1.0, the format
 * code-scanning services ingest (GitHub's upload-sarif, Azure DevOps, IDE
 * viewers).
 *
 * One run, tool `kpi` at the CLI's version. Rules are the codes that occur:
 * the diagnostic codes (`KPI080`, described from DIAGNOSTIC_CODES and
 * docs/diagnostics.md) and, for evaluated scorecards, three status rules:
 * `KPI-STATUS-CRITICAL` and `KPI-STATUS-BREACH` (level error) and
 * `KPI-STATUS-WARNING` (level warning). Diagnostics map error -> error,
 * warning -> warning, info -> note; a status result points at the line that
 * declares the KPI. Locations are relative to `%SRCROOT%` (the repository
 * root); columns count UTF-16 code units, end columns are exclusive, as in
 * the result model. No help URIs: a relative link is not a valid
 * `helpUri`, so each rule carries its explanation in `help`.
 *
 * Deterministic: no timestamps, no absolute paths, rules sorted by id.
 */

import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../../grammar/diagnostics';
import type { DiagnosticResult, MeasureResult, Status } from '../../grammar/results/schema';
import { DIAGNOSTIC_HELP } from './diagnostic-help';
import { measureHeadline, segmentsAtFault } from './measure-text';
import type { CiReport } from './ci-report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';

interface Message {
  text: string;
  markdown?: string;
}

interface Rule {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  defaultConfiguration?: { level: Level };
}

interface Region {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: Message;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Region } }>;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Rule[] } };
    columnKind: 'utf16CodeUnits';
    results: Result[];
  }>;
}

/** The rules for KPI and index statuses, by the status they report. */
const STATUS_RULES: Partial<Record<Status, Rule>> = {
  critical: statusRule('KPI-STATUS-CRITICAL', 'KpiCritical', 'KPI or index at its critical level',
    'The value misses the `critical` level declared for the KPI or index: the worst status.', 'error'),
  breach: statusRule('KPI-STATUS-BREACH', 'KpiBreach', 'KPI or index in breach',
    'The value misses the `warn` level of the KPI or index (or its `target`, when it declares no `warn`).', 'error'),
  warning: statusRule('KPI-STATUS-WARNING', 'KpiWarning', 'KPI or index at warning level',
    'The value misses the `target` of the KPI or index but meets its `warn` level.', 'warning'),
};

const LEVEL: Record<DiagnosticResult['severity'], Level> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** The kpi version, for `tool.driver.version`. */
  toolVersion: string;
}

export function buildSarif(report: CiReport, options: SarifOptions): SarifLog {
  const pending: Array<{ rule: Rule; result: Omit<Result, 'ruleIndex'> }> = [];
  for (const d of report.diagnostics) pending.push({ rule: diagnosticRule(d.code), result: diagnosticResult(d) });
  for (const m of report.scorecard?.measures ?? []) {
    const rule = STATUS_RULES[m.status];
    if (rule) pending.push({ rule, result: statusResult(m, rule) });
  }
  const rules = [...new Map(pending.map((p) => [p.rule.id, p.rule])).values()].sort((a, b) => compare(a.id, b.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'kpi', version: options.toolVersion, rules } },
      columnKind: 'utf16CodeUnits',
      results: pending.map((p) => ({ ...p.result, ruleIndex: index.get(p.rule.id)! })),
    }],
  };
}

export function renderSarif(report: CiReport, options: SarifOptions): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}

function diagnosticRule(code: string): Rule {
  const title = isDiagnosticCode(code) ? DIAGNOSTIC_CODES[code] : code;
  const help = (isDiagnosticCode(code) ? DIAGNOSTIC_HELP[code] : '') || `${title}.`;
  return {
    id: code,
    name: pascalCase(title),
    shortDescription: { text: title },
    fullDescription: { text: plain(help) },
    help: { text: `${plain(help)} (kpi-lang docs/diagnostics.md, ${code})`, markdown: `**${code}: ${title}**\n\n${help}` },
  };
}

function statusRule(id: string, name: string, title: string, help: string, level: Level): Rule {
  return {
    id, name,
    shortDescription: { text: title },
    fullDescription: { text: plain(help) },
    help: { text: plain(help), markdown: help },
    defaultConfiguration: { level },
  };
}

function diagnosticResult(d: DiagnosticResult): Omit<Result, 'ruleIndex'> {
  return {
    ruleId: d.code,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [location(d.file, {
      startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn,
    })],
  };
}

function statusResult(m: MeasureResult, rule: Rule): Omit<Result, 'ruleIndex'> {
  const segments = segmentsAtFault(m);
  const text = `${m.name}: ${measureHeadline(m)}${segments.length > 0 ? `. Segments: ${segments.join('; ')}` : ''}`;
  return {
    ruleId: rule.id,
    level: rule.defaultConfiguration!.level,
    message: { text },
    locations: [location(m.file, { startLine: m.line })],
  };
}

function location(file: string, region: Region): Result['locations'][number] {
  return { physicalLocation: { artifactLocation: { uri: fileUri(file), uriBaseId: SRCROOT }, region } };
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
export function fileUri(file: string): string {
  return file.split('/').map((segment) => encodeURIComponent(segment)).join('/');
}

function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, code);
}

/** `Weights do not add up to 100%` -> `WeightsDoNotAddUpTo100`. */
function pascalCase(title: string): string {
  return title.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Markdown to plain text: code spans lose their backticks. */
function plain(markdown: string): string {
  return markdown.replace(/`/g, '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
