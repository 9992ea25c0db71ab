/**
 * Semantic tokens: the legend, and what each kind of word is coloured as,
 * decoded from the relative encoding and checked at marked ranges.
 */

import * as assert from 'node:assert/strict';
import type { Range } from 'vscode-languageserver/node';
import { SEMANTIC_TOKENS_LEGEND } from '../../server/lsp/features/semantic-tokens';
import { startSession, type Session } from './helpers/session';

const FILE = 'scorecard.kpi';

interface Decoded {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

function decode(data: number[]): Decoded[] {
  const tokens: Decoded[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, bits] = data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const modifiers = SEMANTIC_TOKENS_LEGEND.tokenModifiers.filter((_, bit) => (bits & (1 << bit)) !== 0);
    tokens.push({ line, character, length, type: SEMANTIC_TOKENS_LEGEND.tokenTypes[type], modifiers });
  }
  return tokens;
}

describe('server: semantic tokens', function () {
  this.timeout(10_000);
  let session: Session;
  let tokens: Decoded[];
  before(async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    tokens = decode((await session.client.semanticTokens(uri)).data);
  });
  after(async () => session.stop());

  function at(range: Range): [string, string[]] | undefined {
    const found = tokens.find((token) => token.line === range.start.line && token.character === range.start.character);
    return found && (assert.equal(found.length, range.end.character - range.start.character), [found.type, found.modifiers]);
  }

  function word(text: string, occurrence = 0): Range {
    const source = session.marks(FILE).text;
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) offset = source.indexOf(text, offset + 1);
    assert.ok(offset >= 0, `no ${text}`);
    const before = source.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    return { start: { line, character }, end: { line, character: character + text.length } };
  }

  it('declares a legend of standard token types', () => {
    assert.deepEqual(SEMANTIC_TOKENS_LEGEND.tokenTypes, [
      'namespace', 'property', 'variable', 'class', 'function', 'type', 'enumMember', 'keyword', 'number', 'string', 'comment', 'operator',
    ]);
  });

  it('colours names by what they resolve to, declarations marked', () => {
    assert.deepEqual(at(session.range(FILE, 'p90-decl')), ['variable', ['declaration']]);
    assert.deepEqual(at(session.range(FILE, 'csat-ref')), ['variable', []]);
    assert.deepEqual(at(session.range(FILE, 'sat-decl')), ['class', ['declaration']]);
    assert.deepEqual(at(session.range(FILE, 'tickets-use')), ['namespace', []]);
    assert.deepEqual(at(session.range(FILE, 'frm-use')), ['property', []]);
  });

  it('colours functions, periods and units as built-ins', () => {
    assert.deepEqual(at(session.range(FILE, 'p90-fn')), ['function', ['defaultLibrary']]);
    assert.deepEqual(at(word('month')), ['function', ['defaultLibrary']]);
    assert.deepEqual(at(word('minutes')), ['enumMember', ['defaultLibrary']]);
  });

  it('colours keywords, numbers, strings, operators and comments', () => {
    assert.deepEqual(at(word('kpi', 1)), ['keyword', []]); // the first `kpi` is inside "datasets.kpi"
    assert.deepEqual(at(word('kpi')), undefined);
    assert.deepEqual(at(word('30')), ['number', []]);
    assert.deepEqual(at(word('"First response (P90)"')), ['string', []]);
    assert.deepEqual(at(word('<=')), ['operator', []]);
    assert.deepEqual(at(word('/// Time to the first agent reply for nine tickets in ten.')), ['comment', ['documentation']]);
  });

  it('emits tokens in order without overlaps', () => {
    for (let i = 1; i < tokens.length; i++) {
      const [a, b] = [tokens[i - 1], tokens[i]];
      assert.ok(b.line > a.line || b.character >= a.character + a.length, `overlap at ${b.line}:${b.character}`);
    }
  });
});
