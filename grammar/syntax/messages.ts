/**
 * Human wording of syntax errors: Chevrotain's IParserErrorMessageProvider,
 * keyed on the rule names and labels of parser.ts.
 *
 * Messages say what was expected, after what, and what was found:
 * "Expected a comparator (>=, >, <=, <) after `target`, found `30`". To name
 * the block a missing `}` should close ("Expected `}` to close kpi `fcr`")
 * the provider is given the token vector of the current parse (`tokens`) and
 * walks back from the last good token to the block's keyword. It must never
 * throw: a message is built while the parser is recovering.
 */

import { EOF, tokenMatcher, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import * as t from './tokens';

const DECLARATION_LIST = 'a declaration (import, dataset, kpi, index, breakdown, trend)';

interface BlockWording {
  /** How the block is named in a message: kpi `fcr`. */
  noun: string;
  keyword: TokenType;
  /** What may appear inside the block. */
  contents: string;
}

const BLOCKS: Readonly<Record<string, BlockWording>> = {
  kpiDecl: {
    noun: 'kpi',
    keyword: t.Kpi,
    contents: 'a KPI clause (value, unit, direction, target, warn, critical, breakdown, trend)',
  },
  indexDecl: {
    noun: 'index',
    keyword: t.Index,
    contents: 'an index line (a component name, unit, direction, target, warn, critical, breakdown, trend)',
  },
  datasetDecl: {
    noun: 'dataset',
    keyword: t.Dataset,
    contents: 'a column (`name type`), a column option (a unit, `min..max`, `in [...]`, `optional`, `key`) or `}`',
  },
};

/** Tokens that can only start a declaration: a block is surely unclosed when one follows. */
const DECLARATION_ONLY: readonly TokenType[] = [t.Import, t.Dataset, t.Kpi, t.Index];

/** What a mismatched token means in a given rule, as `rule:TokenName`, with an optional hint. */
const EXPECTED_IN_RULE: Readonly<Record<string, { what: string; hint?: string }>> = {
  'importDecl:StringLiteral': { what: 'the path of a .kpi file as a string', hint: 'import "datasets.kpi"' },
  'datasetDecl:Identifier': { what: 'a dataset name' },
  'datasetDecl:StringLiteral': { what: 'the data file as a string', hint: 'from "data/tickets.csv"' },
  'columnDecl:Identifier': { what: 'a column type (text, number, int, bool, date, datetime)' },
  'kpiDecl:Identifier': { what: 'a KPI name' },
  'indexDecl:Identifier': { what: 'an index name' },
  'trendClause:Identifier': { what: 'a period (day, week, month, quarter)', hint: 'trend by month(opened_at)' },
  'trendClause:LParen': { what: '`(`', hint: 'trend by month(opened_at)' },
  'columnPath:Identifier': { what: 'a column name' },
  'primary:Identifier': { what: 'a column name' },
  'signedNumber:NumberLiteral': { what: 'a number' },
  'scorePoint:Arrow': { what: '`->` between a value and its score', hint: 'score 120 -> 0, 15 -> 100' },
  'segment:Equal': { what: '`=`', hint: 'for channel = "chat"' },
  'allowedValues:StringLiteral': { what: 'a string' },
  'allowedValues:RBracket': { what: '`,` or `]`' },
  'valueList:RBracket': { what: '`,` or `]`' },
  'callArguments:RParen': { what: '`,`, `where` or `)`' },
};

/** Wording for an alternation that found no viable path, by rule. */
const NO_ALTERNATIVE_IN_RULE: Readonly<Record<string, string>> = {
  comparator: 'a comparator (>=, >, <=, <)',
  directionClause: '`higher` or `lower`',
  unitClause: 'a unit (seconds, minutes, hours, days, percent, score, points, count, currency)',
  literal: 'a value (a number, a string, true or false)',
  primary: 'a value (a number, a string, a name, a function call or `(`)',
  thresholdClause: 'target, warn or critical',
  file: DECLARATION_LIST,
  kpiDecl: BLOCKS.kpiDecl.contents,
  indexDecl: BLOCKS.indexDecl.contents,
};

const MAX_SHOWN = 30;

export function describeFound(token: IToken | undefined): string {
  if (token === undefined || tokenMatcher(token, EOF)) return 'the end of the file';
  const image = token.image.length > MAX_SHOWN ? `${token.image.slice(0, MAX_SHOWN)}…` : token.image;
  return `\`${image}\``;
}

function describeExpected(type: TokenType): string {
  if (type === EOF) return 'the end of the file';
  return type.LABEL ?? type.name;
}

function isRealToken(token: IToken | undefined): token is IToken {
  return token !== undefined && !tokenMatcher(token, EOF) && !t.isVirtual(token);
}

function after(previous: IToken | undefined): string {
  return isRealToken(previous) ? ` after ${describeFound(previous)}` : '';
}

export class KpiErrorMessages implements IParserErrorMessageProvider {
  /** The token vector being parsed; set by parser.ts around each parse. */
  tokens: IToken[] = [];

  buildMismatchTokenMessage(options: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
    const { expected, actual, previous, ruleName } = options;
    const block = BLOCKS[ruleName];
    if (block !== undefined && expected === t.RCurly) {
      if (tokenMatcher(actual, EOF) || DECLARATION_ONLY.some((type) => tokenMatcher(actual, type))) {
        return `Expected \`}\` to close ${this.blockTitle(block, previous)}`;
      }
      return `Unexpected ${describeFound(actual)}: expected ${block.contents}`;
    }
    if (expected === EOF) return this.buildNotAllInputParsedMessage({ firstRedundant: actual });
    const wording = EXPECTED_IN_RULE[`${ruleName}:${expected.name}`];
    const wanted = wording?.what ?? describeExpected(expected);
    const hint = wording?.hint === undefined ? '' : `, as in \`${wording.hint}\``;
    return `Expected ${wanted}${after(previous)}, found ${describeFound(actual)}${hint}`;
  }

  buildNotAllInputParsedMessage(options: { firstRedundant: IToken }): string {
    return `Unexpected ${describeFound(options.firstRedundant)}: expected ${DECLARATION_LIST}`;
  }

  buildNoViableAltMessage(options: {
    expectedPathsPerAlt: TokenType[][][];
    actual: IToken[];
    previous: IToken;
    ruleName: string;
  }): string {
    const { expectedPathsPerAlt, actual, previous, ruleName } = options;
    const wanted = NO_ALTERNATIVE_IN_RULE[ruleName] ?? listFirstTokens(expectedPathsPerAlt);
    return `Expected ${wanted}${after(previous)}, found ${describeFound(actual[0])}`;
  }

  buildEarlyExitMessage(options: {
    expectedIterationPaths: TokenType[][];
    actual: IToken[];
    previous: IToken;
    ruleName: string;
  }): string {
    const { expectedIterationPaths, actual, previous } = options;
    return `Expected ${listFirstTokens([expectedIterationPaths])}${after(previous)}, found ${describeFound(actual[0])}`;
  }

  /** `kpi \`fcr\``, found by walking back from `previous` to the block's keyword. */
  private blockTitle(block: BlockWording, previous: IToken | undefined): string {
    const name = isRealToken(previous) ? this.blockName(block, previous) : undefined;
    return name === undefined ? `the ${block.noun}` : `${block.noun} \`${name}\``;
  }

  private blockName(block: BlockWording, previous: IToken): string | undefined {
    const tokens = this.tokens;
    let index = lastIndexAtOrBefore(tokens, previous.startOffset);
    for (; index >= 0; index--) {
      const token = tokens[index];
      if (tokenMatcher(token, block.keyword)) {
        const name = tokens[index + 1];
        return name !== undefined && tokenMatcher(name, t.Identifier) ? name.image : undefined;
      }
      if (DECLARATION_ONLY.some((type) => tokenMatcher(token, type))) return undefined;
    }
    return undefined;
  }
}

/** Index of the last token starting at or before `offset`, or -1. */
function lastIndexAtOrBefore(tokens: IToken[], offset: number): number {
  let low = 0;
  let high = tokens.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (tokens[mid].startOffset <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

function listFirstTokens(paths: TokenType[][][]): string {
  const seen = new Set<string>();
  for (const alternative of paths) {
    for (const path of alternative) {
      if (path.length > 0) seen.add(describeExpected(path[0]));
    }
  }
  const words = [...seen];
  if (words.length === 0) return 'something else';
  if (words.length === 1) return words[0];
  return `one of ${words.join(', ')}`;
}
