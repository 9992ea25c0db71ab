/**
 * The grammar of the KPI language as a Chevrotain CstParser.
 *
 * One instance is built on the first parse and reused: `parseTokens` resets
 * its input for every call. Building it (Chevrotain's grammar analysis) takes
 * tens of milliseconds, so it is not done at module load: a language server
 * answers `initialize` without it. Rules hold no semantic actions (only
 * GATEs that look at tokens); ast-builder.ts turns the CST into the AST.
 * Error recovery is on: Chevrotain inserts or deletes a single token where
 * that fixes a mismatch, re-syncs a failed clause at the next clause keyword
 * or `}`, a failed declaration at the next top-level keyword, and skips
 * garbage between repetitions (declarations, clauses, columns). Error texts
 * come from messages.ts.
 *
 * Labels used by the AST builder are the `LABEL`s below; rule names are also
 * what messages.ts keys its wording on, so rename both together.
 */

import { CstParser, EOF, tokenMatcher, type CstNode, type IRecognitionException, type IToken } from 'chevrotain';
import * as t from './tokens';
import { isTypeName, isUnitWord } from './vocabulary';
import { KpiErrorMessages } from './messages';
import { skipGrammarValidations } from './build-mode';

class KpiParser extends CstParser {
  constructor(messages: KpiErrorMessages) {
    super(t.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      // Offsets of every CST node, so the AST builder need not walk subtrees for spans.
      nodeLocationTracking: 'onlyOffset',
      errorMessageProvider: messages,
      skipValidations: skipGrammarValidations,
    });
    this.performSelfAnalysis();
  }

  // ---- file and declarations ----

  readonly file = this.RULE('file', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.datasetDecl) },
        { ALT: () => this.SUBRULE(this.kpiDecl) },
        { ALT: () => this.SUBRULE(this.indexDecl) },
        { ALT: () => this.SUBRULE(this.breakdownClause) },
        { ALT: () => this.SUBRULE(this.trendClause) },
      ]);
    });
  });

  readonly importDecl = this.RULE('importDecl', () => {
    this.CONSUME(t.Import);
    this.CONSUME(t.StringLiteral, { LABEL: 'path' });
  });

  readonly datasetDecl = this.RULE('datasetDecl', () => {
    this.CONSUME(t.Dataset);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    // `from "file"` is required, but both words are optional here so that a
    // forgotten `from` or source does not throw the column block away; the
    // AST builder reports what is missing.
    this.OPTION(() => {
      this.OPTION2(() => this.CONSUME(t.From));
      this.CONSUME(t.StringLiteral, { LABEL: 'source' });
    });
    this.CONSUME(t.LCurly);
    // A column starts with two names (`name type`): after an error, recovery
    // skips to the next such pair (or `}`) instead of starting a column at
    // every stray word.
    this.MANY({
      GATE: () => tokenMatcher(this.LA(2), t.Identifier),
      DEF: () => this.SUBRULE(this.columnDecl),
    });
    this.CONSUME(t.RCurly);
  });

  /** `name type [unit] [min..max] [in [...]] [optional] [key]`, options in any order. */
  readonly columnDecl = this.RULE('columnDecl', () => {
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.CONSUME2(t.Identifier, { LABEL: 'type' });
    this.MANY({
      GATE: () => !tokenMatcher(this.LA(1), t.Identifier) || this.columnUnitAhead(),
      DEF: () => {
        this.OR([
          { ALT: () => this.CONSUME3(t.Identifier, { LABEL: 'unit' }) },
          { ALT: () => this.SUBRULE(this.range) },
          { ALT: () => this.SUBRULE(this.allowedValues) },
          { ALT: () => this.CONSUME(t.Optional) },
          { ALT: () => this.CONSUME(t.Key) },
        ]);
      },
    });
  });

  readonly range = this.RULE('range', () => {
    this.SUBRULE(this.signedNumber, { LABEL: 'min' });
    this.CONSUME(t.DotDot);
    this.SUBRULE2(this.signedNumber, { LABEL: 'max' });
  });

  readonly allowedValues = this.RULE('allowedValues', () => {
    this.CONSUME(t.In);
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.CONSUME(t.StringLiteral, { LABEL: 'values' });
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.CONSUME2(t.StringLiteral, { LABEL: 'values' });
      });
    });
    this.CONSUME(t.RBracket);
  });

  readonly kpiDecl = this.RULE('kpiDecl', () => {
    this.CONSUME(t.Kpi);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(t.StringLiteral, { LABEL: 'title' }));
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.valueClause) },
        { ALT: () => this.SUBRULE(this.unitClause) },
        { ALT: () => this.SUBRULE(this.directionClause) },
        { ALT: () => this.SUBRULE(this.thresholdClause, { ARGS: [false] }) },
        { ALT: () => this.SUBRULE(this.breakdownClause) },
        { ALT: () => this.SUBRULE(this.trendClause) },
      ]);
    });
    this.CONSUME(t.RCurly);
  });

  readonly indexDecl = this.RULE('indexDecl', () => {
    this.CONSUME(t.Index);
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(t.StringLiteral, { LABEL: 'title' }));
    this.CONSUME(t.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.SUBRULE(this.componentLine) },
        { ALT: () => this.SUBRULE(this.unitClause) },
        { ALT: () => this.SUBRULE(this.directionClause) },
        { ALT: () => this.SUBRULE(this.thresholdClause, { ARGS: [true] }) },
        { ALT: () => this.SUBRULE(this.breakdownClause) },
        { ALT: () => this.SUBRULE(this.trendClause) },
      ]);
    });
    this.CONSUME(t.RCurly);
  });

  /** `fcr weight 35% score 120 -> 0, 15 -> 100` (weight and score in any order). */
  readonly componentLine = this.RULE('componentLine', () => {
    this.CONSUME(t.Identifier, { LABEL: 'name' });
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.Weight);
            this.SUBRULE(this.signedNumber, { LABEL: 'weight' });
          },
        },
        { ALT: () => this.SUBRULE(this.scoreMapping) },
      ]);
    });
  });

  readonly scoreMapping = this.RULE('scoreMapping', () => {
    this.CONSUME(t.Score);
    this.SUBRULE(this.scorePoint);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.scorePoint);
    });
  });

  readonly scorePoint = this.RULE('scorePoint', () => {
    this.SUBRULE(this.signedNumber, { LABEL: 'from' });
    this.CONSUME(t.Arrow);
    this.SUBRULE2(this.signedNumber, { LABEL: 'to' });
  });

  // ---- clauses shared by kpi and index blocks ----

  readonly valueClause = this.RULE('valueClause', () => {
    this.CONSUME(t.Value);
    this.SUBRULE(this.expression);
  });

  readonly unitClause = this.RULE('unitClause', () => {
    this.CONSUME(t.Unit);
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier, { LABEL: 'unit' }) },
      // `score` is a reserved word and also a unit name.
      { ALT: () => this.CONSUME(t.Score, { LABEL: 'unit' }) },
    ]);
  });

  readonly directionClause = this.RULE('directionClause', () => {
    this.CONSUME(t.Direction);
    this.OR([
      { ALT: () => this.CONSUME(t.Higher, { LABEL: 'direction' }) },
      { ALT: () => this.CONSUME(t.Lower, { LABEL: 'direction' }) },
    ]);
  });

  /** `target >= 80`, `warn <= 1 minutes for channel = "chat"`. */
  readonly thresholdClause = this.RULE('thresholdClause', (inIndex?: boolean) => {
    this.OR([
      { ALT: () => this.CONSUME(t.Target, { LABEL: 'level' }) },
      { ALT: () => this.CONSUME(t.Warn, { LABEL: 'level' }) },
      { ALT: () => this.CONSUME(t.Critical, { LABEL: 'level' }) },
    ]);
    this.SUBRULE(this.comparator);
    this.SUBRULE(this.quantity, { ARGS: [inIndex === true] });
    this.OPTION(() => this.SUBRULE(this.segment));
  });

  readonly comparator = this.RULE('comparator', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.GreaterEqual, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(t.Greater, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(t.LessEqual, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(t.Less, { LABEL: 'op' }) },
    ]);
  });

  /** A number with an optional `%` and an optional unit: `30`, `85%`, `2 hours`, `-5`. */
  readonly quantity = this.RULE('quantity', (inIndex?: boolean) => {
    this.SUBRULE(this.signedNumber);
    this.OPTION({
      GATE: () => this.quantityUnitAhead(inIndex === true),
      DEF: () => this.CONSUME(t.Identifier, { LABEL: 'unit' }),
    });
  });

  readonly signedNumber = this.RULE('signedNumber', () => {
    this.OPTION(() => this.CONSUME(t.Minus));
    this.CONSUME(t.NumberLiteral);
    this.OPTION2(() => this.CONSUME(t.Percent));
  });

  /** `for channel = "chat"` */
  readonly segment = this.RULE('segment', () => {
    this.CONSUME(t.For);
    this.SUBRULE(this.columnPath);
    this.CONSUME(t.Equal);
    this.SUBRULE(this.literal);
  });

  readonly literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.signedNumber) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
    ]);
  });

  readonly breakdownClause = this.RULE('breakdownClause', () => {
    this.CONSUME(t.Breakdown);
    this.CONSUME(t.By);
    this.SUBRULE(this.columnPath);
    this.MANY(() => {
      this.CONSUME(t.Comma);
      this.SUBRULE2(this.columnPath);
    });
  });

  readonly trendClause = this.RULE('trendClause', () => {
    this.CONSUME(t.Trend);
    this.CONSUME(t.By);
    this.CONSUME(t.Identifier, { LABEL: 'period' });
    this.CONSUME(t.LParen);
    this.SUBRULE(this.columnPath);
    this.CONSUME(t.RParen);
  });

  /** `channel` or `tickets.channel` */
  readonly columnPath = this.RULE('columnPath', () => {
    this.CONSUME(t.Identifier, { LABEL: 'first' });
    this.OPTION(() => {
      this.CONSUME(t.Dot);
      this.CONSUME2(t.Identifier, { LABEL: 'second' });
    });
  });

  // ---- expressions ----
  //
  // Precedence, loosest first: or < and < not < comparison < + - < * / <
  // unary minus < primary. To keep the tree shallow (the editor re-parses on
  // every keystroke) levels that only chain binary operators share a rule and
  // the AST builder applies the precedence: `expression` chains `or`/`and`,
  // `arithmetic` chains `+ - * /`, and the prefix operators are folded into
  // `comparison` (`not`) and `primary` (unary `-`).

  /** Operands joined by `and` / `or` (`and` binds tighter). */
  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.comparison, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Or, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(t.And, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.comparison, { LABEL: 'operands' });
    });
  });

  /**
   * `not`* then an arithmetic operand, then at most one comparison tail:
   * `= != < <= > >=` and another operand, `[not] in [...]`, or
   * `is [not] missing`. Comparisons do not chain (`a < b < c` is an error);
   * the leading `not`s apply to the whole comparison.
   */
  readonly comparison = this.RULE('comparison', () => {
    this.MANY(() => this.CONSUME(t.Not, { LABEL: 'nots' }));
    this.SUBRULE(this.arithmetic, { LABEL: 'left' });
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.OR2([
              { ALT: () => this.CONSUME(t.Equal, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(t.NotEqual, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(t.LessEqual, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(t.Less, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(t.GreaterEqual, { LABEL: 'op' }) },
              { ALT: () => this.CONSUME(t.Greater, { LABEL: 'op' }) },
            ]);
            this.SUBRULE2(this.arithmetic, { LABEL: 'right' });
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME2(t.Not, { LABEL: 'negated' }));
            this.CONSUME(t.In);
            this.SUBRULE(this.valueList);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.Is);
            this.OPTION3(() => this.CONSUME3(t.Not, { LABEL: 'negated' }));
            this.CONSUME(t.Missing);
          },
        },
      ]);
    });
  });

  /** Operands joined by `+ - * /` (`*` and `/` bind tighter). */
  readonly arithmetic = this.RULE('arithmetic', () => {
    this.SUBRULE(this.primary, { LABEL: 'operands' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(t.Plus, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(t.Minus, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(t.Star, { LABEL: 'ops' }) },
        { ALT: () => this.CONSUME(t.Slash, { LABEL: 'ops' }) },
      ]);
      this.SUBRULE2(this.primary, { LABEL: 'operands' });
    });
  });

  readonly valueList = this.RULE('valueList', () => {
    this.CONSUME(t.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: 'values' });
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression, { LABEL: 'values' });
      });
    });
    this.CONSUME(t.RBracket);
  });

  /** Unary `-`* then a number, string, boolean, `( ... )`, name, `a.b` or call. */
  readonly primary = this.RULE('primary', () => {
    this.MANY(() => this.CONSUME(t.Minus, { LABEL: 'minus' }));
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.NumberLiteral);
          this.OPTION(() => this.CONSUME(t.Percent));
        },
      },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.expression, { LABEL: 'inner' });
          this.CONSUME(t.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Identifier, { LABEL: 'name' });
          this.OPTION2(() => {
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(t.Dot);
                  this.CONSUME2(t.Identifier, { LABEL: 'member' });
                },
              },
              { ALT: () => this.SUBRULE(this.callArguments) },
            ]);
          });
        },
      },
    ]);
  });

  /** `(tickets.csat where channel = "chat")`, `(x, 95)`, `(tickets where resolved)` */
  readonly callArguments = this.RULE('callArguments', () => {
    this.CONSUME(t.LParen);
    this.OPTION(() => {
      this.SUBRULE(this.expression, { LABEL: 'args' });
      this.MANY(() => {
        this.CONSUME(t.Comma);
        this.SUBRULE2(this.expression, { LABEL: 'args' });
      });
    });
    this.OPTION2(() => {
      this.CONSUME(t.Where);
      this.SUBRULE3(this.expression, { LABEL: 'filter' });
    });
    this.CONSUME(t.RParen);
  });

  // ---- layout ambiguities ----

  /**
   * After a column's type, is the next name the column's unit, or the name of
   * the next column? Newlines are not tokens, so we decide from the words:
   * a new column starts with `name typeName` (a known type name: text,
   * number, int, bool, date, datetime). The name at LA(1) is a unit when it
   * does not start a column, and either it is a known unit word (`minutes`,
   * `h`, ...), or an unknown word followed by a column option (`kg optional`,
   * `kg 0..10`), or the next column starts right after it. So `hours number`
   * is a new column called `hours`, and `minutes optional` is a unit.
   */
  private columnUnitAhead(): boolean {
    if (!tokenMatcher(this.LA(1), t.Identifier) || this.columnStartsAt(1)) return false;
    if (isUnitWord(this.LA(1).image)) return true;
    const next = this.LA(2);
    return (
      tokenMatcher(next, t.Optional) ||
      tokenMatcher(next, t.Key) ||
      tokenMatcher(next, t.In) ||
      tokenMatcher(next, t.NumberLiteral) ||
      tokenMatcher(next, t.Minus) ||
      this.columnStartsAt(2)
    );
  }

  private columnStartsAt(k: number): boolean {
    return tokenMatcher(this.LA(k), t.Identifier) && tokenMatcher(this.LA(k + 1), t.Identifier) && isTypeName(this.LA(k + 1).image);
  }

  /**
   * After a threshold's number, is the next name its unit? In an index block
   * a line may start with a component name (`target >= 80` then
   * `fcr weight 35%`), so there a name is the unit only if it is a known unit
   * word AND the token after it does not continue a component (`weight`,
   * `score`). In a kpi block nothing else starts with a name, so any name
   * followed by the end of the clause (a keyword, `}` or the end of the file)
   * is taken as the unit too, for the checker to judge (`<= 5 kg`); a name
   * followed by anything else is left to error recovery (`wran <= 60`).
   */
  private quantityUnitAhead(inIndex: boolean): boolean {
    const candidate = this.LA(1);
    if (!tokenMatcher(candidate, t.Identifier)) return false;
    const next = this.LA(2);
    if (tokenMatcher(next, t.Weight) || tokenMatcher(next, t.Score)) return false;
    if (isUnitWord(candidate.image)) return true;
    if (inIndex) return false;
    return tokenMatcher(next, t.Keyword) || tokenMatcher(next, t.RCurly) || tokenMatcher(next, EOF);
  }
}

const messages = new KpiErrorMessages();
let parser: KpiParser | undefined;

export interface CstParseResult {
  cst: CstNode;
  errors: IRecognitionException[];
}

/** Parse a token vector (comments already removed). Reuses the one parser instance. */
export function parseTokens(tokens: IToken[]): CstParseResult {
  parser ??= new KpiParser(messages);
  messages.tokens = tokens;
  parser.input = tokens;
  try {
    const cst = parser.file();
    return { cst, errors: parser.errors };
  } finally {
    // Drop the references to this text's tokens: the shared parser outlives every parse.
    messages.tokens = [];
    parser.input = [];
  }
}
