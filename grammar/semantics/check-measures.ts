/**
 * Checks KPIs and indices and lowers them to plans. Measures refer to each
 * other, so each is checked on first demand and memoised; a measure reached
 * again while it is being checked is part of a cycle (reported separately by
 * cycles.ts) and yields no unit, so checking always terminates.
 */

import type { IndexDecl, KpiDecl, Span, ThresholdDecl } from '../syntax/ast';
import type { ColumnRef, ComponentPlan, Direction, IndexPlan, KpiPlan, Literal, MeasureExpr, ScoreMapping, Unit } from '../eval/plan';
import { CheckContext, ColumnInfo, MeasureDecl, columnId, datasetId, measureId } from './context';
import { checkMeasureExpr } from './check-expr';
import { checkThresholds } from './check-thresholds';
import { closestName, didYouMean } from './suggest';
import { conversionFactor, isTimeUnit, unitByName, unitPhrase, UNIT_NAMES } from './units';

export interface Dependency {
  name: string;
  file: string;
  span: Span;
}

/** A checked measure; `plan` is undefined when it has errors. Breakdown and trend are filled in later. */
export interface MeasureOutcome {
  decl: MeasureDecl;
  plan: KpiPlan | IndexPlan | undefined;
  unit: Unit | undefined;
  dependencies: Dependency[];
  /** Datasets its value reads directly (not through other measures). */
  datasets: Set<string>;
  /** Columns its value (and segment thresholds) read. */
  columns: Set<ColumnInfo>;
}

export class MeasureChecker {
  private readonly outcomes = new Map<string, MeasureOutcome>();
  private readonly inProgress = new Set<string>();

  constructor(private readonly ctx: CheckContext) {}

  checkAll(): Map<string, MeasureOutcome> {
    for (const name of this.ctx.measures.keys()) this.check(name);
    return this.outcomes;
  }

  private unitOf(name: string): Unit | undefined {
    if (this.inProgress.has(name)) return undefined;
    return this.check(name).unit;
  }

  private check(name: string): MeasureOutcome {
    const done = this.outcomes.get(name);
    if (done) return done;
    const decl = this.ctx.measures.get(name)!;
    this.inProgress.add(name);
    const outcome: MeasureOutcome = { decl, plan: undefined, unit: undefined, dependencies: [], datasets: new Set(), columns: new Set() };
    // Registered before checking so segment thresholds can see the datasets read so far;
    // `inProgress` (not this map) is what guards against cycles.
    this.outcomes.set(name, outcome);
    if (decl.kind === 'kpi') this.checkKpi(outcome, decl.decl, decl.file);
    else this.checkIndex(outcome, decl.decl, decl.file);
    this.inProgress.delete(name);
    return outcome;
  }

  private checkKpi(outcome: MeasureOutcome, decl: KpiDecl, file: string): void {
    const ctx = this.ctx;
    const name = outcome.decl.name;
    let ok = true;
    let value: MeasureExpr | undefined;
    let unit: Unit | undefined;
    if (!decl.value) {
      ctx.error('KPI045', file, decl.header, `KPI \`${name}\` needs a \`value\`, e.g. \`value count(dataset)\``);
      ok = false;
    } else {
      const checked = checkMeasureExpr(ctx, {
        file,
        unitOf: (other) => this.unitOf(other),
        dependOn: (other, span) => outcome.dependencies.push({ name: other, file, span }),
        read: (dataset) => outcome.datasets.add(dataset),
        use: (column) => outcome.columns.add(column),
      }, decl.value);
      if (checked) {
        value = checked.plan;
        unit = checked.unit;
      } else {
        ok = false;
      }
    }
    if (decl.unit) {
      const declared = unitByName(decl.unit.text);
      if (!declared) {
        const suggestion = closestName(decl.unit.text, UNIT_NAMES);
        ctx.error('KPI021', file, decl.unit.span, `Unknown unit \`${decl.unit.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
        ok = false;
      } else if (unit !== undefined && value) {
        if (unit === 'none' || unit === declared) {
          unit = declared;
        } else if (isTimeUnit(unit) && isTimeUnit(declared)) {
          value = { kind: 'arith', op: '*', left: value, right: { kind: 'constant', value: conversionFactor(unit, declared)! } };
          unit = declared;
        } else {
          ctx.error('KPI022', file, decl.unit.span, `The value is in ${unitPhrase(unit)}, but \`unit\` says ${declared}`);
          ok = false;
        }
      } else {
        unit = declared;
      }
    }
    outcome.unit = unit;
    // Without a unit (the value failed to check and none is declared) thresholds
    // cannot be read correctly; checking them would only echo the first error.
    if (unit === undefined) return;
    const thresholds = this.thresholds(outcome, file, unit, decl.direction?.value, decl.thresholds);
    if (!ok || !value || !thresholds) return;
    outcome.plan = {
      kind: 'kpi', name, title: decl.title?.value ?? null, doc: decl.doc ?? null, unit,
      direction: thresholds.direction, thresholds: thresholds.plans, breakdown: [], trend: null, value,
    };
  }

  private checkIndex(outcome: MeasureOutcome, decl: IndexDecl, file: string): void {
    const ctx = this.ctx;
    const name = outcome.decl.name;
    outcome.unit = 'score';
    let ok = true;
    if (decl.unit && decl.unit.text !== 'score') {
      ctx.error('KPI022', file, decl.unit.span, `An index is a score from 0 to 100; its unit can only be \`score\``);
      ok = false;
    }
    if (decl.components.length === 0) {
      ctx.error('KPI054', file, decl.header, `Index \`${name}\` has no components: list KPIs or indices with their weights, e.g. \`csat weight 50%\``);
      ok = false;
    }
    const components: ComponentPlan[] = [];
    const listed = new Map<string, Span>();
    let weightsValid = true;
    let weightSum = 0;
    const weights: Array<{ name: string; value: number; span: Span }> = [];
    for (const component of decl.components) {
      const text = component.name.text;
      const target = ctx.measures.get(text);
      if (!target) {
        if (ctx.datasets.has(text)) {
          ctx.occur(file, component.name.span, datasetId(text));
          ctx.error('KPI013', file, component.name.span, `\`${text}\` is a dataset; an index combines KPIs and indices`);
        } else {
          const suggestion = closestName(text, [...ctx.measures.keys()].filter((m) => m !== name));
          ctx.error('KPI010', file, component.name.span, `Unknown KPI or index \`${text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
        }
        ok = false;
        weightsValid = false;
        continue;
      }
      ctx.occur(file, component.name.span, measureId(target.kind, target.name));
      if (listed.has(text)) {
        ctx.error('KPI053', file, component.name.span, `\`${text}\` is already a component of this index`);
        ok = false;
        weightsValid = false; // the sum is meaningless until the duplicate goes
        continue;
      }
      listed.set(text, component.name.span);
      outcome.dependencies.push({ name: text, file, span: component.name.span });
      const unit = this.unitOf(text);

      let weight: number | undefined;
      if (!component.weight) {
        ctx.error('KPI045', file, component.name.span, `Give \`${text}\` a weight, e.g. \`${text} weight 25%\``);
      } else if (component.weight.unit) {
        ctx.error('KPI022', file, component.weight.span, 'A weight is a percent (25%) or a fraction (0.25), without a unit');
      } else if (!component.weight.percent && component.weight.value > 1) {
        ctx.error('KPI050', file, component.weight.span, `A weight of ${component.weight.value} is above 1: write \`${component.weight.value}%\` or \`${component.weight.value / 100}\``, { suggestion: `${component.weight.value}%` });
      } else if (component.weight.value < 0) {
        ctx.error('KPI050', file, component.weight.span, 'A weight cannot be negative');
      } else {
        weight = component.weight.value;
      }
      if (weight === undefined) {
        ok = false;
        weightsValid = false;
      } else {
        weightSum += weight;
        weights.push({ name: text, value: weight, span: component.weight!.span });
      }

      if (unit === undefined) {
        ok = false;
        continue;
      }
      const score = this.scoreMapping(file, component, target, unit);
      if (!score) {
        ok = false;
        continue;
      }
      if (weight !== undefined) components.push({ name: text, weight, score });
    }
    if (weightsValid && decl.components.length > 0 && Math.abs(weightSum - 1) > 1e-9) {
      const pct = Math.round(weightSum * 100 * 1e6) / 1e6;
      ctx.error('KPI050', file, decl.name?.span ?? decl.header, `The weights of \`${name}\` add up to ${pct}%, not 100%`, {
        weights: weights.map((w) => ({ name: w.name, value: w.value, start: w.span.start, end: w.span.end })),
      });
      ok = false;
    }
    const thresholds = this.thresholds(outcome, file, 'score', decl.direction?.value, decl.thresholds);
    if (!ok || !thresholds) return;
    outcome.plan = {
      kind: 'index', name, title: decl.title?.value ?? null, doc: decl.doc ?? null, unit: 'score',
      direction: thresholds.direction, thresholds: thresholds.plans, breakdown: [], trend: null, components,
    };
  }

  private scoreMapping(file: string, component: IndexDecl['components'][number], target: MeasureDecl, unit: Unit): ScoreMapping | undefined {
    const ctx = this.ctx;
    const text = component.name.text;
    if (!component.score) {
      if (target.kind === 'index' || unit === 'percent' || unit === 'score') return { kind: 'identity' };
      ctx.error('KPI051', file, component.name.span,
        `\`${text}\` is in ${unitPhrase(unit)}, not a percent or a score: map it to 0-100, e.g. \`score <worst> -> 0, <best> -> 100\``,
        { component: text, unit });
      return undefined;
    }
    const points: Array<[number, number]> = [];
    for (const point of component.score.points) {
      const from = point.from;
      if (point.percent) {
        if (unit !== 'percent') {
          ctx.error('KPI022', file, point.span, `\`${text}\` is in ${unitPhrase(unit)}; write the anchor without %`);
          return undefined;
        }
      } else if (unit === 'percent') {
        ctx.error('KPI043', file, point.span, `\`${text}\` is a percent: write the anchor with %, e.g. \`${point.from <= 1 ? round(point.from * 100) : point.from}% -> ${point.to}\``);
        return undefined;
      }
      if (point.to < 0 || point.to > 100) {
        ctx.error('KPI052', file, point.span, `A score is between 0 and 100; \`${point.to}\` is outside`);
        return undefined;
      }
      if (points.some(([x]) => x === from)) {
        ctx.error('KPI052', file, point.span, `Two anchors at ${point.from}: each anchor needs its own value`);
        return undefined;
      }
      points.push([from, point.to]);
    }
    if (points.length < 2) {
      ctx.error('KPI052', file, component.score.span, 'A score mapping needs at least two anchors, e.g. `score 120 -> 0, 15 -> 100`');
      return undefined;
    }
    points.sort((a, b) => a[0] - b[0]);
    return { kind: 'piecewise', points };
  }

  private thresholds(outcome: MeasureOutcome, file: string, unit: Unit, declared: Direction | undefined, thresholds: readonly ThresholdDecl[]) {
    const ctx = this.ctx;
    const before = ctx.diagnostics.length;
    const result = checkThresholds(ctx, {
      file, unit, declaredDirection: declared,
      segment: (segment) => this.segmentOf(outcome, file, segment),
    }, thresholds);
    return ctx.diagnostics.slice(before).some((d) => d.severity === 'error') ? undefined : result;
  }

  /** `for channel = "chat"`: a column of a dataset the measure reads, and a literal of its type. */
  private segmentOf(outcome: MeasureOutcome, file: string, segment: NonNullable<ThresholdDecl['segment']>): { column: ColumnRef; value: Literal } | undefined {
    const ctx = this.ctx;
    const path = segment.column;
    const candidates = path.dataset ? [path.dataset.text] : [...this.datasetsRead(outcome.decl.name)];
    if (path.dataset) {
      if (!ctx.datasets.has(path.dataset.text)) {
        ctx.error('KPI010', file, path.dataset.span, `Unknown dataset \`${path.dataset.text}\``);
        return undefined;
      }
      ctx.occur(file, path.dataset.span, datasetId(path.dataset.text));
    }
    const found = candidates.map((d) => ctx.datasets.get(d)?.columns.get(path.column.text)).find((c) => c !== undefined);
    if (!found) {
      const all = candidates.flatMap((d) => [...(ctx.datasets.get(d)?.columns.keys() ?? [])]);
      const suggestion = closestName(path.column.text, all);
      ctx.error('KPI012', file, path.column.span, `No column \`${path.column.text}\` in the data this measure reads${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
      return undefined;
    }
    ctx.occur(file, path.column.span, columnId(found.dataset, found.name));
    const value = segment.value;
    let literal: Literal | undefined;
    if (value.kind === 'string' && found.type === 'text') literal = value.value;
    else if (value.kind === 'number' && (found.type === 'number' || found.type === 'int')) literal = value.value;
    else if (value.kind === 'bool' && found.type === 'bool') literal = value.value;
    if (literal === undefined) {
      ctx.error('KPI023', file, value.span, `Expected a ${found.type ?? 'value'} of column \`${found.name}\` here`);
      return undefined;
    }
    outcome.columns.add(found);
    return { column: { dataset: found.dataset, column: found.name }, value: literal };
  }

  /** Datasets a measure reads, directly or through the measures it refers to. */
  datasetsRead(name: string, seen = new Set<string>()): Set<string> {
    const result = new Set<string>();
    if (seen.has(name)) return result;
    seen.add(name);
    const decl = this.ctx.measures.get(name);
    if (!decl) return result;
    const outcome = this.outcomes.get(name);
    if (outcome) {
      for (const d of outcome.datasets) result.add(d);
      for (const dep of outcome.dependencies) for (const d of this.datasetsRead(dep.name, seen)) result.add(d);
    } else if (decl.kind === 'index') {
      for (const c of decl.decl.components) for (const d of this.datasetsRead(c.name.text, seen)) result.add(d);
    }
    return result;
  }
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}
