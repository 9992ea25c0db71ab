/**
 * Thresholds of a KPI or an index: converts each quantity into the measure's
 * unit (percents to fractions, time units into each other), infers the
 * direction from the target's comparator, and reports thresholds that point
 * the wrong way, repeat, lack a target, or contradict each other (a warning
 * level stricter than the target).
 */

import type { ThresholdDecl } from '../syntax/ast';
import type { Comparator, Direction, ThresholdPlan, Unit, Literal, ColumnRef } from '../eval/plan';
import type { CheckContext } from './context';
import { closestName, didYouMean } from './suggest';
import { UNIT_NAMES, conversionFactor, unitByName, unitPhrase } from './units';

export interface ThresholdScope {
  file: string;
  unit: Unit;
  declaredDirection: Direction | undefined;
  /** Resolves `for column = value` to a column of the measure's data; reports and returns undefined otherwise. */
  segment(decl: NonNullable<ThresholdDecl['segment']>): { column: ColumnRef; value: Literal } | undefined;
}

export function directionOf(op: Comparator): Direction {
  return op === '>=' || op === '>' ? 'higher' : 'lower';
}

export function checkThresholds(
  ctx: CheckContext,
  scope: ThresholdScope,
  thresholds: readonly ThresholdDecl[],
): { plans: ThresholdPlan[]; direction: Direction | null } {
  const target = thresholds.find((t) => t.level === 'target' && !t.segment && t.op);
  const direction: Direction | null = scope.declaredDirection ?? (target?.op ? directionOf(target.op.text) : null)
    ?? (thresholds.find((t) => t.op)?.op ? directionOf(thresholds.find((t) => t.op)!.op!.text) : null);

  const plans: ThresholdPlan[] = [];
  const seen = new Map<string, ThresholdDecl>();
  const byGroup = new Map<string, Map<string, { plan: ThresholdPlan; decl: ThresholdDecl }>>();

  for (const decl of thresholds) {
    if (!decl.op || !decl.quantity) continue;
    const value = quantityIn(ctx, scope, decl);
    if (value === undefined) continue;
    if (direction && directionOf(decl.op.text) !== direction) {
      const way = direction === 'higher' ? 'higher is better (>= or >)' : 'lower is better (<= or <)';
      const why = scope.declaredDirection ? 'the declared direction' : 'the target';
      ctx.error('KPI040', scope.file, decl.op.span, `\`${decl.op.text}\` contradicts ${why}: this measure is ${way}`);
      continue;
    }
    let segment: ThresholdPlan['segment'];
    if (decl.segment) {
      segment = scope.segment(decl.segment);
      if (!segment) continue;
    }
    const groupKey = segment ? `${segment.column.dataset}.${segment.column.column}=${String(segment.value)}` : '';
    const key = `${decl.level}|${groupKey}`;
    if (seen.has(key)) {
      ctx.error('KPI042', scope.file, decl.span, `A second \`${decl.level}\`${segment ? ' for this segment' : ''}; keep one`);
      continue;
    }
    seen.set(key, decl);
    const plan: ThresholdPlan = { level: decl.level, op: decl.op.text, value };
    if (segment) plan.segment = segment;
    plans.push(plan);
    let group = byGroup.get(groupKey);
    if (!group) byGroup.set(groupKey, (group = new Map()));
    group.set(decl.level, { plan, decl });
  }

  const general = byGroup.get('') ?? new Map();
  for (const [groupKey, group] of byGroup) {
    const targetOf = group.get('target') ?? general.get('target');
    for (const level of ['warn', 'critical'] as const) {
      const entry = group.get(level);
      if (entry && !targetOf) {
        ctx.error('KPI044', scope.file, entry.decl.levelSpan, `\`${level}\` needs a \`target\`: add e.g. \`target ${entry.decl.op?.text ?? '>='} ...\``);
      }
    }
    if (!direction) continue;
    const order: Array<'target' | 'warn' | 'critical'> = ['target', 'warn', 'critical'];
    for (let i = 1; i < order.length; i++) {
      const looser = group.get(order[i]);
      if (!looser) continue;
      let stricter: { plan: ThresholdPlan; decl: ThresholdDecl } | undefined;
      for (let j = i - 1; j >= 0 && !stricter; j--) stricter = group.get(order[j]) ?? (groupKey ? general.get(order[j]) : undefined);
      if (!stricter) continue;
      const wrong = direction === 'higher' ? looser.plan.value > stricter.plan.value : looser.plan.value < stricter.plan.value;
      if (wrong) {
        const way = direction === 'higher' ? 'at or below' : 'at or above';
        ctx.error('KPI041', scope.file, looser.decl.span,
          `\`${order[i]}\` is stricter than \`${stricter.decl.level}\`: with ${direction} is better, the ${order[i]} level must be ${way} the ${stricter.decl.level} level`);
      }
    }
  }
  return { plans, direction };
}

/** The threshold's quantity in the measure's unit, or undefined after reporting. */
function quantityIn(ctx: CheckContext, scope: ThresholdScope, decl: ThresholdDecl): number | undefined {
  const q = decl.quantity!;
  if (q.percent) {
    if (scope.unit !== 'percent') {
      ctx.error('KPI022', scope.file, q.span, `\`${round(q.value * 100)}%\` is a percent, but this measure is in ${unitPhrase(scope.unit)}; write the number without %`);
      return undefined;
    }
    return q.value;
  }
  if (q.unit) {
    const unit = unitByName(q.unit.text);
    if (!unit) {
      const suggestion = closestName(q.unit.text, UNIT_NAMES);
      ctx.error('KPI021', scope.file, q.unit.span, `Unknown unit \`${q.unit.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
      return undefined;
    }
    const factor = conversionFactor(unit, scope.unit);
    if (factor === undefined) {
      ctx.error('KPI022', scope.file, q.unit.span, `\`${q.unit.text}\` does not convert to ${unitPhrase(scope.unit)}, the unit of this measure`);
      return undefined;
    }
    return q.value * factor;
  }
  if (scope.unit === 'percent') {
    const suggestion = q.value <= 1 ? `${round(q.value * 100)}%` : `${q.value}%`;
    ctx.error('KPI043', scope.file, q.span, `This measure is a percent: write \`${suggestion}\``, { suggestion });
    return undefined;
  }
  return q.value;
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
