/**
 * Runs grammar/syntaxes/kpi.tmLanguage.json through the engine VS Code uses:
 * vscode-textmate, with the Oniguruma regular expressions of
 * vscode-oniguruma (its WebAssembly build, loaded once from node_modules).
 * `tokenizeLines` gives every token of every line with its scopes, so the
 * tests see exactly the colours an editor would draw.
 */

import * as fs from 'node:fs';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { readRepoFile } from './fixture-files';

/** Scopes of a run of characters of one line (0-based line and columns). */
export interface ScopedRun {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

const GRAMMAR_PATH = ['grammar', 'syntaxes', 'kpi.tmLanguage.json'];

let loaded: Promise<IGrammar> | undefined;

/** The source.kpi grammar, loaded into vscode-textmate once per test run. */
export function kpiGrammar(): Promise<IGrammar> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<IGrammar> {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.kpi' ? parseRawGrammar(readRepoFile(...GRAMMAR_PATH), `${GRAMMAR_PATH.join('/')}`) : null,
  });
  const grammar = await registry.loadGrammar('source.kpi');
  if (grammar === null) throw new Error('vscode-textmate did not load source.kpi');
  return grammar;
}

/** Every token of `text`, line by line, the rule stack carried from each line to the next as an editor does. */
export function tokenizeLines(grammar: IGrammar, text: string): ScopedRun[] {
  const runs: ScopedRun[] = [];
  let state = INITIAL;
  text.split(/\r\n|\r|\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      const end = Math.min(token.endIndex, lineText.length);
      if (end > token.startIndex) {
        runs.push({ line, start: token.startIndex, end, text: lineText.slice(token.startIndex, end), scopes: token.scopes });
      }
    }
    state = result.ruleStack;
  });
  return runs;
}

/** Whether Oniguruma compiles `source` (every regex of the grammar must). */
export function compilesInOniguruma(source: string): boolean {
  try {
    new oniguruma.OnigScanner([source]).dispose();
    return true;
  } catch {
    return false;
  }
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
