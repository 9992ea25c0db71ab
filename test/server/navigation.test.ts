/**
 * Going through names: definition, references, rename (with its refusals),
 * across an import; the outline, workspace symbols and folding ranges.
 */

import * as assert from 'node:assert/strict';
import { ResponseError, SymbolKind, type Location, type WorkspaceEdit } from 'vscode-languageserver/node';
import { startSession, type Session } from './helpers/session';
import { applyEdits } from './helpers/test-client';
import { mentionsName } from '../../server/lsp/workspace';

const FILE = 'scorecard.kpi';
const DATASETS = 'datasets.kpi';

function sorted(locations: Location[]): Location[] {
  return [...locations].sort((a, b) => a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character);
}

describe('server: navigation', function () {
  this.timeout(10_000);
  let session: Session;
  let uri: string;
  beforeEach(async () => {
    session = await startSession('basic');
    uri = await session.open(FILE);
  });
  afterEach(async () => session.stop());

  describe('definition', () => {
    it('goes from a KPI used in an index to its declaration', async () => {
      const found = await session.client.definition(uri, session.at(FILE, 'csat-ref') + 2);
      assert.deepEqual(found, [{ uri, range: session.range(FILE, 'csat-decl') }]);
    });

    it('goes from a column use to its declaration in the imported file', async () => {
      const found = await session.client.definition(uri, session.at(FILE, 'frm-use'));
      assert.deepEqual(found, [{ uri: session.workspace.uri(DATASETS), range: session.range(DATASETS, 'frm-decl') }]);
    });

    it('goes from a dataset name to its declaration', async () => {
      const found = await session.client.definition(uri, session.at(FILE, 'tickets-use') + 1);
      assert.deepEqual(found, [{ uri: session.workspace.uri(DATASETS), range: session.range(DATASETS, 'tickets-decl') }]);
    });

    it('goes from an import path to the imported file', async () => {
      const found = await session.client.definition(uri, session.marks(FILE).text.indexOf('datasets.kpi'));
      const start = { line: 0, character: 0 };
      assert.deepEqual(found, [{ uri: session.workspace.uri(DATASETS), range: { start, end: start } }]);
    });

    it('finds nothing on a keyword', async () => {
      assert.deepEqual(await session.client.definition(uri, session.at(FILE, 'p90-header')), []);
    });
  });

  describe('references', () => {
    it('lists every use of a KPI, with or without its declaration', async () => {
      const marks = session.marks(FILE);
      const partialUse = marks.text.indexOf('csat', marks.text.indexOf('index partial_index'));
      const uses = [
        session.range(FILE, 'csat-ref'),
        { start: session.client.position(uri, partialUse), end: session.client.position(uri, partialUse + 4) },
      ];
      const withoutDeclaration = await session.client.references(uri, session.at(FILE, 'csat-decl'), false);
      assert.deepEqual(sorted(withoutDeclaration), sorted(uses.map((range) => ({ uri, range }))));
      const withDeclaration = await session.client.references(uri, session.at(FILE, 'csat-ref'), true);
      assert.deepEqual(sorted(withDeclaration), sorted([...uses, session.range(FILE, 'csat-decl')].map((range) => ({ uri, range }))));
    });

    it('finds uses of a column in the importing file from its declaration in an open imported file', async () => {
      const datasets = await session.open(DATASETS);
      const found = await session.client.references(datasets, session.at(DATASETS, 'frm-decl'), false);
      const text = session.marks(FILE).text;
      const expected: Location[] = [];
      for (let at = text.indexOf('first_response_min'); at >= 0; at = text.indexOf('first_response_min', at + 1)) {
        expected.push({ uri, range: session.client.range(uri, at, at + 'first_response_min'.length) });
      }
      assert.equal(expected.length, 2);
      assert.deepEqual(sorted(found), sorted(expected));
    });
  });

  describe('rename', () => {
    it('prepares with the name\'s range and text', async () => {
      assert.deepEqual(await session.client.prepareRename(uri, session.at(FILE, 'csat-ref') + 1), {
        range: session.range(FILE, 'csat-ref'),
        placeholder: 'csat',
      });
      assert.equal(await session.client.prepareRename(uri, session.at(FILE, 'p90-header')), null);
    });

    it('renames a KPI at its declaration and every use', async () => {
      const edit = await session.client.rename(uri, session.at(FILE, 'csat-decl'), 'satisfaction_rate');
      const after = applyEdits(session.client.text(uri), (edit as WorkspaceEdit).changes![uri]);
      assert.equal(after, session.client.text(uri).replace(/\bcsat(?=\s+"CSAT"| +weight)/g, 'satisfaction_rate'));
      assert.equal((after.match(/satisfaction_rate/g) ?? []).length, 3);
      assert.deepEqual(Object.keys(edit?.changes ?? {}), [uri]);
    });

    it('renames a column in its dataset file and in the importing file', async () => {
      const edit = await session.client.rename(uri, session.at(FILE, 'frm-use'), 'first_reply_min');
      const changes = (edit as WorkspaceEdit).changes!;
      assert.deepEqual(Object.keys(changes).sort(), [uri, session.workspace.uri(DATASETS)].sort());
      assert.deepEqual(changes[session.workspace.uri(DATASETS)], [{ range: session.range(DATASETS, 'frm-decl'), newText: 'first_reply_min' }]);
      const after = applyEdits(session.client.text(uri), changes[uri]);
      assert.equal(after, session.client.text(uri).replace(/first_response_min/g, 'first_reply_min'));
    });

    for (const [newName, reason] of [
      ['2fast', /not a name/],
      ['weight', /reserved word/],
      ['resolution_rate', /already the name of a KPI/],
      ['tickets', /already the name of a dataset/],
    ] as const) {
      it(`refuses \`${newName}\``, async () => {
        await assert.rejects(session.client.rename(uri, session.at(FILE, 'csat-decl'), newName), (error: unknown) => {
          assert.ok(error instanceof ResponseError);
          assert.match(error.message, reason);
          return true;
        });
      });
    }

    it('refuses a column name its dataset already has', async () => {
      await assert.rejects(session.client.rename(uri, session.at(FILE, 'frm-use'), 'csat'), /already has a column `csat`/);
    });
  });

  describe('symbols and folding', () => {
    it('outlines datasets with columns, KPIs and indices with components', async () => {
      const datasets = await session.open(DATASETS);
      const [dataset] = await session.client.documentSymbols(datasets);
      assert.equal(dataset.name, 'tickets');
      assert.equal(dataset.kind, SymbolKind.Struct);
      assert.equal(dataset.detail, 'data/tickets.csv');
      assert.deepEqual(dataset.selectionRange, session.range(DATASETS, 'tickets-decl'));
      assert.deepEqual(dataset.children?.map((c) => [c.name, c.detail]), [
        ['ticket_id', 'text'], ['opened_at', 'datetime'], ['channel', 'text'], ['region', 'text'],
        ['first_response_min', 'number'], ['resolved', 'bool'], ['csat', 'int'],
      ]);

      const outline = await session.client.documentSymbols(uri);
      assert.deepEqual(outline.map((s) => [s.name, s.kind, s.detail]), [
        ['first_response_p90', SymbolKind.Variable, 'First response (P90)'],
        ['resolution_rate', SymbolKind.Variable, 'Resolution rate'],
        ['csat', SymbolKind.Variable, 'CSAT'],
        ['app_response', SymbolKind.Variable, 'App response'],
        ['partial_index', SymbolKind.Class, 'Partial'],
        ['satisfaction', SymbolKind.Class, 'Satisfaction'],
      ]);
      const satisfaction = outline[5];
      assert.deepEqual(satisfaction.children?.map((c) => [c.name, c.detail]), [['resolution_rate', 'weight 50%'], ['csat', 'weight 50%']]);
      assert.deepEqual(satisfaction.selectionRange, session.range(FILE, 'sat-decl'));
    });

    it('finds workspace symbols of every open closure by subsequence', async () => {
      const found = await session.client.workspaceSymbols('frp9');
      assert.deepEqual(found.map((s) => [s.name, s.kind, s.containerName]), [['first_response_p90', SymbolKind.Variable, undefined]]);
      const columns = await session.client.workspaceSymbols('first_response_min');
      assert.deepEqual(columns.map((s) => [s.name, s.containerName, s.location]), [
        ['first_response_min', 'tickets', { uri: session.workspace.uri(DATASETS), range: session.range(DATASETS, 'frm-decl') }],
      ]);
    });

    it('folds blocks, keeping the closing brace visible', async () => {
      const folding = await session.client.foldingRanges(uri);
      const line = (label: string) => session.range(FILE, label).start.line;
      const blocks = folding.filter((range) => range.kind === undefined).map((range) => [range.startLine, range.endLine]);
      assert.deepEqual(blocks, [
        [line('p90-header'), line('p90-header') + 4],
        [line('rr-header'), line('rr-header') + 3],
        [line('csat-header'), line('csat-header') + 2],
        [line('app-header'), line('app-header') + 2],
        [line('partial-header'), line('partial-header') + 4],
        [line('sat-header'), line('sat-header') + 4],
      ]);
    });

    it('folds runs of whole-line comments and of imports', async () => {
      const text = '// one\n// two\n// three\nimport "a.kpi"\nimport "b.kpi"\n\nkpi x { value count(t) }  // alone\n// single\n';
      const other = session.workspace.uri('folding.kpi');
      await session.client.open(other, text);
      await session.client.diagnostics(other);
      const folding = await session.client.foldingRanges(other);
      assert.deepEqual(folding.map((range) => [range.startLine, range.endLine, range.kind]), [
        [0, 2, 'comment'],
        [3, 4, 'imports'],
      ]);
    });
  });
});

describe('server: navigation into files that are not open', function () {
  this.timeout(10_000);
  let session: Session;
  let datasets: string;
  beforeEach(async () => {
    session = await startSession('basic');
    datasets = await session.open(DATASETS); // scorecard.kpi, which imports it, stays closed
  });
  afterEach(async () => session.stop());

  /** The ranges of every `needle` in a closed fixture file, as LSP positions of its text on disk. */
  function rangesIn(relative: string, needle: string): Location[] {
    const text = session.marks(relative).text;
    const position = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    const found: Location[] = [];
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      found.push({ uri: session.workspace.uri(relative), range: { start: position(at), end: position(at + needle.length) } });
    }
    return found;
  }

  it('finds the uses of a column in a closed file that imports its dataset', async () => {
    const found = await session.client.references(datasets, session.at(DATASETS, 'frm-decl'), false);
    const expected = rangesIn(FILE, 'first_response_min');
    assert.equal(expected.length, 2);
    assert.deepEqual(sorted(found), sorted(expected));
  });

  it('renames in the closed importing file too', async () => {
    const edit = await session.client.rename(datasets, session.at(DATASETS, 'frm-decl'), 'first_reply_min');
    const changes = (edit as WorkspaceEdit).changes!;
    const closed = session.workspace.uri(FILE);
    assert.deepEqual(Object.keys(changes).sort(), [datasets, closed].sort());
    assert.deepEqual(changes[datasets], [{ range: session.range(DATASETS, 'frm-decl'), newText: 'first_reply_min' }]);
    assert.deepEqual(sorted(changes[closed].map((change) => ({ uri: closed, range: change.range }))), sorted(rangesIn(FILE, 'first_response_min')));
    assert.ok(changes[closed].every((change) => change.newText === 'first_reply_min'));
  });

  it('refuses a rename that clashes with a name declared in a closed importing file', async () => {
    // scorecard.kpi (closed) declares the KPI `resolution_rate`; the dataset `tickets` is visible there.
    await assert.rejects(session.client.rename(datasets, session.at(DATASETS, 'tickets-decl'), 'resolution_rate'), /already the name of a KPI/);
  });

  it('lists the symbols of closed files among the workspace symbols', async () => {
    const found = await session.client.workspaceSymbols('frp9');
    assert.deepEqual(found.map((s) => [s.name, s.location.uri]), [['first_response_p90', session.workspace.uri(FILE)]]);
  });

  it('renames in a closed file that comes after the first 500 of the workspace', async () => {
    // 600 files that sort before scorecard.kpi and never write the name: only files that do are analysed.
    const fillers = Array.from({ length: 600 }, (_, i) => `aa-${String(i).padStart(3, '0')}.kpi`);
    for (const name of fillers) session.workspace.write(name, 'import "datasets.kpi"\n\nkpi filler { value count(tickets) }\n');
    await session.client.filesChanged(fillers.map((name) => session.workspace.uri(name)));
    const edit = await session.client.rename(datasets, session.at(DATASETS, 'frm-decl'), 'first_reply_min');
    const closed = session.workspace.uri(FILE);
    assert.deepEqual(Object.keys((edit as WorkspaceEdit).changes!).sort(), [datasets, closed].sort());
    assert.equal((edit as WorkspaceEdit).changes![closed].length, rangesIn(FILE, 'first_response_min').length);
  });

  it('sees a closed file written on disk once the client reports it', async () => {
    assert.deepEqual(await session.client.workspaceSymbols('backlog'), []);
    session.workspace.write('extra.kpi', 'import "datasets.kpi"\n\nkpi backlog { value count(tickets where not resolved) }\n');
    await session.client.filesChanged([session.workspace.uri('extra.kpi')]);
    const found = await session.client.workspaceSymbols('backlog');
    assert.deepEqual(found.map((s) => [s.name, s.location.uri]), [['backlog', session.workspace.uri('extra.kpi')]]);
  });
});

describe('server: rename in a workspace with more .kpi files than it reads', function () {
  this.timeout(10_000);
  let session: Session;
  afterEach(async () => session.stop());

  it('refuses, rather than miss the uses in the files it did not read', async () => {
    session = await startSession('basic', { maxListedFiles: 2 });
    for (const name of ['a.kpi', 'b.kpi']) session.workspace.write(name, '// another scorecard\n');
    const datasets = await session.open(DATASETS);
    await assert.rejects(session.client.rename(datasets, session.at(DATASETS, 'frm-decl'), 'first_reply_min'), /too many \.kpi files/);
    // References still answer with what they found.
    const found = await session.client.references(datasets, session.at(DATASETS, 'frm-decl'), true);
    assert.ok(found.length >= 1);
  });
});

describe('server: which closed files can name a symbol (mentionsName)', () => {
  it('matches a whole name only', () => {
    assert.equal(mentionsName('value mean(tickets.csat)', 'csat'), true);
    assert.equal(mentionsName('csat', 'csat'), true);
    assert.equal(mentionsName('value csat_ratio + 1', 'csat'), false);
    assert.equal(mentionsName('value my_csat', 'csat'), false);
    assert.equal(mentionsName('value csat2', 'csat'), false);
    assert.equal(mentionsName('value écsat, csatà', 'csat'), false);
    assert.equal(mentionsName('x csat_ratio then (csat)', 'csat'), true);
    assert.equal(mentionsName('', 'csat'), false);
    assert.equal(mentionsName('csat', ''), false);
  });
});
