/**
 * What the checker lowers a clean file to: resolved columns, converted units,
 * percents as fractions, directions, segment thresholds, dependency order,
 * breakdowns/trends per measure, the columns evaluation must load, and the
 * symbol occurrences editor features navigate by.
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyze } from '../../../grammar/analyze';
import type { KpiPlan, IndexPlan } from '../../../grammar/eval/plan';
import { MemoryHost } from '../../support/memory-host';
import { fromRoot } from '../../support/paths';
import { parseMarkers } from '../../support/markers';

function analyzeText(text: string, extra: Record<string, string> = {}) {
  const files = new Map<string, string>([['/ws/main.kpi', text], ...Object.entries(extra).map(([k, v]) => [`/ws/${k}`, v] as [string, string])]);
  return analyze('/ws/main.kpi', new MemoryHost(files));
}

describe('lowering to the plan', () => {
  const text = fs.readFileSync(fromRoot('test/grammar/semantics/fixtures/diagnostics/clean/main.kpi'), 'utf8');
  const program = analyzeText(text);
  const measure = (name: string) => program.plan.measures.find((m) => m.name === name)!;

  it('has no diagnostics and every measure in dependency order', () => {
    assert.deepEqual(program.diagnostics, []);
    const order = program.plan.measures.map((m) => m.name);
    assert.ok(order.indexOf('fast') < order.indexOf('ratio'));
    assert.ok(order.indexOf('volume') < order.indexOf('ratio'));
    assert.ok(order.indexOf('p90') < order.indexOf('i'));
    assert.equal(order.length, 5);
  });

  it('converts threshold units into the measure unit and infers the direction', () => {
    const p90 = measure('p90') as KpiPlan;
    assert.equal(p90.unit, 'minutes');
    assert.equal(p90.direction, 'lower');
    assert.deepEqual(p90.thresholds.map((t) => [t.level, t.op, t.value]), [['target', '<=', 60], ['warn', '<=', 120], ['critical', '<=', 180]]);
    assert.deepEqual(p90.value, { kind: 'aggregate', fn: 'percentile', dataset: 't', arg: { kind: 'column', dataset: 't', column: 'minutes', type: 'number' }, filter: null, quantile: 0.9 });
  });

  it('reads percents as fractions and keeps segment thresholds', () => {
    const fast = measure('fast') as KpiPlan;
    assert.equal(fast.unit, 'percent');
    assert.deepEqual(fast.thresholds, [
      { level: 'target', op: '>=', value: 0.8 },
      { level: 'warn', op: '>=', value: 0.7 },
      { level: 'target', op: '>=', value: 0.9, segment: { column: { dataset: 't', column: 'channel' }, value: 'chat' } },
    ]);
    assert.equal(fast.value.kind, 'aggregate');
  });

  it('lowers an index with weights as fractions and sorted score anchors', () => {
    const index = measure('i') as IndexPlan;
    assert.deepEqual(index.components, [
      { name: 'fast', weight: 0.6, score: { kind: 'identity' } },
      { name: 'p90', weight: 0.4, score: { kind: 'piecewise', points: [[10, 100], [180, 0]] } },
    ]);
    assert.equal(index.unit, 'score');
    assert.equal(index.direction, 'higher');
  });

  it('applies the file-level breakdown and trend to measures reading the dataset', () => {
    for (const m of program.plan.measures) {
      assert.deepEqual(m.breakdown, [{ dataset: 't', column: 'channel' }], m.name);
      assert.deepEqual(m.trend, { column: { dataset: 't', column: 'at' }, period: 'week' }, m.name);
    }
  });

  it('asks the host to load only the columns evaluation reads', () => {
    const [binding] = program.datasets;
    assert.equal(binding.format, 'csv');
    assert.deepEqual([...binding.usedColumns].sort(), ['at', 'channel', 'minutes']);
    assert.equal(binding.schema.length, 6);
  });

  it('converts a time-unit value to the declared unit', () => {
    const p = analyzeText('dataset t from "t.csv" { m number minutes }\nkpi h { value mean(t.m) unit hours target <= 2 }');
    assert.deepEqual(p.diagnostics, []);
    const h = p.plan.measures[0] as KpiPlan;
    assert.equal(h.unit, 'hours');
    assert.equal(h.value.kind, 'arith');
  });

  it('keeps evaluating valid measures when others have errors', () => {
    const p = analyzeText('dataset t from "t.csv" { ok bool }\nkpi good { value share(t where ok) }\nkpi bad { value share(t where nope) }\nkpi uses_bad { value bad * 2 }');
    assert.deepEqual(p.plan.measures.map((m) => m.name), ['good']);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['KPI012']);
  });

  it('records every occurrence of names, across files', () => {
    const marked = parseMarkers('import "ds.kpi"\nkpi ⟦a|a⟧ { value share(⟦t|t⟧ where ⟦ok|ok⟧) }\nkpi b { value ⟦a2|a⟧ * 2 }\nindex i { ⟦a3|a⟧ weight 50%\n b weight 50% }');
    const p = analyzeText(marked.text, { 'ds.kpi': 'dataset t from "t.csv" { ok bool }' });
    assert.deepEqual(p.diagnostics, []);
    const occ = p.occurrences.get('/ws/main.kpi')!;
    const of = (id: string) => occ.filter((o) => o.symbol === id).map((o) => [o.span.start, o.span.end, o.isDeclaration]);
    const r = (label: string) => marked.ranges.find((x) => x.label === label)!;
    assert.deepEqual(of('kpi:a'), [[r('a').start, r('a').end, true], [r('a2').start, r('a2').end, false], [r('a3').start, r('a3').end, false]]);
    assert.deepEqual(of('dataset:t'), [[r('t').start, r('t').end, false]]);
    assert.deepEqual(of('column:t.ok'), [[r('ok').start, r('ok').end, false]]);
    assert.equal(p.symbols.get('column:t.ok')!.file, '/ws/ds.kpi');
  });
});
