/**
 * Every construct of the language, read from fixtures/valid/constructs.kpi:
 * what the AST holds and the exact span of names, values and headers (the
 * fixture's labelled ranges).
 */

import { strict as assert } from 'node:assert';
import { parse, type BreakdownDecl, type ImportDecl, type KpiFile, type TrendDecl } from '../../../grammar/syntax';
import { parseMarkers, rangeLabelled, type Marked } from '../../support/markers';
import { readFixture } from './fixture-files';
import { datasetNamed, indexNamed, kpiNamed, render, spanOfRange } from './ast-helpers';

describe('syntax: every construct', () => {
  let marked: Marked;
  let file: KpiFile;
  const range = (label: string) => spanOfRange(rangeLabelled(marked, label));

  before(() => {
    marked = parseMarkers(readFixture('valid', 'constructs.kpi'));
    const result = parse(marked.text);
    assert.deepEqual(result.errors, []);
    file = result.file;
  });

  it('keeps declarations in text order, file-level breakdown and trend included', () => {
    assert.deepEqual(
      file.declarations.map((d) => d.kind),
      ['import', 'dataset', 'kpi', 'kpi', 'kpi', 'index', 'breakdown', 'trend'],
    );
    assert.deepEqual(file.span, { start: 0, end: marked.text.length });
  });

  it('reads an import', () => {
    const declaration = file.declarations[0] as ImportDecl;
    assert.equal(declaration.path?.value, 'datasets.kpi');
    assert.deepEqual(declaration.path?.span, range('import-path'));
    assert.deepEqual(declaration.span, range('import'));
  });

  describe('dataset', () => {
    it('has its name, source and span', () => {
      const dataset = datasetNamed(file, 'tickets');
      assert.deepEqual(dataset.name?.span, range('dataset-name'));
      assert.equal(dataset.source?.value, 'data/tickets.csv');
      assert.deepEqual(dataset.source?.span, range('dataset-source'));
      assert.deepEqual(dataset.span, range('dataset'));
      assert.deepEqual(
        dataset.columns.map((c) => `${c.name.text}:${c.type?.text}`),
        [
          'ticket_id:text',
          'opened_at:datetime',
          'channel:text',
          'region:text',
          'first_response_min:number',
          'csat:int',
          'delta:number',
          'refund_amount:number',
          'resolved:bool',
        ],
      );
    });

    it('reads column names, types and key', () => {
      const column = datasetNamed(file, 'tickets').columns[0];
      assert.deepEqual(column.name.span, range('column-key-name'));
      assert.deepEqual(column.type?.span, range('column-key-type'));
      assert.deepEqual(column.key, range('key'));
      assert.equal(column.optional, undefined);
      assert.deepEqual(column.span, range('column-key'));
    });

    it('reads allowed values', () => {
      const column = datasetNamed(file, 'tickets').columns[2];
      assert.deepEqual(
        column.allowed?.values.map((v) => v.value),
        ['chat', 'email', 'phone', 'app'],
      );
      assert.deepEqual(column.allowed?.values[0].span, range('allowed-first'));
      assert.deepEqual(column.allowed?.span, range('allowed'));
      assert.deepEqual(column.span, range('column-allowed'));
    });

    it('reads a unit and `optional`', () => {
      const column = datasetNamed(file, 'tickets').columns[4];
      assert.equal(column.unit?.text, 'minutes');
      assert.deepEqual(column.unit?.span, range('unit'));
      assert.deepEqual(column.optional, range('optional'));
      assert.deepEqual(column.span, range('column-unit'));
    });

    it('reads ranges, negative bounds included', () => {
      const columns = datasetNamed(file, 'tickets').columns;
      assert.deepEqual(columns[5].range, { min: 1, max: 5, span: range('range') });
      assert.deepEqual(columns[5].span, range('column-range'));
      assert.deepEqual(columns[6].range, { min: -10, max: 10, span: range('negative-range') });
      assert.equal(columns[6].unit?.text, 'points');
    });

    it('accepts column options in any order', () => {
      const column = datasetNamed(file, 'tickets').columns[7];
      assert.equal(column.unit?.text, 'currency');
      assert.notEqual(column.optional, undefined);
      assert.notEqual(column.key, undefined);
    });
  });

  describe('kpi', () => {
    it('has its header from `kpi` to the end of the title', () => {
      const kpi = kpiNamed(file, 'first_response_p90');
      assert.deepEqual(kpi.header, range('kpi-header'));
      assert.deepEqual(kpi.name?.span, range('kpi-name'));
      assert.equal(kpi.title?.value, 'First response time (P90)');
      assert.deepEqual(kpi.title?.span, range('kpi-title'));
      assert.deepEqual(kpi.span, range('kpi'));
    });

    it('ends its header at the name when there is no title', () => {
      const kpi = kpiNamed(file, 'nps');
      assert.equal(kpi.title, undefined);
      assert.deepEqual(kpi.header, range('untitled-header'));
      assert.deepEqual(kpi.name?.span, range('untitled-name'));
      assert.deepEqual(kpi.span, range('untitled'));
    });

    it('reads value, unit and direction', () => {
      const kpi = kpiNamed(file, 'first_response_p90');
      assert.equal(render(kpi.value), 'p90(tickets.first_response_min)');
      assert.deepEqual(kpi.value?.span, range('kpi-value'));
      assert.equal(kpi.unit?.text, 'minutes');
      assert.deepEqual(kpi.unit?.span, range('kpi-unit'));
      assert.deepEqual(kpi.direction, { value: 'lower', span: range('kpi-direction') });
    });

    it('reads thresholds with level, comparator and quantity', () => {
      const thresholds = kpiNamed(file, 'first_response_p90').thresholds;
      assert.deepEqual(
        thresholds.map((t) => `${t.level} ${t.op?.text} ${t.quantity?.value}${t.quantity?.unit ? ` ${t.quantity.unit.text}` : ''}`),
        ['target <= 30', 'warn < 60', 'critical <= 2 hours', 'target <= 1 minutes', 'target <= 45'],
      );
      const [target, , critical] = thresholds;
      assert.deepEqual(target.levelSpan, range('target-level'));
      assert.deepEqual(target.op?.span, range('target-op'));
      assert.deepEqual(target.quantity, { value: 30, percent: false, unit: undefined, span: range('target-quantity') });
      assert.deepEqual(target.span, range('target'));
      assert.deepEqual(critical.quantity?.span, range('critical-quantity'));
      assert.deepEqual(critical.quantity?.unit?.span, range('critical-unit'));
      assert.deepEqual(critical.span, range('critical'));
    });

    it('reads a segment threshold `for column = literal`', () => {
      const [, , , chat, north] = kpiNamed(file, 'first_response_p90').thresholds;
      assert.deepEqual(chat.quantity?.span, range('segment-quantity'));
      assert.equal(chat.segment?.column.dataset, undefined);
      assert.equal(chat.segment?.column.column.text, 'channel');
      assert.deepEqual(chat.segment?.column.span, range('segment-column'));
      assert.deepEqual(chat.segment?.value, { kind: 'string', value: 'chat', span: range('segment-value') });
      assert.deepEqual(chat.segment?.span, range('segment'));
      assert.deepEqual(chat.span, range('segment-threshold'));
      assert.equal(north.segment?.column.dataset?.text, 'tickets');
      assert.equal(north.segment?.column.column.text, 'region');
    });

    it('reads percents as fractions and negative quantities', () => {
      const fcr = kpiNamed(file, 'fcr');
      assert.deepEqual(fcr.thresholds[0].quantity, { value: 0.85, percent: true, unit: undefined, span: range('percent-quantity') });
      assert.equal(fcr.thresholds[1].op?.text, '>');
      assert.equal(kpiNamed(file, 'nps').thresholds[0].quantity?.value, -10);
    });

    it('reads its own breakdown and trend', () => {
      const kpi = kpiNamed(file, 'first_response_p90');
      assert.deepEqual(
        kpi.breakdown?.columns.map((c) => `${c.dataset?.text ?? ''}.${c.column.text}`),
        ['.channel', 'tickets.region'],
      );
      assert.deepEqual(kpi.breakdown?.span, range('kpi-breakdown'));
      assert.equal(kpi.trend?.period?.text, 'week');
      assert.equal(kpi.trend?.column?.column.text, 'opened_at');
      assert.deepEqual(kpi.trend?.span, range('kpi-trend'));
    });
  });

  describe('index', () => {
    it('has its header, name and title', () => {
      const index = indexNamed(file, 'satisfaction');
      assert.deepEqual(index.header, range('index-header'));
      assert.deepEqual(index.name?.span, range('index-name'));
      assert.equal(index.title?.value, 'After-sales satisfaction index');
      assert.deepEqual(index.title?.span, range('index-title'));
      assert.deepEqual(index.span, range('index'));
    });

    it('reads component lines with weight and score in any order', () => {
      const index = indexNamed(file, 'satisfaction');
      assert.deepEqual(
        index.components.map((c) => `${c.name.text} ${c.weight?.value}${c.weight?.percent ? '%' : ''} [${c.score?.points.map((p) => `${p.from}->${p.to}`).join(' ') ?? ''}]`),
        [
          'first_response_p90 0.25% [120->0 15->100]',
          'fcr 0.35% []',
          'hours 0% [0.5->0 0.9->100]',
          'csat 0.25 [1->0 5->100]',
          'nps 0.15% [-100->0 100->100]',
        ],
      );
      const component = index.components[0];
      assert.deepEqual(component.name.span, range('component-name'));
      assert.deepEqual(component.weight?.span, range('weight'));
      assert.deepEqual(component.score?.span, range('score'));
      assert.deepEqual(component.score?.points[0].span, range('point'));
      assert.deepEqual(component.span, range('component'));
    });

    it('marks percent anchors and reads negative anchors', () => {
      const [, , hours, , nps] = indexNamed(file, 'satisfaction').components;
      assert.deepEqual(hours.score?.points[0], { from: 0.5, to: 0, percent: true, span: range('percent-point') });
      assert.deepEqual(nps.score?.points[0], { from: -100, to: 0, percent: false, span: range('negative-point') });
    });

    it('does not take a component named like a unit as the unit of the threshold before it', () => {
      const index = indexNamed(file, 'satisfaction');
      assert.equal(index.thresholds[0].quantity?.unit, undefined);
      assert.deepEqual(index.thresholds[0].span, range('index-target'));
      assert.deepEqual(index.components[2].span, range('hours-component'));
    });

    it('reads thresholds, unit, direction, breakdown and trend', () => {
      const index = indexNamed(file, 'satisfaction');
      assert.deepEqual(
        index.thresholds.map((t) => `${t.level} ${t.op?.text} ${t.quantity?.value}`),
        ['target >= 80', 'warn >= 70', 'critical > 50'],
      );
      assert.equal(index.unit?.text, 'score');
      assert.equal(index.direction?.value, 'higher');
      assert.deepEqual(index.breakdown?.columns.map((c) => c.column.text), ['region']);
      assert.equal(index.trend?.period?.text, 'quarter');
      assert.equal(index.trend?.column?.dataset?.text, 'tickets');
    });
  });

  describe('file-level breakdown and trend', () => {
    it('reads `breakdown by a, b.c`', () => {
      const breakdown = file.declarations[6] as BreakdownDecl;
      assert.deepEqual(breakdown.span, range('file-breakdown'));
      const [bare, qualified] = breakdown.columns;
      assert.deepEqual(bare, { column: { text: 'channel', span: range('path-bare') }, span: range('path-bare') });
      assert.deepEqual(qualified.dataset, { text: 'tickets', span: range('path-dataset') });
      assert.deepEqual(qualified.column, { text: 'region', span: range('path-column') });
      assert.deepEqual(qualified.span, range('path-qualified'));
    });

    it('reads `trend by month(x)`', () => {
      const trend = file.declarations[7] as TrendDecl;
      assert.deepEqual(trend.period, { text: 'month', span: range('period') });
      assert.deepEqual(trend.column?.span, range('trend-column'));
      assert.deepEqual(trend.span, range('file-trend'));
    });
  });

  it('collects every comment with its span', () => {
    assert.equal(file.comments.length, 1);
    const [comment] = file.comments;
    assert.ok(comment.text.startsWith('// Every construct'));
    assert.equal(marked.text.slice(comment.span.start, comment.span.end), comment.text);
  });
});
