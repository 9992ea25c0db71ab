/**
 * Deltas against the git base (`kpi.compare.base`) for inlay hints and
 * hovers: how each KPI's and index's value and status moved since the base
 * revision, e.g. `-2.3 vs main (was warning)` after a hint and
 * `vs main (abc1234): 59.3 -> 57 (-2.3), warning -> breach` in a hover.
 *
 * The comparison is `kpi diff`'s own (server/diff/compare.ts): measures
 * matched by name (renames by definition), changes in percentage points for
 * percents, time units converted. It is computed once per snapshot from the
 * two scorecards the snapshot holds (its own and the base's), never by
 * evaluating anything here.
 */

import type { MeasureDiff } from '../../diff/schema';
import { compareSides } from '../../diff/compare';
import type { SideScorecard } from '../../diff/evaluate-side';
import type { ScorecardResult } from '../../../grammar/results/schema';
import { statusLabel } from '../../../grammar/results/format';
import type { BaseComparison } from '../compare/base-scorecards';
import type { Snapshot } from '../workspace';

/** Characters of a branch name or definition phrase that Markdown would read as markup. */
const MARKDOWN_SPECIAL = /[\\`*_[\]]/g;

/** Both scorecards are keyed the same: one entry, the snapshot's file, on both sides. */
const ENTRY = 'entry';

interface Compared {
  scorecard: ScorecardResult;
  base: BaseComparison;
  byName: Map<string, MeasureDiff>;
}

const compared = new WeakMap<Snapshot, Compared>();

/** The base and this measure's diff, or undefined when there is no base or no results yet. */
export function measureDelta(snapshot: Snapshot, name: string): { base: BaseComparison; diff: MeasureDiff | undefined } | undefined {
  const base = snapshot.base;
  const scorecard = snapshot.scorecard;
  if (!base || !scorecard) return undefined;
  let known = compared.get(snapshot);
  if (!known || known.scorecard !== scorecard || known.base !== base) {
    known = { scorecard, base, byName: diffsByName(snapshot, scorecard, base) };
    compared.set(snapshot, known);
  }
  return { base, diff: known.byName.get(name) };
}

function diffsByName(snapshot: Snapshot, scorecard: ScorecardResult, base: BaseComparison): Map<string, MeasureDiff> {
  const head: SideScorecard = { entry: snapshot.file, program: snapshot.program, result: scorecard, data: snapshot.data, digests: new Map() };
  const report = compareSides({
    base: { label: base.revision.label, scorecards: new Map(base.side ? [[ENTRY, base.side]] : []) },
    head: { label: 'working copy', scorecards: new Map([[ENTRY, head]]) },
    entries: [ENTRY],
  });
  // Removed measures are named as on the base; only what the working copy declares is looked up.
  return new Map(report.measures.filter((m) => m.after !== null).map((m) => [m.name, m]));
}

/**
 * The hint's suffix: `-2.3 vs main`, `-2.3 vs main (was warning)`,
 * `was breach at HEAD`, `was 59.3 at main`; undefined when nothing moved or
 * there is nothing to compare (a new measure, errors on either side).
 */
export function deltaHint(snapshot: Snapshot, name: string): string | undefined {
  const found = measureDelta(snapshot, name);
  const diff = found?.diff;
  if (!found || !diff?.before?.evaluated || !diff.after?.evaluated) return undefined;
  const { before, after } = diff;
  const label = found.base.revision.label;
  const was = before.status !== null && before.status !== after.status ? statusLabel(before.status) : undefined;
  if (moved(diff)) return `${diff.deltaText} vs ${label}${was ? ` (was ${was})` : ''}`;
  if (before.valueText !== after.valueText) return `was ${before.valueText}${was ? `, ${was}` : ''} at ${label}`;
  return was ? `was ${was} at ${label}` : undefined;
}

/**
 * The hover's line: `vs main (abc1234): 59.3 -> 57 (-2.3), warning -> breach`,
 * `vs HEAD (abc1234): unchanged`, `vs main (abc1234): new`, with what changed
 * in the definition after a `;`. Undefined when there is no base.
 */
export function deltaHoverLine(snapshot: Snapshot, name: string): string | undefined {
  const found = measureDelta(snapshot, name);
  if (!found) return undefined;
  const { revision, side } = found.base;
  const label = escapeMarkdown(revision.label);
  const head = `vs ${label} (${revision.commit.slice(0, 7)}):`;
  const diff = found.diff;
  if (!side) return `${head} new (this file is not in ${label})`;
  if (!diff?.before) return `${head} new`;
  const { before, after } = diff;
  if (!before.evaluated) return `${head} not evaluated at ${label} (it had errors there)`;
  if (!after?.evaluated) return `${head} was ${before.valueText}${before.status ? `, ${statusLabel(before.status)}` : ''}`;
  const parts: string[] = [];
  if (diff.renamedFrom !== null) parts.push(`renamed from \`${diff.renamedFrom}\``);
  if (before.valueText !== after.valueText) {
    parts.push(`${before.valueText} -> ${after.valueText}${moved(diff) ? ` (${diff.deltaText})` : ''}`);
  }
  if (before.status !== null && after.status !== null && before.status !== after.status) {
    parts.push(`${statusLabel(before.status)} -> ${statusLabel(after.status)}`);
  }
  const values = parts.length > 0 ? parts.join(', ') : `unchanged (${after.valueText})`;
  const definition = diff.definition.length > 0 ? `; ${diff.definition.map(escapeMarkdown).join(', ')}` : '';
  return `${head} ${values}${definition}`;
}

/** A change that shows once rounded (`+0.00` is no change). */
function moved(diff: MeasureDiff): boolean {
  return /[1-9]/.test(diff.deltaText);
}

function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, '\\$&');
}
