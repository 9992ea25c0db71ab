/**
 * Completion, by where the cursor is (features/context.ts):
 * - top level: `import dataset kpi index breakdown trend`;
 * - dataset block: column types after a column name, units after a numeric
 *   type, then `optional` / `key`;
 * - KPI block: its keywords; after `value`: KPIs and indices, functions as
 *   snippets (`p90(${1:dataset.column})`); inside an aggregation: dataset
 *   names, and the columns of its dataset (bare, or after `dataset.`);
 *   `higher`/`lower` after `direction`; units after `unit` and after a
 *   threshold's number; columns after `for` and `breakdown by`;
 * - index block: KPI and index names not listed yet, thresholds keywords;
 *   `weight` after a component, `score` after its weight;
 * - `trend by`: periods as snippets (`month(${1:column})`), then date columns.
 * Names come from the Program's symbols, so imported declarations are offered.
 */

import type { IToken } from 'chevrotain';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import type { Program, SourceFile, SymbolInfo } from '../../../grammar/program';
import { AGGREGATIONS, PERIODS } from '../../../grammar/semantics/functions';
import { CANONICAL_UNITS } from '../../../grammar/semantics/units';
import { TYPE_NAMES } from '../../../grammar/syntax/vocabulary';
import type { Snapshot } from '../workspace';
import { cursorContext, isKeyword, isName, isNumber, MEASURE_KEYWORDS, TOP_KEYWORDS, type CursorContext } from './context';
import { touches } from './lookup';

const COMPARATORS = new Set(['>=', '>', '<=', '<']);
const ROW_KEYWORDS = ['where', 'and', 'or', 'not', 'in', 'is', 'missing', 'true', 'false'];
const NUMERIC_TYPES = new Set(['number', 'int']);

export function completion(snapshot: Snapshot, source: SourceFile, offset: number): CompletionItem[] {
  const context = cursorContext(source.text, offset);
  if (context.inert) return [];
  const names = new Names(snapshot.program, currentMeasure(source, offset));
  switch (context.block) {
    case 'top': return topLevel(context, names);
    case 'dataset': return datasetBlock(context);
    case 'kpi': return measureBlock(context, names, 'kpi');
    case 'index': return measureBlock(context, names, 'index');
    default: return [];
  }
}

function topLevel(context: CursorContext, names: Names): CompletionItem[] {
  const [first] = context.statement;
  if (!first) return keywords(TOP_KEYWORDS);
  if (isKeyword(first, 'breakdown') || isKeyword(first, 'trend')) return segmentStatement(context, names);
  if (isKeyword(first, 'dataset') && context.statement.length === 2 && isName(context.statement[1])) return keywords(['from']);
  return [];
}

function datasetBlock(context: CursorContext): CompletionItem[] {
  const statement = context.statement;
  if (statement.length === 1 && isName(statement[0])) {
    return [...TYPE_NAMES].map((type) => ({ label: type, kind: CompletionItemKind.TypeParameter, detail: 'column type' }));
  }
  if (statement.length >= 2 && isName(statement[0])) {
    const type = statement[1].image;
    const items = keywords(['optional', 'key'].filter((word) => !statement.some((token) => isKeyword(token, word))));
    if (statement.length === 2 && NUMERIC_TYPES.has(type)) items.push(...units());
    if (statement.length === 2 && type === 'text') items.push(...keywords(['in']));
    return items;
  }
  return [];
}

function measureBlock(context: CursorContext, names: Names, kind: 'kpi' | 'index'): CompletionItem[] {
  const statement = context.statement;
  const [first] = statement;
  if (!first) {
    const items = keywords(kind === 'kpi' ? MEASURE_KEYWORDS : MEASURE_KEYWORDS.filter((word) => word !== 'value'));
    if (kind === 'index') items.unshift(...names.measures().filter((symbol) => !names.listedComponents.has(symbol.name)).map(measureItem));
    return items;
  }
  if (isKeyword(first, 'value')) return valueExpression(context, names);
  if (isKeyword(first, 'unit')) return statement.length === 1 ? units() : [];
  if (isKeyword(first, 'direction')) return statement.length === 1 ? keywords(['higher', 'lower']) : [];
  if (isKeyword(first, 'target') || isKeyword(first, 'warn') || isKeyword(first, 'critical')) return threshold(statement, names);
  if (isKeyword(first, 'breakdown') || isKeyword(first, 'trend')) return segmentStatement(context, names);
  if (kind === 'index' && isName(first)) return component(statement);
  return [];
}

/** `name weight 25% score ...` */
function component(statement: IToken[]): CompletionItem[] {
  if (statement.length === 1) return keywords(['weight']);
  const hasWeight = statement.some((token) => isKeyword(token, 'weight'));
  const hasScore = statement.some((token) => isKeyword(token, 'score'));
  if (hasWeight && !hasScore && isNumber(statement[statement.length - 1])) return keywords(['score']);
  return [];
}

/** `target <= 30 minutes for channel = "chat"` */
function threshold(statement: IToken[], names: Names): CompletionItem[] {
  const last = statement[statement.length - 1];
  const hasFor = statement.some((token) => isKeyword(token, 'for'));
  if (isKeyword(last, 'for')) return names.columnItems(names.allColumns());
  if (hasFor) return [];
  const comparator = statement.findIndex((token) => COMPARATORS.has(token.image));
  if (comparator < 0) return [];
  if (isNumber(last)) return [...units(['percent']), ...keywords(['for'])];
  if (isName(last) && statement.length > comparator + 2) return keywords(['for']);
  return [];
}

/** `breakdown by a, b` and `trend by month(col)`, at file level or in a measure. */
function segmentStatement(context: CursorContext, names: Names): CompletionItem[] {
  const statement = context.statement;
  const [first] = statement;
  const last = statement[statement.length - 1];
  if (statement.length === 1) return keywords(['by']);
  if (isKeyword(first, 'breakdown')) {
    if (isKeyword(last, 'by') || last.image === ',') return names.columnItems(names.allColumns());
    return [];
  }
  if (context.call) {
    return context.call.args.length === 0 ? names.columnItems(names.allColumns().filter(isDateColumn)) : [];
  }
  if (isKeyword(last, 'by')) {
    return [...PERIODS].map(([period, doc]) => ({
      label: period,
      kind: CompletionItemKind.Function,
      detail: `${period}(column)`,
      documentation: doc,
      insertText: `${period}(\${1:column})`,
      insertTextFormat: InsertTextFormat.Snippet,
    }));
  }
  return [];
}

/** After `value`: measures and functions outside calls; datasets and columns inside an aggregation. */
function valueExpression(context: CursorContext, names: Names): CompletionItem[] {
  const statement = context.statement;
  const last = statement[statement.length - 1];
  const beforeLast = statement[statement.length - 2];
  if (last?.image === '.' && isName(beforeLast)) {
    return names.columnItems(names.columnsOf(beforeLast.image));
  }
  const call = context.call;
  if (!call) return [...names.measures().map(measureItem), ...functionItems()];
  const items: CompletionItem[] = [];
  const dataset = names.datasetOf(call.args);
  if (call.args.length === 0 && call.commas === 0) items.push(...names.datasets().map(datasetItem));
  if (dataset) items.push(...names.columnItems(names.columnsOf(dataset)));
  if (call.args.length > 0) items.push(...keywords(ROW_KEYWORDS));
  return items;
}

// --- vocabulary ----------------------------------------------------------------

/** The names a file can use, from its Program's symbols (imports included). */
class Names {
  readonly listedComponents: ReadonlySet<string>;

  constructor(private readonly program: Program, private readonly current: CurrentMeasure | undefined) {
    this.listedComponents = new Set(current?.components ?? []);
  }

  measures(): SymbolInfo[] {
    return this.ofKind('kpi', 'index').filter((symbol) => symbol.name !== this.current?.name);
  }

  datasets(): SymbolInfo[] {
    return this.ofKind('dataset');
  }

  columnsOf(dataset: string): SymbolInfo[] {
    return this.ofKind('column').filter((symbol) => symbol.dataset === dataset);
  }

  allColumns(): SymbolInfo[] {
    return this.ofKind('column');
  }

  /** The dataset an aggregation reads: named first in its arguments, or the only one declared. */
  datasetOf(args: IToken[]): string | undefined {
    const named = args.find((token) => isName(token) && this.program.symbols.has(`dataset:${token.image}`));
    if (named) return named.image;
    const all = this.datasets();
    return all.length === 1 ? all[0].name : undefined;
  }

  columnItems(columns: SymbolInfo[]): CompletionItem[] {
    const seen = new Set<string>();
    return columns.flatMap((column) => {
      if (seen.has(column.name)) return [];
      seen.add(column.name);
      const type = column.column?.type?.text;
      return [{ label: column.name, kind: CompletionItemKind.Field, detail: `${column.dataset}${type ? ` · ${type}` : ''}` }];
    });
  }

  private ofKind(...kinds: Array<SymbolInfo['kind']>): SymbolInfo[] {
    return [...this.program.symbols.values()].filter((symbol) => kinds.includes(symbol.kind));
  }
}

interface CurrentMeasure {
  name: string | undefined;
  components: string[];
}

function currentMeasure(source: SourceFile, offset: number): CurrentMeasure | undefined {
  for (const decl of source.ast.declarations) {
    if ((decl.kind === 'kpi' || decl.kind === 'index') && touches(decl.span, offset)) {
      return { name: decl.name?.text, components: decl.kind === 'index' ? decl.components.map((c) => c.name.text) : [] };
    }
  }
  return undefined;
}

function isDateColumn(column: SymbolInfo): boolean {
  const type = column.column?.type?.text;
  return type === 'date' || type === 'datetime';
}

function keywords(words: readonly string[]): CompletionItem[] {
  return words.map((word) => ({ label: word, kind: CompletionItemKind.Keyword }));
}

function units(except: readonly string[] = []): CompletionItem[] {
  return CANONICAL_UNITS.filter((unit) => !except.includes(unit)).map((unit) => ({ label: unit, kind: CompletionItemKind.Unit }));
}

function measureItem(symbol: SymbolInfo): CompletionItem {
  return { label: symbol.name, kind: symbol.kind === 'index' ? CompletionItemKind.Class : CompletionItemKind.Variable, detail: symbol.kind === 'index' ? 'index' : 'KPI' };
}

function datasetItem(symbol: SymbolInfo): CompletionItem {
  return { label: symbol.name, kind: CompletionItemKind.Struct, detail: 'dataset' };
}

function functionItems(): CompletionItem[] {
  const items: CompletionItem[] = [...AGGREGATIONS.values()].map((fn) => ({
    label: fn.name,
    kind: CompletionItemKind.Function,
    detail: fn.signature,
    documentation: fn.doc,
    insertText: fn.snippet,
    insertTextFormat: InsertTextFormat.Snippet,
  }));
  items.push({
    label: 'p90',
    kind: CompletionItemKind.Function,
    detail: 'p90(dataset.column [where condition]) (any p1 .. p99)',
    documentation: 'The 90th percentile, linear interpolation between closest ranks.',
    insertText: 'p90(${1:dataset.column})',
    insertTextFormat: InsertTextFormat.Snippet,
  });
  return items;
}
