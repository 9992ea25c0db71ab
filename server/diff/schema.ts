/**
 * The result of `kpi diff`: how a repository's scorecards differ between two
 * sides (two git revisions, a revision and the working tree, or two
 * folders). `--format json` prints a DiffReport; docs/ci.md documents it.
 *
 * The zod schema is the source of truth and the types are inferred from it;
 * bump DIFF_VERSION on any incompatible change. Conventions follow the
 * result model (grammar/results/schema.ts): `null` values are no data,
 * percent values are fractions, file paths are relative to the repository
 * root (to each folder in folder mode) with `/` separators.
 */

import * as z from 'zod';
import { DiagnosticResultSchema, StatusSchema, UnitSchema } from '../../grammar/results/schema';

export const DIFF_VERSION = 1;

export const VerdictSchema = z.enum(['worse', 'better', 'unchanged', 'neutral'])
  .describe('How the status moved: by on_target > warning > breach > critical; neutral when either side is no_data, no_target or absent');

export const ChangeSchema = z.enum(['added', 'removed', 'renamed', 'broken', 'fixed', 'definition', 'value', 'unchanged'])
  .describe('added/removed: only on one side; renamed: removed and added with an identical definition; broken: declared on HEAD '
    + 'but not evaluated (it has errors); fixed: the reverse; definition: the definition changed; value: only the value or status moved');

export const MeasureSideSchema = z.object({
  file: z.string().describe('The .kpi file that declares it'),
  line: z.number().int().positive(),
  title: z.string().nullable(),
  evaluated: z.boolean().describe('false: declared but left out of evaluation because of errors'),
  unit: z.nullable(UnitSchema),
  value: z.number().nullable(),
  valueText: z.string().describe('The value as people read it: `87.4%`, `no data`, `not evaluated`'),
  status: z.nullable(StatusSchema).describe('null when not evaluated'),
  partial: z.boolean(),
});

export const ComponentDiffSchema = z.object({
  name: z.string(),
  renamedFrom: z.string().nullable(),
  weightBefore: z.number().nullable().describe('Declared weight, fraction 0..1; null when not a component on that side'),
  weightAfter: z.number().nullable(),
  contributionBefore: z.number().nullable().describe('Points of the index value this component gave'),
  contributionAfter: z.number().nullable(),
  delta: z.number().nullable().describe('contributionAfter - contributionBefore, in index points'),
});

export const MeasureDiffSchema = z.object({
  scorecard: z.string().describe('The entry .kpi file it was evaluated through'),
  name: z.string().describe('The name on HEAD (on BASE when removed)'),
  kind: z.enum(['kpi', 'index']),
  change: ChangeSchema,
  renamedFrom: z.string().nullable(),
  definition: z.array(z.string()).describe('What changed in the definition, one short phrase each: `target <= 30 min -> <= 20 min`'),
  before: MeasureSideSchema.nullable(),
  after: MeasureSideSchema.nullable(),
  delta: z.number().nullable().describe('after - before in the HEAD unit; null when either has no data or the units do not convert'),
  deltaText: z.string().describe('The delta as people read it (`+2.1 pts` for percents); empty when null or zero'),
  verdict: VerdictSchema,
  components: z.array(ComponentDiffSchema).describe('Indices: each component\'s contribution on both sides; [] for KPIs'),
});

export const DatasetSideSchema = z.object({
  file: z.string(),
  read: z.boolean().describe('false: the file could not be read on that side'),
  rowsRead: z.number().int().nonnegative(),
  rowsRejected: z.number().int().nonnegative(),
});

export const DatasetDiffSchema = z.object({
  name: z.string(),
  declaredIn: z.string().describe('The .kpi file that declares the dataset'),
  changed: z.boolean().describe('The file\'s bytes differ, or it is read on one side only'),
  before: DatasetSideSchema.nullable(),
  after: DatasetSideSchema.nullable(),
});

export const ScorecardPresenceSchema = z.object({
  file: z.string(),
  base: z.boolean(),
  head: z.boolean(),
});

export const DiffSummarySchema = z.object({
  worse: z.number().int().nonnegative(),
  better: z.number().int().nonnegative(),
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  renamed: z.number().int().nonnegative(),
  broken: z.number().int().nonnegative(),
  fixed: z.number().int().nonnegative(),
  definition: z.number().int().nonnegative(),
  value: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  datasetsChanged: z.number().int().nonnegative(),
});

export const DiffReportSchema = z.object({
  version: z.literal(DIFF_VERSION),
  base: z.object({ label: z.string() }),
  head: z.object({ label: z.string() }),
  scorecards: z.array(ScorecardPresenceSchema).describe('The entry .kpi files compared'),
  summary: DiffSummarySchema,
  measures: z.array(MeasureDiffSchema).describe('Worst changes first; unchanged measures last'),
  datasets: z.array(DatasetDiffSchema),
  diagnostics: z.object({ base: z.array(DiagnosticResultSchema), head: z.array(DiagnosticResultSchema) }),
});

export type Verdict = z.infer<typeof VerdictSchema>;
export type Change = z.infer<typeof ChangeSchema>;
export type MeasureSide = z.infer<typeof MeasureSideSchema>;
export type ComponentDiff = z.infer<typeof ComponentDiffSchema>;
export type MeasureDiff = z.infer<typeof MeasureDiffSchema>;
export type DatasetSide = z.infer<typeof DatasetSideSchema>;
export type DatasetDiff = z.infer<typeof DatasetDiffSchema>;
export type DiffSummary = z.infer<typeof DiffSummarySchema>;
export type DiffReport = z.infer<typeof DiffReportSchema>;
