/**
 * The TextMate grammar (grammar/syntaxes/kpi.tmLanguage.json), run through
 * vscode-textmate and Oniguruma, the engine VS Code colours with
 * (textmate.ts): which scope each kind of word gets in real snippets.
 */

import { strict as assert } from 'node:assert';
import type { IGrammar } from 'vscode-textmate';
import { readRepoFile } from './fixture-files';
import { compilesInOniguruma, kpiGrammar, scopesOf, tokenizeLines } from './textmate';
import { RESERVED_WORDS } from '../../../grammar/syntax';

function has(scopes: string[], scope: string): boolean {
  return scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
}

/** A rule of the grammar file, as far as these tests look into it. */
interface GrammarRule {
  match?: string;
  begin?: string;
  end?: string;
  patterns?: GrammarRule[];
}

describe('syntax: TextMate grammar', () => {
  const file = JSON.parse(readRepoFile('grammar', 'syntaxes', 'kpi.tmLanguage.json')) as {
    scopeName: string; patterns: GrammarRule[]; repository: Record<string, GrammarRule>;
  };
  let grammar: IGrammar;
  before(async () => {
    grammar = await kpiGrammar();
  });
  const scan = (text: string) => tokenizeLines(grammar, text);

  it('is the source.kpi grammar, every regex compiling in Oniguruma', () => {
    assert.equal(file.scopeName, 'source.kpi');
    const failed: string[] = [];
    const visit = (rule: GrammarRule): void => {
      for (const source of [rule.match, rule.begin, rule.end]) if (source !== undefined && !compilesInOniguruma(source)) failed.push(source);
      for (const child of rule.patterns ?? []) visit(child);
    };
    file.patterns.forEach(visit);
    Object.values(file.repository).forEach(visit);
    assert.deepEqual(failed, []);
  });

  it('colours comments and doc comments apart', () => {
    const runs = scan('/// Doc text\n// note\n//// rule');
    assert.ok(has(scopesOf(runs, '/// Doc text'.slice(3)), 'comment.line.documentation'));
    assert.ok(has(scopesOf(runs, ' note'), 'comment.line.double-slash'));
    assert.ok(has(scopesOf(runs, '// rule'), 'comment.line.double-slash'));
  });

  it('colours strings, escapes and bad escapes, and ends an unterminated string at the line end', () => {
    const runs = scan('kpi a "tab\\there \\q" {\nx "open\nvalue 1');
    assert.ok(has(scopesOf(runs, '\\t'), 'constant.character.escape'));
    assert.ok(has(scopesOf(runs, '\\q'), 'invalid.illegal.escape'));
    assert.ok(has(scopesOf(runs, 'open'), 'string.quoted.double'));
    assert.ok(!has(scopesOf(runs, 'value'), 'string'));
  });

  it('colours numbers, percents and the unit after a number', () => {
    const runs = scan('kpi a {\n  target >= 85%\n  warn <= 2 hours for channel = "chat"\n  critical <= 1e3\n}');
    assert.ok(has(scopesOf(runs, '85'), 'constant.numeric'));
    assert.ok(has(scopesOf(runs, '%'), 'keyword.other.unit.percent'));
    assert.ok(has(scopesOf(runs, 'hours'), 'keyword.other.unit'));
    assert.ok(has(scopesOf(runs, '1e3'), 'constant.numeric'));
  });

  it('colours every reserved word as a keyword, operator or constant', () => {
    for (const word of RESERVED_WORDS) {
      const scopes = scopesOf(scan(`x ${word} y`), word);
      assert.ok(
        scopes.some((s) => /^(keyword|storage|constant)\./.test(s)),
        `${word}: ${scopes.join(' ')}`,
      );
    }
  });

  it('names the declared kpi, index and dataset', () => {
    const runs = scan('kpi fcr "FCR" {\n}\nindex satisfaction {\n}\ndataset tickets from "t.csv" {\n}');
    assert.ok(has(scopesOf(runs, 'kpi'), 'storage.type'));
    assert.ok(has(scopesOf(runs, 'fcr'), 'entity.name.function'));
    assert.ok(has(scopesOf(runs, 'satisfaction'), 'entity.name.function'));
    assert.ok(has(scopesOf(runs, 'tickets'), 'entity.name.type.dataset'));
  });

  it('colours column names, types and units in a dataset, and not the same words elsewhere', () => {
    const runs = scan('dataset t from "t.csv" {\n  date date\n  wait number minutes optional\n  csat int 1..5\n}\nkpi k { value count(t where date is missing) }');
    const [name, type] = runs.filter((run) => run.line === 1 && run.text === 'date');
    assert.ok(has(name.scopes, 'variable.other.column'));
    assert.ok(has(type.scopes, 'support.type'));
    assert.ok(has(scopesOf(runs, 'number'), 'support.type'));
    assert.ok(has(scopesOf(runs, 'minutes'), 'keyword.other.unit'));
    assert.ok(has(scopesOf(runs, '..'), 'keyword.operator.range'));
    assert.ok(has(scopesOf(runs, 'optional'), 'keyword.other'));
    const inKpi = runs.filter((run) => run.line === 5 && run.text.includes('date'));
    assert.ok(inKpi.length > 0 && inKpi.every((run) => !has(run.scopes, 'support.type')));
  });

  it('colours function and period names only where they are called', () => {
    const runs = scan('kpi k {\n  value p90(tickets.x) + count(t) + count\n  trend by month(opened_at)\n}');
    assert.ok(has(scopesOf(runs, 'p90'), 'support.function'));
    assert.ok(has(scopesOf(runs, 'count'), 'support.function'));
    assert.ok(has(scopesOf(runs, 'month'), 'support.function.period'));
    const bareCount = runs.filter((run) => run.text === 'count' || run.text.includes('count'));
    assert.ok(bareCount.some((run) => !has(run.scopes, 'support.function')), 'a bare `count` is a name');
  });

  it('colours operators and index lines', () => {
    const runs = scan('index s {\n  fcr weight 35% score 120 -> 0, 15 -> 100\n  target >= 80\n}');
    assert.ok(has(scopesOf(runs, 'fcr'), 'variable.other.component'));
    assert.ok(has(scopesOf(runs, '->'), 'keyword.operator.arrow'));
    assert.ok(has(scopesOf(runs, '>='), 'keyword.operator.comparison'));
    assert.ok(has(scopesOf(runs, 'weight'), 'keyword.other'));
  });
});
