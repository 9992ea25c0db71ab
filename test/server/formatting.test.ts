/**
 * Formatting: the canonical layout (snapshot in fixtures/expected/format/),
 * small per-line edits through LSP, range formatting, refusal on syntax
 * errors, comments kept exactly, CRLF kept, idempotence on every sample and
 * fixture, and indifference to horizontal whitespace (property test).
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as t from '../../grammar/syntax/tokens';
import { formatText } from '../../server/lsp/features/format-text';
import { fromRoot } from '../support/paths';
import { parseMarkers } from '../support/markers';
import { FIXTURES } from './helpers/fixture-workspace';
import { startSession, type Session } from './helpers/session';
import { expectSnapshot } from './helpers/snapshots';
import { applyEdits } from './helpers/test-client';

const FILE = 'messy.kpi';

function kpiFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return kpiFiles(full);
    return entry.name.endsWith('.kpi') ? [full] : [];
  });
}

function comments(text: string): string[] {
  return (t.tokenize(text).groups[t.COMMENT_GROUP] ?? []).map((token) => token.image);
}

describe('server: formatting', function () {
  this.timeout(20_000);

  describe('through LSP', () => {
    let session: Session;
    let uri: string;
    beforeEach(async () => {
      session = await startSession('formatting');
      uri = await session.open(FILE);
    });
    afterEach(async () => session.stop());

    it('formats a document into the canonical layout with per-line edits', async () => {
      const original = session.client.text(uri);
      const edits = await session.client.formatting(uri);
      const formatted = applyEdits(original, edits);
      expectSnapshot('expected/format/messy.kpi', formatted);
      // One edit per changed or removed line, never a whole-document replacement.
      assert.ok(edits.every((edit) => edit.range.end.line - edit.range.start.line <= 1));
      assert.deepEqual(comments(formatted), comments(original));
    });

    it('returns no edits for a formatted document', async () => {
      await session.client.replace(uri, applyEdits(session.client.text(uri), await session.client.formatting(uri)));
      await session.client.diagnostics(uri);
      assert.deepEqual(await session.client.formatting(uri), []);
    });

    it('formats only the lines a range touches', async () => {
      const text = session.client.text(uri);
      const start = text.indexOf('kpi fcr');
      const end = text.indexOf('}', start) + 1;
      const edits = await session.client.rangeFormatting(uri, session.client.range(uri, start, end));
      const first = session.client.position(uri, start).line;
      const last = session.client.position(uri, end).line;
      assert.ok(edits.length > 0);
      assert.ok(edits.every((edit) => edit.range.start.line >= first && edit.range.end.line <= last));
      const formatted = applyEdits(text, edits);
      assert.equal(formatted.slice(0, start), text.slice(0, start));
      assert.match(formatted, /kpi fcr "FCR" \{\n {2}value {5}share\(tickets where resolved and not reopened\)\n {2}target {4}>= 85%\n/);
    });

    it('returns no edits while the file has syntax errors', async () => {
      const text = session.client.text(uri);
      await session.client.replace(uri, text.replace('value share(', 'value share(('));
      const diagnostics = await session.client.diagnostics(uri);
      assert.ok(diagnostics.some((d) => d.code === 'KPI001'));
      assert.deepEqual(await session.client.formatting(uri), []);
      assert.deepEqual(await session.client.rangeFormatting(uri, session.client.range(uri, 0, text.length)), []);
    });
  });

  describe('the layout', () => {
    const files = [...kpiFiles(fromRoot('samples')), ...kpiFiles(FIXTURES)];

    it('is idempotent on every sample and fixture', () => {
      assert.ok(files.length > 10);
      for (const file of files) {
        const text = parseMarkers(fs.readFileSync(file, 'utf8')).text;
        const once = formatText(text);
        if (once === undefined) continue; // refused (lexer errors): nothing to compare
        assert.equal(formatText(once), once, `not idempotent: ${path.relative(fromRoot(), file)}`);
        assert.deepEqual(comments(once), comments(text), `comments changed: ${path.relative(fromRoot(), file)}`);
      }
    });

    it('keeps CRLF line breaks and ends the file with one', () => {
      const text = 'kpi a "A" {\r\nvalue count(t)\r\n}';
      assert.equal(formatText(text), 'kpi a "A" {\r\n  value count(t)\r\n}\r\n');
    });

    it('drops blank lines at the edges and keeps at most one between statements', () => {
      assert.equal(formatText('\n\n\nimport "a.kpi"\n\n\n\nimport "b.kpi"\n\n\n'), 'import "a.kpi"\n\nimport "b.kpi"\n');
    });

    it('keeps a minus against its number as unary and spaces a binary minus', () => {
      assert.equal(formatText('kpi a {\n  value a-b - -1\n}\n'), 'kpi a {\n  value a - b - -1\n}\n');
      assert.equal(formatText('dataset d from "d.csv" {\n  x int -5..5\n}\n'), 'dataset d from "d.csv" {\n  x  int  -5..5\n}\n');
    });

    it('refuses text the lexer cannot read', () => {
      assert.equal(formatText('kpi a { value @ }'), undefined);
      assert.equal(formatText('kpi a "unterminated {\n}\n'), undefined);
    });

    it('ignores how much horizontal space separates tokens', () => {
      const canonical = formatText(fs.readFileSync(path.join(FIXTURES, 'expected', 'format', 'messy.kpi'), 'utf8'))!;
      const lexed = t.tokenize(canonical);
      // Gaps between two code tokens on one line (a trailing comment keeps its
      // own gap; the space around a minus sign is how a unary minus is told
      // from a binary one where both would parse, so it is left alone).
      const gaps = lexed.tokens.slice(1).flatMap((token, i) => {
        const previous = lexed.tokens[i];
        const from = previous.startOffset + previous.image.length;
        const between = canonical.slice(from, token.startOffset);
        const minus = previous.image === '-' || token.image === '-';
        return /^[ ]*$/.test(between) && !minus ? [{ from, to: token.startOffset }] : [];
      });
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(gaps.length - 1), fc.constantFrom('', ' ', '   ', '\t')), { maxLength: 40 }), (changes) => {
          const replacement = new Map(changes.map(([gap, space]) => [gap, space]));
          let text = '';
          let at = 0;
          gaps.forEach((gap, i) => {
            const space = replacement.get(i);
            if (space === undefined) return;
            // Never glue two words (or a number and a dot) together.
            const glued = space === '' && /[\w.]$/.test(canonical.slice(0, gap.from)) && /^[\w.]/.test(canonical.slice(gap.to));
            text += canonical.slice(at, gap.from) + (glued ? ' ' : space);
            at = gap.to;
          });
          text += canonical.slice(at);
          assert.equal(formatText(text), canonical);
        }),
        { seed: 20250314, numRuns: 300 },
      );
    });
  });
});
