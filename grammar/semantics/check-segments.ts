/**
 * `breakdown by` and `trend by`: validates the declarations (file level and
 * inside measures) and resolves, per measure, which dataset columns it is
 * broken down and tracked by. A file-level column applies to every measure
 * that reads a dataset having it; a measure's own clause replaces the file's
 * and must name columns of the data it reads.
 */

import type { BreakdownDecl, ColumnPath, TrendDecl } from '../syntax/ast';
import type { ColumnRef, Period, TrendPlan } from '../eval/plan';
import { CheckContext, ColumnInfo, columnId, datasetId } from './context';
import { PERIODS } from './functions';
import { closestName, didYouMean } from './suggest';

/** Finds the columns a path can mean and records the occurrence; reports when none. */
export function resolvePath(ctx: CheckContext, file: string, path: ColumnPath, within?: ReadonlySet<string>): ColumnInfo[] {
  if (path.dataset) {
    const dataset = ctx.datasets.get(path.dataset.text);
    if (!dataset) {
      const suggestion = closestName(path.dataset.text, ctx.datasets.keys());
      ctx.error('KPI010', file, path.dataset.span, `Unknown dataset \`${path.dataset.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
      return [];
    }
    ctx.occur(file, path.dataset.span, datasetId(dataset.name));
    const column = dataset.columns.get(path.column.text);
    if (!column) {
      const suggestion = closestName(path.column.text, dataset.columns.keys());
      ctx.error('KPI012', file, path.column.span, `Dataset \`${dataset.name}\` has no column \`${path.column.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
      return [];
    }
    if (within && !within.has(dataset.name)) {
      ctx.error('KPI070', file, path.span, `This measure does not read \`${dataset.name}\`, so it cannot be broken down by its columns`);
      return [];
    }
    ctx.occur(file, path.column.span, columnId(dataset.name, column.name));
    return [column];
  }
  const matches: ColumnInfo[] = [];
  for (const dataset of ctx.datasets.values()) {
    if (within && !within.has(dataset.name)) continue;
    const column = dataset.columns.get(path.column.text);
    if (column) matches.push(column);
  }
  if (matches.length === 0) {
    const pool = [...ctx.datasets.values()].filter((d) => !within || within.has(d.name)).flatMap((d) => [...d.columns.keys()]);
    const suggestion = closestName(path.column.text, pool);
    const where = within ? 'the data this measure reads' : 'any dataset';
    ctx.error('KPI012', file, path.column.span, `No column \`${path.column.text}\` in ${where}${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
    return [];
  }
  ctx.occur(file, path.column.span, columnId(matches[0].dataset, matches[0].name));
  return matches;
}

export interface CheckedTrend {
  period: Period;
  path: ColumnPath;
}

/** Validates a trend declaration; undefined when invalid (reported). */
export function checkTrend(ctx: CheckContext, file: string, decl: TrendDecl, within?: ReadonlySet<string>): CheckedTrend | undefined {
  if (!decl.period || !decl.column) return undefined;
  const period = decl.period.text;
  let ok = true;
  if (!PERIODS.has(period as Period)) {
    const suggestion = closestName(period, PERIODS.keys());
    ctx.error('KPI070', file, decl.period.span, `Unknown period \`${period}\`: use day, week, month or quarter${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
    ok = false;
  }
  const columns = resolvePath(ctx, file, decl.column, within);
  if (columns.length === 0) return undefined;
  const dated = columns.filter((c) => c.type === 'date' || c.type === 'datetime');
  if (dated.length === 0) {
    ctx.error('KPI023', file, decl.column.span, `A trend needs a date or datetime column; \`${decl.column.column.text}\` is ${columns[0].type ?? 'untyped'}`);
    return undefined;
  }
  return ok ? { period: period as Period, path: decl.column } : undefined;
}

/** Validates a breakdown declaration; returns the paths that resolved. */
export function checkBreakdown(ctx: CheckContext, file: string, decl: BreakdownDecl, within?: ReadonlySet<string>): ColumnPath[] {
  return decl.columns.filter((path) => resolvePath(ctx, file, path, within).length > 0);
}

/** The breakdown columns among the datasets a measure reads (silently: already validated). */
export function breakdownFor(ctx: CheckContext, paths: readonly ColumnPath[], read: ReadonlySet<string>): ColumnRef[] {
  const refs: ColumnRef[] = [];
  for (const path of paths) {
    for (const dataset of [...read].sort()) {
      if (path.dataset && path.dataset.text !== dataset) continue;
      if (ctx.datasets.get(dataset)?.columns.has(path.column.text)) refs.push({ dataset, column: path.column.text });
    }
  }
  return refs;
}

export function trendFor(ctx: CheckContext, trend: CheckedTrend | undefined, read: ReadonlySet<string>): TrendPlan | null {
  if (!trend) return null;
  for (const dataset of [...read].sort()) {
    if (trend.path.dataset && trend.path.dataset.text !== dataset) continue;
    const column = ctx.datasets.get(dataset)?.columns.get(trend.path.column.text);
    if (column && (column.type === 'date' || column.type === 'datetime')) return { column: { dataset, column: column.name }, period: trend.period };
  }
  return null;
}
