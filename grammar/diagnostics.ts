/**
 * The diagnostic shape every phase reports in (syntax, binding, checking,
 * data), and the registry of stable codes. A code never changes meaning once
 * released; `docs/diagnostics.md` documents each one, and quick fixes key on
 * them. Spans are offsets into the text of `file`.
 */

import type { Span } from './syntax/ast';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedLocation {
  file: string;
  span: Span;
  message: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** Identity of the file, as given by the host (a path or a URI). */
  file: string;
  span: Span;
  related?: RelatedLocation[];
  /** Machine-readable details for quick fixes (e.g. `{ suggestion: 'fcr' }`). */
  data?: Record<string, unknown>;
}

export const DIAGNOSTIC_CODES = {
  KPI001: 'Syntax error',
  KPI002: 'Import cannot be read',
  KPI003: 'Import cycle',
  KPI010: 'Unknown name',
  KPI011: 'Duplicate name',
  KPI012: 'Unknown column',
  KPI013: 'Name of the wrong kind',
  KPI014: 'Ambiguous column: several datasets in scope',
  KPI020: 'Unknown type',
  KPI021: 'Unknown unit',
  KPI022: 'Unit mismatch',
  KPI023: 'Type mismatch',
  KPI024: 'Invalid column declaration',
  KPI030: 'Unknown function',
  KPI031: 'Wrong arguments',
  KPI032: 'Aggregation over several datasets',
  KPI033: 'Aggregation where a row value is expected',
  KPI034: 'Row value where an aggregation is expected',
  KPI040: 'Threshold contradicts the direction',
  KPI041: 'Warning level stricter than the target',
  KPI042: 'Duplicate threshold',
  KPI043: 'Percent threshold written without %',
  KPI044: 'Threshold without a target',
  KPI045: 'Missing value',
  KPI050: 'Weights do not add up to 100%',
  KPI051: 'Component needs a score mapping',
  KPI052: 'Invalid score mapping',
  KPI053: 'Component listed twice',
  KPI054: 'Index without components',
  KPI060: 'Cycle between KPIs or indices',
  KPI070: 'Invalid breakdown or trend',
  KPI080: 'Data file missing',
  KPI081: 'Data file outside the workspace',
  KPI082: 'Data file unreadable',
  KPI083: 'Column missing from the data file',
  KPI084: 'Rows rejected by the schema',
  KPI085: 'Column in the data file not declared',
  KPI086: 'Unsupported data file format',
  KPI087: 'Trend cut to its latest periods',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
