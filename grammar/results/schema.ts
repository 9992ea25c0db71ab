/**
 * The versioned result model: one evaluation of a scorecard, shared by every
 * surface (CLI table and JSON, editor hints and hovers, reports, diffs).
 *
 * The zod schema is the source of truth; the TypeScript types are inferred
 * from it and `docs/result-schema.json` is generated from it. Bump
 * RESULT_VERSION (version.ts) on any incompatible change.
 *
 * Written with `zod/mini` (functions and `.check(...)` instead of chained
 * methods): the same validation core and messages as `zod`, but a `kpi eval
 * --format json` or `kpi report` that loads only these schemas starts about
 * 2 ms sooner (zod's method API loads more code and gives every schema, and
 * every chained call, a fresh object carrying all its methods).
 *
 * Conventions: `value: null` means no data. Percent values are fractions
 * (0.874 = 87.4%). Index values are scores 0..100.
 */

import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { RESULT_VERSION } from './version';

export { RESULT_VERSION };

// English messages, as `zod` sets them when it loads (`zod/mini` leaves the choice to us).
z.config(en());

function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  return schema.check(z.describe(description));
}

const whole = (): z.ZodMiniNumber<number> => z.number().check(z.int(), z.nonnegative());
const position = (): z.ZodMiniNumber<number> => z.number().check(z.int(), z.positive());

export const UnitSchema = z.enum([
  'seconds', 'minutes', 'hours', 'days', 'percent', 'score', 'points', 'count', 'currency', 'none',
]);

export const StatusSchema = described(
  z.enum(['on_target', 'warning', 'breach', 'critical', 'no_data', 'no_target']),
  'on_target: meets target; warning: meets warn; breach: misses warn (or target); critical: misses critical; no_data: no value; no_target: no target declared',
);

export const ThresholdSchema = z.object({
  level: z.enum(['target', 'warn', 'critical']),
  op: z.enum(['>=', '>', '<=', '<']),
  value: z.number(),
});

const counts = {
  rowsUsed: described(whole(), 'Rows that contributed a value'),
  rowsSkipped: described(whole(), 'Rows in scope whose value was missing or whose condition was unknown'),
};

export const SegmentValueSchema = z.object({
  segment: z.string(),
  value: z.nullable(z.number()),
  status: StatusSchema,
  ...counts,
  partial: z.optional(z.boolean()),
});

export const BreakdownSchema = z.object({
  dataset: z.string(),
  column: z.string(),
  segments: z.array(SegmentValueSchema),
});

export const PeriodValueSchema = z.object({
  period: described(z.string(), 'day 2025-03-14, week 2025-W11, month 2025-03, quarter 2025-Q1'),
  value: z.nullable(z.number()),
  status: StatusSchema,
  change: described(z.nullable(z.number()), 'value minus the previous period value; null when either has no data'),
  ...counts,
  partial: z.optional(z.boolean()),
});

export const TrendSchema = z.object({
  dataset: z.string(),
  column: z.string(),
  period: z.enum(['day', 'week', 'month', 'quarter']),
  periods: z.array(PeriodValueSchema),
});

export const ComponentResultSchema = z.object({
  name: z.string(),
  weight: described(z.number(), 'Declared weight, fraction 0..1'),
  effectiveWeight: described(z.number(), 'Weight after renormalising over components with data'),
  value: described(z.nullable(z.number()), 'The component measure value in its own unit'),
  score: described(z.nullable(z.number()), 'Score 0..100 after mapping'),
  contribution: described(z.nullable(z.number()), 'effectiveWeight x score: its share of the index value'),
});

export const MeasureResultSchema = z.object({
  kind: z.enum(['kpi', 'index']),
  name: z.string(),
  title: z.nullable(z.string()),
  file: described(z.string(), 'Path of the defining .kpi file, relative to the workspace root'),
  line: described(position(), '1-based line of the declaration'),
  unit: UnitSchema,
  direction: z.nullable(z.enum(['higher', 'lower'])),
  value: z.nullable(z.number()),
  status: StatusSchema,
  thresholds: z.array(ThresholdSchema),
  ...counts,
  partial: described(z.boolean(), 'Index only: some components had no data and weights were renormalised'),
  components: z.optional(z.array(ComponentResultSchema)),
  breakdowns: z.array(BreakdownSchema),
  trend: z.nullable(TrendSchema),
});

export const DatasetResultSchema = z.object({
  name: z.string(),
  source: described(z.string(), 'Data file path as used (relative to the workspace root when inside it)'),
  rowsRead: whole(),
  rowsRejected: whole(),
});

export const DiagnosticResultSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  file: z.string(),
  line: position(),
  column: position(),
  endLine: position(),
  endColumn: position(),
});

export const ScorecardResultSchema = z.object({
  version: z.literal(RESULT_VERSION),
  file: described(z.string(), 'The evaluated .kpi file, relative to the workspace root'),
  datasets: z.array(DatasetResultSchema),
  measures: described(z.array(MeasureResultSchema), 'KPIs and indices in declaration order'),
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
