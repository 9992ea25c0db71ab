/**
 * Diagnostics as the CLI prints them, one per line, the format editors and CI
 * annotators parse: `file:line:col: severity KPI0xx message` (1-based line
 * and column). Also their JSON form (DiagnosticResult), their order, the
 * de-duplication of a file reported through several entries, and the summary.
 */

import * as path from 'node:path';
import type { Diagnostic } from '../../grammar/diagnostics';
import type { SourceFile } from '../../grammar/program';
import type { DiagnosticResult } from '../../grammar/results/schema';
import type { Palette } from './color';

/** A path for people: relative to `cwd` with `/` separators. */
export function displayFromCwd(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative === '' ? path.basename(file) : relative).split(path.sep).join('/');
}

/** A core Diagnostic with 1-based positions; `files` gives each file's line index. */
export function toDiagnosticResult(
  diagnostic: Diagnostic,
  files: ReadonlyMap<string, SourceFile>,
  displayFile: (file: string) => string,
): DiagnosticResult {
  const lines = files.get(diagnostic.file)?.lines;
  const start = lines ? lines.position(diagnostic.span.start) : { line: 0, column: 0 };
  const end = lines ? lines.position(diagnostic.span.end) : start;
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: displayFile(diagnostic.file),
    line: start.line + 1,
    column: start.column + 1,
    endLine: end.line + 1,
    endColumn: end.column + 1,
  };
}

/** A key equal for the same problem found through two entries. */
export function diagnosticKey(d: Diagnostic): string {
  return [d.file, d.span.start, d.span.end, d.code, d.severity, d.message].join('\u0000');
}

/** By file, then position, then code: the order a reader walks a file in. */
export function compareDiagnosticResults(a: DiagnosticResult, b: DiagnosticResult): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.code, b.code)
    || compareText(a.message, b.message);
}

export function formatDiagnosticLine(d: DiagnosticResult, palette: Palette): string {
  const severity = d.severity === 'error' ? palette.red(d.severity)
    : d.severity === 'warning' ? palette.yellow(d.severity)
      : palette.cyan(d.severity);
  return `${palette.bold(`${d.file}:${d.line}:${d.column}:`)} ${severity} ${palette.dim(d.code)} ${oneLine(d.message)}`;
}

export interface DiagnosticCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countDiagnostics(diagnostics: readonly DiagnosticResult[]): DiagnosticCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') counts.errors++;
    else if (d.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** `2 errors, 1 warning in 3 files`; `no problems in 1 file`. */
export function formatSummary(counts: DiagnosticCounts, fileCount: number): string {
  const files = plural(fileCount, 'file');
  if (counts.errors + counts.warnings + counts.infos === 0) return `no problems in ${files}`;
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos > 0) parts.push(`${counts.infos} info`);
  return `${parts.join(', ')} in ${files}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Messages stay on their line, so every diagnostic is exactly one line. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
