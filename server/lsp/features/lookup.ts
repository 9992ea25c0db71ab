/**
 * What is at an offset, and where a symbol is used: the lookups that hover,
 * definition, references, rename and completion share.
 *
 * Symbols come from the Program's index (`symbols`, `occurrences`): the
 * checker records every resolved name once, so these lookups never re-resolve
 * names themselves. A symbol id (`kpi:fcr`) is only unique within one
 * closure; across open entries the same symbol is the one declared at the
 * same place (file and offset).
 */

import type { Expr, KpiFile, Span } from '../../../grammar/syntax/ast';
import type { Program, SourceFile, SymbolInfo, SymbolOccurrence } from '../../../grammar/program';
import type { MeasureResult } from '../../../grammar/results/schema';
import type { Snapshot } from '../workspace';

/** True when the cursor at `offset` touches `span` (either end included, as editors do). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The occurrence under the cursor; a name the cursor is inside wins over one it merely ends. */
export function occurrenceAt(program: Program, file: string, offset: number): SymbolOccurrence | undefined {
  const list = program.occurrences.get(file) ?? [];
  let touching: SymbolOccurrence | undefined;
  for (const occurrence of list) {
    if (occurrence.span.start <= offset && offset < occurrence.span.end) return occurrence;
    if (occurrence.span.end === offset) touching = occurrence;
  }
  return touching;
}

export function symbolAt(program: Program, file: string, offset: number): { occurrence: SymbolOccurrence; symbol: SymbolInfo } | undefined {
  const occurrence = occurrenceAt(program, file, offset);
  const symbol = occurrence && program.symbols.get(occurrence.symbol);
  return occurrence && symbol ? { occurrence, symbol } : undefined;
}

/** The same declared symbol in another program, if its closure holds it. */
export function sameSymbol(program: Program, symbol: SymbolInfo): SymbolInfo | undefined {
  const found = program.symbols.get(symbol.id);
  return found && found.file === symbol.file && found.nameSpan.start === symbol.nameSpan.start ? found : undefined;
}

/** Every occurrence of `symbol` in the given programs, each place once, by file then offset. */
export function occurrencesOf(programs: readonly Program[], symbol: SymbolInfo): SymbolOccurrence[] {
  const seen = new Set<string>();
  const result: SymbolOccurrence[] = [];
  for (const program of programs) {
    if (!sameSymbol(program, symbol)) continue;
    for (const list of program.occurrences.values()) {
      for (const occurrence of list) {
        if (occurrence.symbol !== symbol.id) continue;
        const key = `${occurrence.file}|${occurrence.span.start}|${occurrence.span.end}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.push(occurrence);
      }
    }
  }
  return result.sort((a, b) => a.file.localeCompare(b.file) || a.span.start - b.span.start);
}

/** The programs to search for uses: the requesting snapshot's first, then every other current one. */
export function programsOf(current: Snapshot, others: readonly Snapshot[], closed: readonly Program[] = []): Program[] {
  return [current.program, ...others.filter((s) => s !== current).map((s) => s.program), ...closed];
}

/** Every expression of a file, outermost first (KPI values and segment literals). */
export function* expressionsOf(file: KpiFile): Generator<Expr> {
  for (const decl of file.declarations) {
    if (decl.kind === 'kpi' && decl.value) yield* walk(decl.value);
    if (decl.kind === 'kpi' || decl.kind === 'index') {
      for (const threshold of decl.thresholds) if (threshold.segment) yield* walk(threshold.segment.value);
    }
  }
}

function* walk(expr: Expr): Generator<Expr> {
  yield expr;
  switch (expr.kind) {
    case 'call':
      for (const arg of expr.args) yield* walk(arg);
      if (expr.filter) yield* walk(expr.filter);
      break;
    case 'binary':
      yield* walk(expr.left);
      yield* walk(expr.right);
      break;
    case 'unary':
      yield* walk(expr.operand);
      break;
    case 'paren':
      yield* walk(expr.inner);
      break;
    case 'in':
      yield* walk(expr.operand);
      for (const value of expr.values) yield* walk(value);
      break;
    case 'missing':
      yield* walk(expr.operand);
      break;
    default:
      break;
  }
}

/** The function call whose name is under the cursor. */
export function callNameAt(file: KpiFile, offset: number): Extract<Expr, { kind: 'call' }> | undefined {
  for (const expr of expressionsOf(file)) {
    if (expr.kind === 'call' && touches(expr.callee.span, offset)) return expr;
  }
  return undefined;
}

/** The evaluated result of a measure, when the snapshot has results. */
export function measureResult(snapshot: Snapshot, name: string): MeasureResult | undefined {
  return snapshot.scorecard?.measures.find((measure) => measure.name === name);
}

/** The KPI and index declarations of one file, named ones only. */
export function measuresOf(source: SourceFile) {
  return source.ast.declarations.flatMap((decl) =>
    (decl.kind === 'kpi' || decl.kind === 'index') && decl.name ? [{ decl, name: decl.name.text }] : []);
}

/** Datasets a measure reads, directly or through the measures it uses (for "first N rows" notes). */
export function datasetsRead(program: Program, name: string): Set<string> {
  const byName = new Map(program.plan.measures.map((measure) => [measure.name, measure]));
  const found = new Set<string>();
  const visited = new Set<string>();
  const visit = (measureName: string): void => {
    if (visited.has(measureName)) return;
    visited.add(measureName);
    const measure = byName.get(measureName);
    if (!measure) return;
    if (measure.kind === 'index') {
      for (const component of measure.components) visit(component.name);
      return;
    }
    const stack = [measure.value];
    while (stack.length > 0) {
      const expr = stack.pop()!;
      if (expr.kind === 'aggregate') found.add(expr.dataset);
      else if (expr.kind === 'measure') visit(expr.name);
      else if (expr.kind === 'arith') stack.push(expr.left, expr.right);
      else if (expr.kind === 'neg') stack.push(expr.operand);
    }
  };
  visit(name);
  return found;
}
