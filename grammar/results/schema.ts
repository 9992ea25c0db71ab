/**
 * The versioned result model: one evaluation of a scorecard, shared by every
 * surface (CLI table and JSON, editor hints and hovers, reports, diffs).
 *
 * The zod schema is the source of truth; the TypeScript types are inferred
 * from it and `docs/result-schema.json` is generated from it. Bump
 * RESULT_VERSION (version.ts) on any incompatible change.
 *
 * Conventions: `value: null` means no data. Percent values are fractions
 * (0.874 = 87.4%). Index values are scores 0..100.
 */

import * as z from 'zod';
import { RESULT_VERSION } from './version';

export { RESULT_VERSION };

export const UnitSchema = z.enum([
  'seconds', 'minutes', 'hours', 'days', 'percent', 'score', 'points', 'count', 'currency', 'none',
]);

export const StatusSchema = z
  .enum(['on_target', 'warning', 'breach', 'critical', 'no_data', 'no_target'])
  .describe('on_target: meets target; warning: meets warn; breach: misses warn (or target); critical: misses critical; no_data: no value; no_target: no target declared');

export const ThresholdSchema = z.object({
  level: z.enum(['target', 'warn', 'critical']),
  op: z.enum(['>=', '>', '<=', '<']),
  value: z.number(),
});

const counts = {
  rowsUsed: z.number().int().nonnegative().describe('Rows that contributed a value'),
  rowsSkipped: z.number().int().nonnegative().describe('Rows in scope whose value was missing or whose condition was unknown'),
};

export const SegmentValueSchema = z.object({
  segment: z.string(),
  value: z.number().nullable(),
  status: StatusSchema,
  ...counts,
  partial: z.boolean().optional(),
});

export const BreakdownSchema = z.object({
  dataset: z.string(),
  column: z.string(),
  segments: z.array(SegmentValueSchema),
});

export const PeriodValueSchema = z.object({
  period: z.string().describe('day 2025-03-14, week 2025-W11, month 2025-03, quarter 2025-Q1'),
  value: z.number().nullable(),
  status: StatusSchema,
  change: z.number().nullable().describe('value minus the previous period value; null when either has no data'),
  ...counts,
  partial: z.boolean().optional(),
});

export const TrendSchema = z.object({
  dataset: z.string(),
  column: z.string(),
  period: z.enum(['day', 'week', 'month', 'quarter']),
  periods: z.array(PeriodValueSchema),
});

export const ComponentResultSchema = z.object({
  name: z.string(),
  weight: z.number().describe('Declared weight, fraction 0..1'),
  effectiveWeight: z.number().describe('Weight after renormalising over components with data'),
  value: z.number().nullable().describe('The component measure value in its own unit'),
  score: z.number().nullable().describe('Score 0..100 after mapping'),
  contribution: z.number().nullable().describe('effectiveWeight x score: its share of the index value'),
});

export const MeasureResultSchema = z.object({
  kind: z.enum(['kpi', 'index']),
  name: z.string(),
  title: z.string().nullable(),
  file: z.string().describe('Path of the defining .kpi file, relative to the workspace root'),
  line: z.number().int().positive().describe('1-based line of the declaration'),
  unit: UnitSchema,
  direction: z.enum(['higher', 'lower']).nullable(),
  value: z.number().nullable(),
  status: StatusSchema,
  thresholds: z.array(ThresholdSchema),
  ...counts,
  partial: z.boolean().describe('Index only: some components had no data and weights were renormalised'),
  components: z.array(ComponentResultSchema).optional(),
  breakdowns: z.array(BreakdownSchema),
  trend: TrendSchema.nullable(),
});

export const DatasetResultSchema = z.object({
  name: z.string(),
  source: z.string().describe('Data file path as used (relative to the workspace root when inside it)'),
  rowsRead: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
});

export const DiagnosticResultSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
});

export const ScorecardResultSchema = z.object({
  version: z.literal(RESULT_VERSION),
  file: z.string().describe('The evaluated .kpi file, relative to the workspace root'),
  datasets: z.array(DatasetResultSchema),
  measures: z.array(MeasureResultSchema).describe('KPIs and indices in declaration order'),
  diagnostics: z.array(DiagnosticResultSchema),
});

export type Unit = z.infer<typeof UnitSchema>;
export type Status = z.infer<typeof StatusSchema>;
export type SegmentValue = z.infer<typeof SegmentValueSchema>;
export type Breakdown = z.infer<typeof BreakdownSchema>;
export type PeriodValue = z.infer<typeof PeriodValueSchema>;
export type Trend = z.infer<typeof TrendSchema>;
export type ComponentResult = z.infer<typeof ComponentResultSchema>;
export type MeasureResult = z.infer<typeof MeasureResultSchema>;
export type DatasetResult = z.infer<typeof DatasetResultSchema>;
export type DiagnosticResult = z.infer<typeof DiagnosticResultSchema>;
export type ScorecardResult = z.infer<typeof ScorecardResultSchema>;
