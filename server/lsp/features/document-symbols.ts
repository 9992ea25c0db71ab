/**
 * The outline of one file: datasets with their columns, KPIs, indices with
 * their components. Declarations without a name (still being typed) are left
 * out; ranges cover the whole declaration, the selection its name.
 */

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import type { Declaration } from '../../../grammar/syntax/ast';
import { toRange } from '../convert';

export function documentSymbols(source: SourceFile): DocumentSymbol[] {
  return source.ast.declarations.flatMap((decl) => symbolOf(source, decl));
}

function symbolOf(source: SourceFile, decl: Declaration): DocumentSymbol[] {
  const range = (span: { start: number; end: number }) => toRange(source.lines, span);
  switch (decl.kind) {
    case 'dataset':
      if (!decl.name) return [];
      return [{
        name: decl.name.text,
        detail: decl.source?.value,
        kind: SymbolKind.Struct,
        range: range(decl.span),
        selectionRange: range(decl.name.span),
        children: decl.columns.map((column) => ({
          name: column.name.text,
          detail: column.type?.text,
          kind: SymbolKind.Field,
          range: range(column.span),
          selectionRange: range(column.name.span),
        })),
      }];
    case 'kpi':
      if (!decl.name) return [];
      return [{
        name: decl.name.text,
        detail: decl.title?.value,
        kind: SymbolKind.Variable,
        range: range(decl.span),
        selectionRange: range(decl.name.span),
      }];
    case 'index':
      if (!decl.name) return [];
      return [{
        name: decl.name.text,
        detail: decl.title?.value,
        kind: SymbolKind.Class,
        range: range(decl.span),
        selectionRange: range(decl.name.span),
        children: decl.components.map((component) => ({
          name: component.name.text,
          detail: component.weight ? `weight ${source.text.slice(component.weight.span.start, component.weight.span.end)}` : undefined,
          kind: SymbolKind.Property,
          range: range(component.span),
          selectionRange: range(component.name.span),
        })),
      }];
    default:
      return [];
  }
}
