/**
 * A small TextMate tokenizer for testing grammar/syntaxes/kpi.tmLanguage.json
 * without VS Code: `match` and `begin`/`end` rules, `include` of `#repository`
 * entries and `$self`, `name`, `captures`, `beginCaptures`, `endCaptures`.
 * Rules are compiled as JavaScript regular expressions, so the grammar must
 * keep to the syntax Oniguruma and JavaScript share (that is itself checked
 * here). Like TextMate, it scans line by line, takes the earliest match
 * (ties: the end pattern, then rule order) and carries open begin/end rules
 * across lines.
 */

export interface GrammarRule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  captures?: Record<string, { name?: string }>;
  beginCaptures?: Record<string, { name?: string }>;
  endCaptures?: Record<string, { name?: string }>;
  patterns?: GrammarRule[];
}

export interface Grammar {
  scopeName: string;
  patterns: GrammarRule[];
  repository: Record<string, GrammarRule>;
}

/** Scopes of a run of characters of one line. */
export interface ScopedRun {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

interface Open {
  rule: GrammarRule;
  end: RegExp;
  scopes: string[];
}

const compiled = new Map<string, RegExp>();

export function compile(source: string): RegExp {
  let regex = compiled.get(source);
  if (regex === undefined) {
    regex = new RegExp(source, 'gd');
    compiled.set(source, regex);
  }
  return regex;
}

function expand(grammar: Grammar, rules: GrammarRule[], seen = new Set<GrammarRule>()): GrammarRule[] {
  const result: GrammarRule[] = [];
  for (const rule of rules) {
    if (rule.include !== undefined) {
      const target = rule.include === '$self' ? { patterns: grammar.patterns } : grammar.repository[rule.include.slice(1)];
      if (target === undefined) throw new Error(`unknown include ${rule.include}`);
      if (seen.has(target)) continue;
      seen.add(target);
      result.push(...(target.match !== undefined || target.begin !== undefined ? [target] : expand(grammar, target.patterns ?? [], seen)));
    } else {
      result.push(rule);
    }
  }
  return result;
}

function search(regex: RegExp, line: string, from: number): RegExpExecArray | null {
  regex.lastIndex = from;
  return regex.exec(line);
}

export function tokenizeLines(grammar: Grammar, text: string): ScopedRun[] {
  const runs: ScopedRun[] = [];
  const stack: Open[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, lineNumber) => {
    let position = 0;
    const emit = (start: number, end: number, scopes: string[]): void => {
      if (end > start) runs.push({ line: lineNumber, start, end, text: line.slice(start, end), scopes });
    };
    const emitCaptures = (match: RegExpExecArray, scopes: string[], captures: GrammarRule['captures']): void => {
      const indices = match.indices ?? [];
      let cursor = match.index;
      const groups = Object.keys(captures ?? {})
        .map(Number)
        .filter((group) => indices[group] !== undefined)
        .sort((a, b) => (indices[a] as [number, number])[0] - (indices[b] as [number, number])[0]);
      for (const group of groups) {
        const [start, end] = indices[group] as [number, number];
        const name = captures?.[String(group)]?.name;
        if (start < cursor) continue;
        emit(cursor, start, scopes);
        emit(start, end, name === undefined ? scopes : [...scopes, name]);
        cursor = end;
      }
      emit(cursor, match.index + match[0].length, scopes);
    };
    // Bounded: a grammar whose rules loop without consuming fails the test instead of hanging it.
    for (let step = 0; step < 10_000; step++) {
      const open = stack[stack.length - 1];
      const baseScopes = open === undefined ? [grammar.scopeName] : open.scopes;
      const rules = expand(grammar, open === undefined ? grammar.patterns : (open.rule.patterns ?? []));
      let best: { match: RegExpExecArray; rule: GrammarRule | 'end' } | undefined;
      if (open !== undefined) {
        const match = search(open.end, line, position);
        if (match !== null) best = { match, rule: 'end' };
      }
      for (const rule of rules) {
        const source = rule.match ?? rule.begin;
        if (source === undefined) continue;
        const match = search(compile(source), line, position);
        if (match !== null && (best === undefined || match.index < best.match.index)) best = { match, rule };
      }
      if (best === undefined) {
        emit(position, line.length, baseScopes);
        break;
      }
      const { match, rule } = best;
      emit(position, match.index, baseScopes);
      const matchEnd = match.index + match[0].length;
      if (rule === 'end' && open !== undefined) {
        emitCaptures(match, open.scopes, open.rule.endCaptures);
        stack.pop();
      } else if (rule !== 'end' && rule.begin !== undefined) {
        const scopes = rule.name === undefined ? baseScopes : [...baseScopes, rule.name];
        emitCaptures(match, scopes, rule.beginCaptures);
        stack.push({ rule, end: compile(rule.end ?? '$^'), scopes });
      } else if (rule !== 'end') {
        const scopes = rule.name === undefined ? baseScopes : [...baseScopes, rule.name];
        emitCaptures(match, scopes, rule.captures);
      }
      if (matchEnd === match.index && rule !== 'end' && rule.begin === undefined) {
        // An empty match that changes nothing: step over one character.
        emit(matchEnd, matchEnd + 1, baseScopes);
        position = matchEnd + 1;
      } else {
        position = matchEnd;
      }
      if (position > line.length) break;
    }
  });
  return runs;
}

/** The scopes of the first run whose text is `word` (after `after`, when given). */
export function scopesOf(runs: ScopedRun[], word: string, after?: string): string[] {
  let from = 0;
  if (after !== undefined) {
    const anchor = runs.findIndex((run) => run.text.includes(after));
    if (anchor < 0) throw new Error(`no run containing ${after}`);
    from = anchor;
  }
  const run = runs.slice(from).find((candidate) => candidate.text === word);
  if (run === undefined) throw new Error(`no run with text ${JSON.stringify(word)}: ${JSON.stringify(runs.map((r) => r.text))}`);
  return run.scopes;
}
