/**
 * Semantic tokens: colours by meaning, on top of the TextMate grammar.
 *
 * Names are classified by what the checker resolved them to (datasets,
 * columns, KPIs, indices; `declaration` where declared); function, period,
 * type and unit words by where the parser put them; keywords, numbers,
 * strings, operators and comments by the lexer (grammar/syntax/tokens.ts).
 * Only standard token types are used, so every theme colours them:
 * dataset -> namespace, column -> property, KPI -> variable, index -> class,
 * function and period -> function, column type -> type, unit -> enumMember.
 */

import { tokenMatcher, type IToken } from 'chevrotain';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver/node';
import type { SourceFile, SymbolInfo } from '../../../grammar/program';
import type { Name, Quantity } from '../../../grammar/syntax/ast';
import * as t from '../../../grammar/syntax/tokens';
import type { Snapshot } from '../workspace';
import { expressionsOf } from './lookup';

const TOKEN_TYPES = [
  'namespace', 'property', 'variable', 'class', 'function', 'type', 'enumMember',
  'keyword', 'number', 'string', 'comment', 'operator',
] as const;
const TOKEN_MODIFIERS = ['declaration', 'documentation', 'defaultLibrary'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

const SYMBOL_TYPE: Record<SymbolInfo['kind'], TokenType> = {
  dataset: 'namespace',
  column: 'property',
  kpi: 'variable',
  index: 'class',
};

interface Classified {
  type: TokenType;
  modifiers: TokenModifier[];
}

const OPERATORS = [t.Arrow, t.GreaterEqual, t.LessEqual, t.NotEqual, t.Equal, t.Greater, t.Less, t.Plus, t.Minus, t.Star, t.Slash, t.DotDot];

export function semanticTokens(snapshot: Snapshot, source: SourceFile): SemanticTokens {
  const names = classifyNames(snapshot, source);
  const lexed = t.tokenize(source.text);
  const all: Array<{ start: number; length: number; kind: Classified }> = [];
  for (const comment of lexed.groups[t.COMMENT_GROUP] ?? []) {
    const doc = tokenMatcher(comment, t.DocComment);
    all.push({ start: comment.startOffset, length: comment.image.length, kind: { type: 'comment', modifiers: doc ? ['documentation'] : [] } });
  }
  for (const token of lexed.tokens) {
    const kind = classifyToken(token, names);
    if (kind) all.push({ start: token.startOffset, length: token.image.length, kind });
  }
  all.sort((a, b) => a.start - b.start);

  const data: number[] = [];
  let previousLine = 0;
  let previousColumn = 0;
  for (const token of all) {
    const { line, column } = source.lines.position(token.start);
    const deltaLine = line - previousLine;
    data.push(deltaLine, deltaLine === 0 ? column - previousColumn : column, token.length,
      TOKEN_TYPES.indexOf(token.kind.type), modifierBits(token.kind.modifiers));
    previousLine = line;
    previousColumn = column;
  }
  return { data };
}

function classifyToken(token: IToken, names: ReadonlyMap<number, Classified>): Classified | undefined {
  if (tokenMatcher(token, t.Identifier)) return names.get(token.startOffset);
  if (tokenMatcher(token, t.Keyword)) return { type: 'keyword', modifiers: [] };
  if (tokenMatcher(token, t.NumberLiteral) || tokenMatcher(token, t.Percent)) return { type: 'number', modifiers: [] };
  if (tokenMatcher(token, t.StringLiteral)) return { type: 'string', modifiers: [] };
  if (OPERATORS.some((operator) => tokenMatcher(token, operator))) return { type: 'operator', modifiers: [] };
  return undefined;
}

/** What each name in the file is, by its start offset. */
function classifyNames(snapshot: Snapshot, source: SourceFile): Map<number, Classified> {
  const names = new Map<number, Classified>();
  const builtin = (name: Name | undefined, type: TokenType) => {
    if (name) names.set(name.span.start, { type, modifiers: ['defaultLibrary'] });
  };
  const unitOf = (quantity: Quantity | undefined) => builtin(quantity?.unit, 'enumMember');

  for (const decl of source.ast.declarations) {
    switch (decl.kind) {
      case 'dataset':
        for (const column of decl.columns) {
          builtin(column.type, 'type');
          builtin(column.unit, 'enumMember');
        }
        break;
      case 'kpi':
      case 'index':
        builtin(decl.unit, 'enumMember');
        for (const threshold of decl.thresholds) unitOf(threshold.quantity);
        if (decl.kind === 'index') for (const component of decl.components) unitOf(component.weight);
        builtin(decl.trend?.period, 'function');
        break;
      case 'trend':
        builtin(decl.period, 'function');
        break;
      default:
        break;
    }
  }
  for (const expr of expressionsOf(source.ast)) {
    if (expr.kind === 'call') builtin(expr.callee, 'function');
  }
  for (const occurrence of snapshot.program.occurrences.get(source.file) ?? []) {
    const symbol = snapshot.program.symbols.get(occurrence.symbol);
    if (!symbol) continue;
    names.set(occurrence.span.start, {
      type: SYMBOL_TYPE[symbol.kind],
      modifiers: occurrence.isDeclaration ? ['declaration'] : [],
    });
  }
  return names;
}

function modifierBits(modifiers: readonly TokenModifier[]): number {
  let bits = 0;
  for (const modifier of modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(modifier);
  return bits;
}
