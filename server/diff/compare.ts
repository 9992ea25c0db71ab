/**
 * The comparison behind `kpi diff`: from the evaluations of every entry file
 * on both sides to a DiffReport. Pure: evaluation and IO happened before.
 *
 * Measures are matched by name within an entry file. A measure only on BASE
 * and one only on HEAD with the same definition (definitionKey: everything
 * but name, title and doc) are one measure renamed. A measure that is
 * declared but has errors is "not evaluated" on that side (broken / fixed),
 * not removed. Status verdicts follow server/formats/statuses.ts. Measures
 * are listed worst first: a status that got worse, then broken, removed,
 * added, renamed, redefined, fixed, better, value-only and unchanged ones;
 * within a group in declaration order.
 */

import type { MeasurePlan } from '../../grammar/eval/plan';
import type { Program } from '../../grammar/program';
import type { DiagnosticResult, MeasureResult, Unit } from '../../grammar/results/schema';
import { formatChange, formatValue } from '../../grammar/results/format';
import { statusSeverity, statusVerdict } from '../formats/statuses';
import { definitionKey, describeChanges, type Renames } from './describe-plan';
import type { SideScorecard } from './evaluate-side';
import {
  DIFF_VERSION, type Change, type ComponentDiff, type DatasetDiff, type DatasetSide, type DiffReport, type DiffSummary,
  type MeasureDiff, type MeasureSide,
} from './schema';

export interface DiffSide {
  label: string;
  /** Evaluations by entry file; an entry missing here does not exist on this side. */
  scorecards: ReadonlyMap<string, SideScorecard>;
}

export interface DiffInput {
  base: DiffSide;
  head: DiffSide;
  /** The entry files compared, in order. */
  entries: readonly string[];
}

export function compareSides(input: DiffInput): DiffReport {
  const measures: MeasureDiff[] = [];
  for (const entry of input.entries) {
    measures.push(...compareEntry(entry, input.base.scorecards.get(entry), input.head.scorecards.get(entry)));
  }
  const ordered = measures
    .map((m, position) => ({ m, position }))
    .sort((a, b) => rank(a.m) - rank(b.m) || severityAfter(b.m) - severityAfter(a.m) || a.position - b.position)
    .map(({ m }) => m);
  const datasets = compareDatasets(input.base, input.head);
  return {
    version: DIFF_VERSION,
    base: { label: input.base.label },
    head: { label: input.head.label },
    scorecards: input.entries.map((file) => ({ file, base: input.base.scorecards.has(file), head: input.head.scorecards.has(file) })),
    summary: summarize(ordered, datasets),
    measures: ordered,
    datasets,
    diagnostics: { base: sideDiagnostics(input.base), head: sideDiagnostics(input.head) },
  };
}

// ---------------------------------------------------------------- measures of one entry

/** A KPI or index as declared on one side, with its plan and result when it was evaluated. */
interface Declared {
  name: string;
  kind: 'kpi' | 'index';
  file: string;
  line: number;
  title: string | null;
  plan?: MeasurePlan;
  result?: MeasureResult;
}

function compareEntry(entry: string, base: SideScorecard | undefined, head: SideScorecard | undefined): MeasureDiff[] {
  const before = base ? declaredMeasures(base) : new Map<string, Declared>();
  const after = head ? declaredMeasures(head) : new Map<string, Declared>();

  const removed = [...before.values()].filter((m) => !after.has(m.name));
  const added = [...after.values()].filter((m) => !before.has(m.name));
  const renames = new Map<string, string>();
  const renamedFrom = new Map<string, string>();
  for (const old of removed) {
    if (!old.plan) continue;
    const key = definitionKey(old.plan);
    const match = added.find((m) => m.plan && m.kind === old.kind && !renamedFrom.has(m.name) && definitionKey(m.plan) === key);
    if (match) {
      renames.set(old.name, match.name);
      renamedFrom.set(match.name, old.name);
    }
  }

  const out: MeasureDiff[] = [];
  for (const current of after.values()) {
    const oldName = renamedFrom.get(current.name);
    out.push(measureDiff(entry, before.get(oldName ?? current.name), current, oldName ?? null, renames));
  }
  for (const old of before.values()) {
    if (!after.has(old.name) && !renames.has(old.name)) out.push(measureDiff(entry, old, undefined, null, renames));
  }
  return out;
}

/** Every KPI and index declared in the entry's closure, in declaration order (imports first). */
function declaredMeasures(side: SideScorecard): Map<string, Declared> {
  const program: Program = side.program;
  const plans = new Map(program.plan.measures.map((p) => [p.name, p]));
  const results = new Map(side.result.measures.map((r) => [r.name, r]));
  const out = new Map<string, Declared>();
  for (const source of program.files.values()) {
    for (const decl of source.ast.declarations) {
      if ((decl.kind !== 'kpi' && decl.kind !== 'index') || !decl.name) continue;
      const declared = program.declarations.get(`${decl.kind}:${decl.name.text}`);
      if (!declared || declared.decl !== decl || out.has(decl.name.text)) continue;
      const name = decl.name.text;
      out.set(name, {
        name,
        kind: decl.kind,
        file: source.file,
        line: source.lines.position(decl.name.span.start).line + 1,
        title: decl.title?.value ?? null,
        plan: plans.get(name),
        result: results.get(name),
      });
    }
  }
  return out;
}

function measureDiff(entry: string, before: Declared | undefined, after: Declared | undefined, renamedFrom: string | null, renames: Renames): MeasureDiff {
  const sideBefore = before ? measureSide(before) : null;
  const sideAfter = after ? measureSide(after) : null;
  const definition = before?.plan && after?.plan ? describeChanges(before.plan, after.plan, renames) : [];
  const delta = valueDelta(sideBefore, sideAfter);
  const change: Change = !before ? 'added'
    : !after ? 'removed'
      : renamedFrom !== null ? 'renamed'
        : !sideAfter!.evaluated ? 'broken'
          : !sideBefore!.evaluated ? 'fixed'
            : definition.length > 0 ? 'definition'
              : movedValue(sideBefore!, sideAfter!) ? 'value' : 'unchanged';
  return {
    scorecard: entry,
    name: (after ?? before)!.name,
    kind: (after ?? before)!.kind,
    change,
    renamedFrom,
    definition,
    before: sideBefore,
    after: sideAfter,
    delta,
    deltaText: delta === null || delta === 0 || !sideAfter?.unit ? '' : formatChange(delta, sideAfter.unit),
    verdict: statusVerdict(sideBefore?.status ?? null, sideAfter?.status ?? null),
    // A side that is declared but not evaluated has no components to compare: list none rather than all removed.
    components: (before && !before.result) || (after && !after.result) ? [] : componentDiffs(before?.result, after?.result, renames),
  };
}

function measureSide(m: Declared): MeasureSide {
  const r = m.result;
  return {
    file: m.file,
    line: m.line,
    title: r?.title ?? m.title,
    evaluated: r !== undefined,
    unit: r?.unit ?? null,
    value: r?.value ?? null,
    valueText: r ? formatValue(r.value, r.unit) : 'not evaluated',
    status: r?.status ?? null,
    partial: r?.partial ?? false,
  };
}

const SECONDS: Partial<Record<Unit, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** after - before in the HEAD unit (time units converted); null without two values in compatible units. */
function valueDelta(before: MeasureSide | null, after: MeasureSide | null): number | null {
  if (!before || !after || before.value === null || after.value === null || !before.unit || !after.unit) return null;
  if (before.unit === after.unit) return after.value - before.value;
  const from = SECONDS[before.unit];
  const to = SECONDS[after.unit];
  return from !== undefined && to !== undefined ? after.value - (before.value * from) / to : null;
}

function movedValue(before: MeasureSide, after: MeasureSide): boolean {
  return before.value !== after.value || before.status !== after.status || before.partial !== after.partial;
}

function componentDiffs(before: MeasureResult | undefined, after: MeasureResult | undefined, renames: Renames): ComponentDiff[] {
  const old = before?.components ?? [];
  const current = after?.components ?? [];
  if (old.length === 0 && current.length === 0) return [];
  const oldByNewName = new Map(old.map((c) => [renames.get(c.name) ?? c.name, c]));
  const out: ComponentDiff[] = [];
  const seen = new Set<string>();
  for (const c of current) {
    const previous = oldByNewName.get(c.name);
    seen.add(c.name);
    out.push(componentDiff(c.name, previous && previous.name !== c.name ? previous.name : null, previous, c));
  }
  for (const [name, c] of oldByNewName) {
    if (!seen.has(name)) out.push(componentDiff(c.name, null, c, undefined));
  }
  return out;
}

type ComponentResult = NonNullable<MeasureResult['components']>[number];

function componentDiff(name: string, renamedFrom: string | null, before: ComponentResult | undefined, after: ComponentResult | undefined): ComponentDiff {
  const contributionBefore = before?.contribution ?? null;
  const contributionAfter = after?.contribution ?? null;
  return {
    name,
    renamedFrom,
    weightBefore: before?.weight ?? null,
    weightAfter: after?.weight ?? null,
    contributionBefore,
    contributionAfter,
    delta: contributionBefore === null || contributionAfter === null ? null : contributionAfter - contributionBefore,
  };
}

// ---------------------------------------------------------------- order and summary

const CHANGE_RANK: Record<Change, number> = {
  broken: 1, removed: 2, added: 3, renamed: 4, definition: 5, fixed: 6, value: 8, unchanged: 9,
};

function rank(m: MeasureDiff): number {
  if (m.verdict === 'worse') return 0;
  if (m.verdict === 'better' && (m.change === 'value' || m.change === 'unchanged')) return 7;
  return CHANGE_RANK[m.change];
}

function severityAfter(m: MeasureDiff): number {
  return m.after?.status ? statusSeverity(m.after.status) ?? -1 : -1;
}

function summarize(measures: readonly MeasureDiff[], datasets: readonly DatasetDiff[]): DiffSummary {
  const count = (change: Change) => measures.filter((m) => m.change === change).length;
  return {
    worse: measures.filter((m) => m.verdict === 'worse').length,
    better: measures.filter((m) => m.verdict === 'better').length,
    added: count('added'),
    removed: count('removed'),
    renamed: count('renamed'),
    broken: count('broken'),
    fixed: count('fixed'),
    definition: count('definition'),
    value: count('value'),
    unchanged: count('unchanged'),
    datasetsChanged: datasets.filter((d) => d.changed).length,
  };
}

// ---------------------------------------------------------------- datasets and diagnostics

interface DatasetFacts {
  name: string;
  declaredIn: string;
  side: DatasetSide;
  digest: string | null;
}

function datasetsOf(side: DiffSide): Map<string, DatasetFacts> {
  const out = new Map<string, DatasetFacts>();
  for (const scorecard of side.scorecards.values()) {
    for (const binding of scorecard.program.datasets) {
      const key = `${binding.file}\u0000${binding.name}`;
      const loaded = scorecard.data.get(binding.name);
      if (out.has(key) || !loaded) continue;
      const read = loaded.status === 'loaded' && !loaded.result.fatal;
      out.set(key, {
        name: binding.name,
        declaredIn: binding.file,
        digest: scorecard.digests.get(binding.name) ?? null,
        side: {
          file: loaded.displayPath,
          read,
          rowsRead: read && loaded.status === 'loaded' ? loaded.result.rowsRead : 0,
          rowsRejected: read && loaded.status === 'loaded' ? loaded.result.rowsRejected : 0,
        },
      });
    }
  }
  return out;
}

function compareDatasets(base: DiffSide, head: DiffSide): DatasetDiff[] {
  const before = datasetsOf(base);
  const after = datasetsOf(head);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  return keys.map((key) => {
    const old = before.get(key);
    const current = after.get(key);
    const facts = (current ?? old)!;
    const changed = !old || !current || old.digest !== current.digest || old.side.file !== current.side.file
      || old.side.read !== current.side.read;
    return { name: facts.name, declaredIn: facts.declaredIn, changed, before: old?.side ?? null, after: current?.side ?? null };
  });
}

function sideDiagnostics(side: DiffSide): DiagnosticResult[] {
  const seen = new Map<string, DiagnosticResult>();
  for (const scorecard of side.scorecards.values()) {
    for (const d of scorecard.result.diagnostics) seen.set(JSON.stringify(d), d);
  }
  return [...seen.values()].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column
    || compareText(a.code, b.code) || compareText(a.message, b.message));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
