/**
 * The offset <-> LSP position edge: lines split at `\n`, `\r\n` and lone
 * `\r`, UTF-16 columns, exclusive ends; URIs <-> file identities.
 */

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileToUri, linesOf, toOffset, toPosition, toRange, toSpan, uriToFile } from '../../server/lsp/convert';
import { parseMarkers } from '../support/markers';

describe('server: convert', () => {
  it('converts offsets to positions and back across every kind of line break', () => {
    const marked = parseMarkers('a\r\n⟦b‸c⟧\rd\n€‸x');
    const lines = linesOf(marked.text);
    const [range] = marked.ranges;
    assert.deepEqual(toRange(lines, range), { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
    assert.deepEqual(toPosition(lines, marked.cursors[0]), { line: 1, character: 1 });
    assert.deepEqual(toPosition(lines, marked.cursors[1]), { line: 3, character: 1 });
    for (let offset = 0; offset <= marked.text.length; offset++) {
      const position = toPosition(lines, offset);
      // The position between `\r` and `\n` does not exist: it maps to the line's end.
      if (marked.text.slice(offset - 1, offset + 1) === '\r\n') continue;
      assert.equal(toOffset(lines, position), offset);
    }
    assert.deepEqual(toSpan(lines, toRange(lines, range)), { start: range.start, end: range.end });
  });

  it('counts columns in UTF-16 code units', () => {
    const text = '😀x';
    assert.deepEqual(toPosition(linesOf(text), text.indexOf('x')), { line: 0, character: 2 });
  });

  it('clamps positions beyond a line or the text', () => {
    const lines = linesOf('ab\ncd');
    assert.equal(toOffset(lines, { line: 0, character: 99 }), 3);
    assert.equal(toOffset(lines, { line: 9, character: 0 }), 5);
  });

  it('turns file URIs into absolute paths and back, keeping the URIs of open documents', () => {
    const file = path.resolve('some folder', 'scorecard.kpi');
    const uri = pathToFileURL(file).href;
    assert.equal(uriToFile(uri), file);
    assert.equal(fileToUri(file), uri);
    // A client's own spelling of an open document's URI (VS Code escapes `:` in drive letters).
    const clientSpelling = 'file:///c%3A/some%20folder/scorecard.kpi';
    assert.equal(fileToUri(file, new Map([[file, clientSpelling]])), clientSpelling);
  });

  it('keeps other URIs as their own identity', () => {
    assert.equal(uriToFile('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(fileToUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});
