/**
 * Folding ranges: every declaration block spanning lines (its closing brace
 * stays visible), runs of two or more whole-line comments, and runs of
 * imports.
 */

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';

export function foldingRanges(source: SourceFile): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const line = (offset: number) => source.lines.position(offset).line;

  for (const decl of source.ast.declarations) {
    if (decl.kind !== 'dataset' && decl.kind !== 'kpi' && decl.kind !== 'index') continue;
    const startLine = line(decl.span.start);
    const closed = source.text.charAt(decl.span.end - 1) === '}';
    const endLine = line(decl.span.end) - (closed ? 1 : 0);
    if (endLine > startLine) ranges.push({ startLine, endLine });
  }

  let run: { start: number; end: number } | undefined;
  const flushComments = () => {
    if (run && run.end > run.start) ranges.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const comment of source.ast.comments) {
    const at = line(comment.span.start);
    const wholeLine = source.text.slice(source.lines.lineStart(at), comment.span.start).trim() === '';
    if (!wholeLine) continue;
    if (run && at === run.end + 1) run.end = at;
    else {
      flushComments();
      run = { start: at, end: at };
    }
  }
  flushComments();

  let imports: { start: number; end: number } | undefined;
  const flushImports = () => {
    if (imports && imports.end > imports.start) ranges.push({ startLine: imports.start, endLine: imports.end, kind: FoldingRangeKind.Imports });
    imports = undefined;
  };
  for (const decl of source.ast.declarations) {
    if (decl.kind !== 'import') {
      flushImports();
      continue;
    }
    const at = line(decl.span.start);
    if (imports) imports.end = line(decl.span.end);
    else imports = { start: at, end: line(decl.span.end) };
  }
  flushImports();

  return ranges.sort((a, b) => a.startLine - b.startLine);
}
