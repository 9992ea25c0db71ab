/**
 * Completion by context (each `‸` in fixtures/completion/*.kpi is one case)
 * and signature help inside aggregations.
 */

import * as assert from 'node:assert/strict';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import { startSession, type Session } from './helpers/session';

const MEASURE_KEYWORDS = ['value', 'unit', 'direction', 'target', 'warn', 'critical', 'breakdown', 'trend'];
const UNITS = ['seconds', 'minutes', 'hours', 'days', 'percent', 'score', 'points', 'count', 'currency'];
const FUNCTIONS = ['count', 'sum', 'mean', 'min', 'max', 'median', 'percentile', 'share', 'distinct', 'nps', 'p90'];
const TICKET_COLUMNS = ['ticket_id', 'opened_at', 'channel', 'first_response_min', 'resolved'];
const ROW_KEYWORDS = ['where', 'and', 'or', 'not', 'in', 'is', 'missing', 'true', 'false'];

function labels(items: CompletionItem[]): string[] {
  return items.map((item) => item.label).sort();
}

function sortedCopy(words: string[]): string[] {
  return [...words].sort();
}

describe('server: completion', function () {
  this.timeout(10_000);
  let session: Session;
  before(async () => {
    session = await startSession('completion');
  });
  after(async () => session.stop());

  /** Completion labels at each cursor of a fixture file. */
  async function atCursors(file: string): Promise<CompletionItem[][]> {
    const uri = await session.open(file);
    const results: CompletionItem[][] = [];
    for (const cursor of session.marks(file).cursors) results.push(await session.client.completion(uri, cursor));
    return results;
  }

  it('offers the top-level keywords at the start of a statement', async () => {
    const [items] = await atCursors('top.kpi');
    assert.deepEqual(labels(items), sortedCopy(['import', 'dataset', 'kpi', 'index', 'breakdown', 'trend']));
    assert.ok(items.every((item) => item.kind === CompletionItemKind.Keyword));
  });

  it('offers KPI keywords, value terms, directions, units and threshold follow-ups in a KPI', async () => {
    const [keywords, value, direction, unit, threshold] = await atCursors('kpi-block.kpi');
    assert.deepEqual(labels(keywords), sortedCopy(MEASURE_KEYWORDS));
    // Other KPIs and indices (imported), and functions; never the KPI itself.
    assert.deepEqual(labels(value), sortedCopy(['fcr', 'csat', 'quality', ...FUNCTIONS]));
    const p90 = value.find((item) => item.label === 'p90')!;
    assert.equal(p90.insertText, 'p90(${1:dataset.column})');
    assert.equal(p90.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal(value.find((item) => item.label === 'percentile')?.insertText, 'percentile(${1:dataset.column}, ${2:95})');
    assert.equal(value.find((item) => item.label === 'quality')?.kind, CompletionItemKind.Class);
    assert.deepEqual(labels(direction), ['higher', 'lower']);
    assert.deepEqual(labels(unit), sortedCopy(UNITS));
    assert.deepEqual(labels(threshold), sortedCopy([...UNITS.filter((u) => u !== 'percent'), 'for']));
  });

  it('offers columns after `dataset.`, bare columns inside an aggregation, and datasets as the first argument', async () => {
    const [member, bare, firstArgument] = await atCursors('aggregation.kpi');
    assert.deepEqual(labels(member), sortedCopy(TICKET_COLUMNS));
    assert.equal(member.find((item) => item.label === 'opened_at')?.detail, 'tickets · datetime');
    assert.deepEqual(labels(bare), sortedCopy([...TICKET_COLUMNS, ...ROW_KEYWORDS]));
    assert.deepEqual(labels(firstArgument), ['surveys', 'tickets']);
  });

  it('offers unlisted KPIs and indices in an index, then `weight`, then `score`', async () => {
    const [lines, afterName, afterWeight] = await atCursors('index-block.kpi');
    assert.deepEqual(labels(lines), sortedCopy(['csat', 'quality', 'second', 'third', ...MEASURE_KEYWORDS.filter((k) => k !== 'value')]));
    assert.deepEqual(labels(afterName), ['weight']);
    assert.deepEqual(labels(afterWeight), ['score']);
  });

  it('offers columns after `breakdown by`, periods after `trend by`, date columns in the period', async () => {
    const [breakdown, trend] = await atCursors('segments.kpi');
    assert.deepEqual(labels(breakdown), sortedCopy([...TICKET_COLUMNS, 'response_id', 'answered_on', 'rating']));
    assert.deepEqual(labels(trend), ['day', 'month', 'quarter', 'week']);
    assert.equal(trend.find((item) => item.label === 'month')?.insertText, 'month(${1:column})');
    const [column] = await atCursors('trend-column.kpi');
    assert.deepEqual(labels(column), ['answered_on', 'opened_at']);
  });

  it('offers types after a column name, units and flags after a numeric type, nothing in comments', async () => {
    const [type, afterNumber, comment] = await atCursors('dataset-block.kpi');
    assert.deepEqual(labels(type), ['bool', 'date', 'datetime', 'int', 'number', 'text']);
    assert.deepEqual(labels(afterNumber), sortedCopy(['optional', 'key', ...UNITS]));
    assert.deepEqual(comment, []);
  });

  it('helps with the signature of the aggregation around the cursor', async () => {
    const uri = await session.open('signature.kpi');
    const [second, first] = session.marks('signature.kpi').cursors;
    const percentile = await session.client.signatureHelp(uri, second);
    assert.equal(percentile?.signatures[0].label, 'percentile(dataset.column, p [where condition])');
    assert.equal(percentile?.activeParameter, 1);
    const [, p] = percentile!.signatures[0].parameters!.map((parameter) => {
      const [start, end] = parameter.label as [number, number];
      return percentile!.signatures[0].label.slice(start, end);
    });
    assert.equal(p, 'p [where condition]');
    const mean = await session.client.signatureHelp(uri, first);
    assert.equal(mean?.signatures[0].label, 'mean(dataset.column [where condition])');
    assert.equal(mean?.activeParameter, 0);
    assert.equal(await session.client.signatureHelp(uri, 0), null);
  });
});
