/**
 * Helpers to inspect syntax trees in tests: a compact rendering of
 * expressions (so precedence is checked without offsets), every span found
 * anywhere in a parse result, and lookups of declarations by name.
 */

import type { Declaration, Expr, KpiDecl, IndexDecl, DatasetDecl, KpiFile, Span } from '../../../grammar/syntax';

/** `(a + (b * c))`; numbers print their value (`85%` prints `0.85%`). */
export function render(expr: Expr | undefined): string {
  if (expr === undefined) return 'UNDEFINED';
  switch (expr.kind) {
    case 'number':
      return `${expr.value}${expr.percent ? '%' : ''}`;
    case 'string':
      return JSON.stringify(expr.value);
    case 'bool':
      return String(expr.value);
    case 'name':
      return expr.name.text;
    case 'member':
      return `${expr.object.text}.${expr.member.text}`;
    case 'call': {
      const args = expr.args.map(render).join(', ');
      const filter = expr.filter === undefined ? '' : ` where ${render(expr.filter)}`;
      return `${expr.callee.text}(${args}${filter})`;
    }
    case 'binary':
      return `(${render(expr.left)} ${expr.op} ${render(expr.right)})`;
    case 'unary':
      return `(${expr.op} ${render(expr.operand)})`;
    case 'paren':
      return `paren(${render(expr.inner)})`;
    case 'in':
      return `(${render(expr.operand)} ${expr.negated ? 'not in' : 'in'} [${expr.values.map(render).join(', ')}])`;
    case 'missing':
      return `(${render(expr.operand)} is ${expr.negated ? 'not missing' : 'missing'})`;
    case 'error':
      return 'ERROR';
  }
}

function isSpan(value: unknown): value is Span {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('start') && keys.includes('end');
}

/** Every span in a tree (node spans, name spans, `opSpan`, `header`, `optional`, ...), with its path. */
export function allSpans(root: unknown): Array<{ path: string; span: Span }> {
  const found: Array<{ path: string; span: Span }> = [];
  const visit = (value: unknown, path: string): void => {
    if (isSpan(value)) {
      found.push({ path, span: value });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
    }
  };
  visit(root, '');
  return found;
}

/** `kpi fcr`, `index satisfaction`, `breakdown`: how fixtures list declarations. */
export function describeDeclaration(declaration: Declaration): string {
  const name = 'name' in declaration ? declaration.name : undefined;
  return name === undefined ? declaration.kind : `${declaration.kind} ${name.text}`;
}

function findNamed<K extends 'kpi' | 'index' | 'dataset'>(file: KpiFile, kind: K, name: string): Declaration {
  const found = file.declarations.find((d) => d.kind === kind && 'name' in d && d.name?.text === name);
  if (found === undefined) throw new Error(`no ${kind} named ${name}`);
  return found;
}

export function kpiNamed(file: KpiFile, name: string): KpiDecl {
  return findNamed(file, 'kpi', name) as KpiDecl;
}

export function indexNamed(file: KpiFile, name: string): IndexDecl {
  return findNamed(file, 'index', name) as IndexDecl;
}

export function datasetNamed(file: KpiFile, name: string): DatasetDecl {
  return findNamed(file, 'dataset', name) as DatasetDecl;
}

/** The span of a marked range, in the shape the AST uses. */
export function spanOfRange(range: { start: number; end: number }): Span {
  return { start: range.start, end: range.end };
}
