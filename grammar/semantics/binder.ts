/**
 * The binder: walks every file of the import closure, declares datasets (with
 * their typed columns), KPIs and indices, and reports duplicate names. KPIs and
 * indices share one namespace (both are measures); datasets have their own, so
 * a KPI may be called `tickets` like its dataset. The first declaration in
 * closure order wins; later ones are reported with a pointer to the first.
 */

import type { ColumnDecl, DatasetDecl, Name } from '../syntax/ast';
import type { ColumnType } from '../eval/data/table';
import type { SourceFile } from '../program';
import { CheckContext, ColumnInfo, DatasetInfo, columnId, datasetId, measureId } from './context';
import { closestName, didYouMean } from './suggest';
import { UNIT_NAMES, unitByName } from './units';
import { TYPE_NAMES } from '../syntax/vocabulary';

const COLUMN_TYPES = [...TYPE_NAMES] as ColumnType[];

export function bind(ctx: CheckContext, files: readonly SourceFile[]): void {
  const firstSeen = new Map<string, { file: string; name: Name }>();
  const duplicate = (kind: string, file: string, name: Name, key: string): boolean => {
    const first = firstSeen.get(key);
    if (!first) {
      firstSeen.set(key, { file, name });
      return false;
    }
    ctx.report('KPI011', 'error', file, name.span, `\`${name.text}\` is already declared as a ${kind}; choose another name`, {
      related: [{ file: first.file, span: first.name.span, message: `first declaration of \`${name.text}\`` }],
    });
    return true;
  };

  for (const source of files) {
    for (const decl of source.ast.declarations) {
      if (decl.kind === 'dataset' && decl.name) {
        if (duplicate('dataset', source.file, decl.name, `dataset:${decl.name.text}`)) continue;
        declareDataset(ctx, source.file, decl, decl.name);
      } else if ((decl.kind === 'kpi' || decl.kind === 'index') && decl.name) {
        if (duplicate(decl.kind === 'kpi' ? 'KPI' : 'index', source.file, decl.name, `measure:${decl.name.text}`)) continue;
        const name = decl.name.text;
        ctx.measures.set(name, decl.kind === 'kpi' ? { kind: 'kpi', name, file: source.file, decl } : { kind: 'index', name, file: source.file, decl });
        ctx.declare({ id: measureId(decl.kind, name), kind: decl.kind, name, file: source.file, nameSpan: decl.name.span, declSpan: decl.span });
      }
    }
  }
}

function declareDataset(ctx: CheckContext, file: string, decl: DatasetDecl, name: Name): void {
  const info: DatasetInfo = { name: name.text, file, decl, columns: new Map() };
  ctx.datasets.set(name.text, info);
  ctx.declare({ id: datasetId(name.text), kind: 'dataset', name: name.text, file, nameSpan: name.span, declSpan: decl.span });
  for (const column of decl.columns) {
    const existing = info.columns.get(column.name.text);
    if (existing) {
      ctx.report('KPI011', 'error', file, column.name.span, `Column \`${column.name.text}\` is declared twice in \`${name.text}\``, {
        related: [{ file, span: existing.decl.name.span, message: 'first declaration' }],
      });
      continue;
    }
    const checked = checkColumn(ctx, file, name.text, column);
    info.columns.set(column.name.text, checked);
    ctx.declare({
      id: columnId(name.text, column.name.text), kind: 'column', name: column.name.text, dataset: name.text,
      file, nameSpan: column.name.span, declSpan: column.span, column,
    });
  }
}

function checkColumn(ctx: CheckContext, file: string, dataset: string, column: ColumnDecl): ColumnInfo {
  let type: ColumnType | undefined;
  if (column.type) {
    const written = column.type.text;
    if ((COLUMN_TYPES as readonly string[]).includes(written)) {
      type = written as ColumnType;
    } else {
      const suggestion = closestName(written, COLUMN_TYPES);
      ctx.error('KPI020', file, column.type.span, `Unknown column type \`${written}\`: use text, number, int, bool, date or datetime${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
    }
  }
  const numeric = type === 'number' || type === 'int';
  const unit = 'none' as const;
  if (column.unit) {
    const found = unitByName(column.unit.text);
    if (!found) {
      const suggestion = closestName(column.unit.text, UNIT_NAMES);
      ctx.error('KPI021', file, column.unit.span, `Unknown unit \`${column.unit.text}\`${didYouMean(suggestion)}`, suggestion ? { suggestion } : undefined);
    } else if (type && !numeric) {
      ctx.error('KPI024', file, column.unit.span, `Only number and int columns have a unit; \`${column.name.text}\` is ${type}`);
    } else {
      return finish(found);
    }
  }
  return finish(unit);

  function finish(u: ColumnInfo['unit']): ColumnInfo {
    if (column.range) {
      if (type && !numeric) ctx.error('KPI024', file, column.range.span, `A range applies to number and int columns; \`${column.name.text}\` is ${type}`);
      else if (column.range.min > column.range.max) ctx.error('KPI024', file, column.range.span, `The range is empty: ${column.range.min} is above ${column.range.max}`);
    }
    if (column.allowed && type && type !== 'text') {
      ctx.error('KPI024', file, column.allowed.span, `Allowed values apply to text columns; \`${column.name.text}\` is ${type}`);
    }
    if (column.key && column.optional) {
      ctx.error('KPI024', file, column.optional, `A key column cannot be optional: every row needs its key`);
    }
    return { name: column.name.text, dataset, decl: column, type, unit: u };
  }
}
