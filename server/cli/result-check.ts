/**
 * The last check of a scorecard result before `kpi eval --format json` or
 * `kpi report` writes it: it must match the versioned schema
 * (grammar/results/schema.ts) that consumers read it with. A mismatch, such
 * as a NaN that JSON would print as `null` ("no data"), is a bug in kpi, and
 * printing the result would hide it.
 *
 * eval.ts loads this module only when a result is validated: building the
 * zod schemas takes milliseconds that table and CI output never need.
 * Validation skips zod's compiled fast path (`jitless`): a process parses
 * one result, and generating and compiling that code for every object
 * schema costs more than it saves (about 3 ms of a run). Same rules, same
 * messages: the fast path is only a faster way to the same answer.
 */

import { ScorecardResultSchema, type ScorecardResult } from '../../grammar/results/schema';

/** The result as the schema promises it; throws (an internal error) when it does not match. */
export function checkedResult(result: ScorecardResult): ScorecardResult {
  const parsed = ScorecardResultSchema.safeParse(result, { jitless: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the result does not match its schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
