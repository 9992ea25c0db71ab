/**
 * What changed between two versions of a KPI or index definition, in short
 * phrases an analyst reads in a pull request: `target <= 30 min -> <= 20
 * min`, `warn added: >= 75%`, `aggregation mean -> median`, `filter added:
 * channel = "chat"`, `unit minutes -> hours`, `csat: weight 35% -> 30%`,
 * `component added: nps`, `nps: score mapping [-100 -> 0, 100 -> 100] -> [-50 -> 0, 100 -> 100]`.
 *
 * Works on the lowered plans (grammar/eval/plan.ts), so formatting and
 * comments never count as a change and `target <= 2 hours` equals `target
 * <= 120` on a minutes KPI. Measures renamed in the same change are compared
 * under their new names, so a renamed component is one phrase, not a removal
 * and an addition. Doc comments are not part of the definition.
 */

import type {
  ColumnRef, ComponentPlan, MeasureExpr, MeasurePlan, ScoreMapping, ThresholdPlan, TrendPlan, Unit,
} from '../../grammar/eval/plan';
import { formatThreshold, formatWeight } from '../../grammar/results/format';
import { aggregateName, literalText, measureText, rowText, shortText } from './expr-text';

/** Old name -> new name, for measures renamed between the two sides. */
export type Renames = ReadonlyMap<string, string>;

export function describeChanges(before: MeasurePlan, after: MeasurePlan, renames: Renames): string[] {
  const out: string[] = [];
  if (before.kind !== after.kind) out.push(`${before.kind} -> ${after.kind}`);
  if (before.title !== after.title) out.push(`title ${quoted(before.title)} -> ${quoted(after.title)}`);
  if (before.unit !== after.unit) out.push(`unit ${before.unit} -> ${after.unit}`);
  if (before.direction !== null && after.direction !== null && before.direction !== after.direction) {
    out.push(`direction ${before.direction} -> ${after.direction}`);
  }
  if (before.kind === 'kpi' && after.kind === 'kpi') {
    out.push(...valueChanges(inSeconds(renameRefs(before.value, renames), before.unit), inSeconds(after.value, after.unit)));
  }
  if (before.kind === 'index' && after.kind === 'index') out.push(...componentChanges(before.components, after.components, renames));
  out.push(...thresholdChanges(before, after));
  const breakdownBefore = before.breakdown.map(columnText).join(', ') || 'none';
  const breakdownAfter = after.breakdown.map(columnText).join(', ') || 'none';
  if (breakdownBefore !== breakdownAfter) out.push(`breakdown ${breakdownBefore} -> ${breakdownAfter}`);
  const trendBefore = trendText(before.trend);
  const trendAfter = trendText(after.trend);
  if (trendBefore !== trendAfter) out.push(`trend ${trendBefore} -> ${trendAfter}`);
  return out;
}

/**
 * A key equal for two measures with the same definition whatever their name,
 * title and doc comment: what the rename heuristic matches on.
 */
export function definitionKey(plan: MeasurePlan): string {
  const { name: _name, title: _title, doc: _doc, ...definition } = plan;
  return canonical(definition);
}

// ---------------------------------------------------------------- value

/**
 * A value expression scaled to seconds when its unit is a time, so the unit
 * conversion the checker adds (`mean(x) * 0.0167` for a minutes column shown
 * in hours) is no change of its own: `unit minutes -> hours` says it.
 */
interface Scaled {
  expr: MeasureExpr;
  /** The factor to seconds (1 for other units), rounded so conversions compare equal. */
  scale: number;
}

function inSeconds(expr: MeasureExpr, unit: Unit): Scaled {
  const toSeconds = SECONDS[unit] ?? 1;
  if (expr.kind === 'arith' && (expr.op === '*' || expr.op === '/') && expr.right.kind === 'constant' && expr.right.value !== 0) {
    const factor = expr.op === '*' ? expr.right.value : 1 / expr.right.value;
    return { expr: expr.left, scale: roundScale(toSeconds * factor) };
  }
  return { expr, scale: roundScale(toSeconds) };
}

function roundScale(scale: number): number {
  return Number(scale.toPrecision(12));
}

function valueChanges(scaledBefore: Scaled, scaledAfter: Scaled): string[] {
  const before = scaledBefore.expr;
  const after = scaledAfter.expr;
  if (canonical(before) === canonical(after)) {
    return scaledBefore.scale === scaledAfter.scale ? [] : [`value scaled by ${roundScale(scaledAfter.scale / scaledBefore.scale)}`];
  }
  if (before.kind !== 'aggregate' || after.kind !== 'aggregate') {
    return [`value ${shortText(measureText(before))} -> ${shortText(measureText(after))}`];
  }
  const out: string[] = [];
  const nameBefore = aggregateName(before);
  const nameAfter = aggregateName(after);
  if (nameBefore !== nameAfter) out.push(`aggregation ${nameBefore} -> ${nameAfter}`);
  if (before.dataset !== after.dataset) out.push(`dataset ${before.dataset} -> ${after.dataset}`);
  if (canonical(before.arg) !== canonical(after.arg)) {
    const what = after.fn === 'share' ? 'condition' : 'argument';
    const text = (e: typeof before.arg, dataset: string) => (e === null ? dataset : shortText(rowText(e), 40));
    out.push(`${what} ${text(before.arg, before.dataset)} -> ${text(after.arg, after.dataset)}`);
  }
  if (canonical(before.filter) !== canonical(after.filter)) {
    if (before.filter === null && after.filter !== null) out.push(`filter added: ${shortText(rowText(after.filter))}`);
    else if (before.filter !== null && after.filter === null) out.push(`filter removed: ${shortText(rowText(before.filter))}`);
    else if (before.filter !== null && after.filter !== null) {
      out.push(`filter changed: ${shortText(rowText(before.filter), 40)} -> ${shortText(rowText(after.filter), 40)}`);
    }
  }
  // Same name, dataset, argument and filter but still different (a quantile nuance): say so plainly.
  if (out.length === 0) out.push(`value ${shortText(measureText(before))} -> ${shortText(measureText(after))}`);
  return out;
}

function renameRefs(expr: MeasureExpr, renames: Renames): MeasureExpr {
  switch (expr.kind) {
    case 'measure': return { kind: 'measure', name: renames.get(expr.name) ?? expr.name };
    case 'arith': return { ...expr, left: renameRefs(expr.left, renames), right: renameRefs(expr.right, renames) };
    case 'neg': return { ...expr, operand: renameRefs(expr.operand, renames) };
    default: return expr;
  }
}

// ---------------------------------------------------------------- index components

function componentChanges(before: readonly ComponentPlan[], after: readonly ComponentPlan[], renames: Renames): string[] {
  const out: string[] = [];
  const afterByName = new Map(after.map((c) => [c.name, c]));
  const matched = new Set<string>();
  for (const old of before) {
    const name = renames.get(old.name) ?? old.name;
    const current = afterByName.get(name);
    if (!current) {
      out.push(`component removed: ${old.name}`);
      continue;
    }
    matched.add(name);
    if (name !== old.name) out.push(`component renamed: ${old.name} -> ${name}`);
    if (Math.abs(old.weight - current.weight) > 1e-12) out.push(`${name}: weight ${formatWeight(old.weight)} -> ${formatWeight(current.weight)}`);
    if (canonical(old.score) !== canonical(current.score)) out.push(`${name}: score mapping ${mappingText(old.score)} -> ${mappingText(current.score)}`);
  }
  for (const added of after) {
    if (!matched.has(added.name)) out.push(`component added: ${added.name} (weight ${formatWeight(added.weight)})`);
  }
  return out;
}

function mappingText(mapping: ScoreMapping): string {
  return mapping.kind === 'identity' ? 'none' : `[${mapping.points.map(([x, score]) => `${x} -> ${score}`).join(', ')}]`;
}

// ---------------------------------------------------------------- thresholds

const LEVELS: ReadonlyArray<ThresholdPlan['level']> = ['target', 'warn', 'critical'];

function thresholdChanges(before: MeasurePlan, after: MeasurePlan): string[] {
  const out: string[] = [];
  const keyOf = (t: ThresholdPlan) => `${t.level}\u0000${t.segment ? `${t.segment.column.dataset}.${t.segment.column.column}=${literalText(t.segment.value)}` : ''}`;
  const beforeByKey = new Map(before.thresholds.map((t) => [keyOf(t), t]));
  const afterByKey = new Map(after.thresholds.map((t) => [keyOf(t), t]));
  // Levels in order, the general threshold before segment ones, each segment in first-seen order.
  const keys = [...new Set([...before.thresholds, ...after.thresholds].map(keyOf))].sort((a, b) => {
    const [levelA, segmentA] = a.split('\u0000');
    const [levelB, segmentB] = b.split('\u0000');
    return LEVELS.indexOf(levelA as ThresholdPlan['level']) - LEVELS.indexOf(levelB as ThresholdPlan['level'])
      || Number(segmentA !== '') - Number(segmentB !== '');
  });
  for (const key of keys) {
    const old = beforeByKey.get(key);
    const current = afterByKey.get(key);
    const sample = (current ?? old)!;
    const label = sample.segment
      ? `${sample.level} for ${sample.segment.column.column} = ${literalText(sample.segment.value)}`
      : sample.level;
    if (old && current) {
      if (!sameThreshold(old, before.unit, current, after.unit)) {
        out.push(`${label} ${formatThreshold(old, before.unit)} -> ${formatThreshold(current, after.unit)}`);
      }
    } else if (current) {
      out.push(`${label} added: ${formatThreshold(current, after.unit)}`);
    } else if (old) {
      out.push(`${label} removed (was ${formatThreshold(old, before.unit)})`);
    }
  }
  return out;
}

const SECONDS: Partial<Record<Unit, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Same comparator and the same quantity, time units converted. */
function sameThreshold(a: ThresholdPlan, unitA: Unit, b: ThresholdPlan, unitB: Unit): boolean {
  if (a.op !== b.op) return false;
  const factorA = SECONDS[unitA];
  const factorB = SECONDS[unitB];
  const [x, y] = factorA !== undefined && factorB !== undefined ? [a.value * factorA, b.value * factorB]
    : unitA === unitB ? [a.value, b.value] : [NaN, NaN];
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
}

// ---------------------------------------------------------------- helpers

function columnText(column: ColumnRef): string {
  return column.column;
}

function trendText(trend: TrendPlan | null): string {
  return trend ? `${trend.period}(${trend.column.column})` : 'none';
}

function quoted(text: string | null): string {
  return text === null ? 'none' : JSON.stringify(text);
}

/** JSON with object keys sorted: equal for equal values whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
