import * as assert from 'node:assert/strict';
import { analyze } from '../../grammar/analyze';
import type { MeasurePlan } from '../../grammar/eval/plan';
import { definitionKey, describeChanges } from '../../server/diff/describe-plan';
import { MemoryHost } from '../support/memory-host';

const DATASET = `
dataset tickets from "tickets.csv" {
  ticket_id          text      key
  opened_at          datetime
  channel            text
  region             text
  first_response_min number    minutes  optional
  resolved           bool
  reopened           bool
  csat               int       1..5     optional
}
`;

/** The plan of measure `name` in a scorecard made of DATASET and `text`; the text must have no errors. */
function plan(text: string, name: string): MeasurePlan {
  const program = analyze('card.kpi', new MemoryHost(new Map([['card.kpi', DATASET + text]])));
  assert.deepEqual(program.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  const found = program.plan.measures.find((m) => m.name === name);
  assert.ok(found, `${name} not in the plan`);
  return found;
}

function changes(before: string, after: string, name = 'k'): string[] {
  return describeChanges(plan(before, name), plan(after, name), new Map());
}

const FIRST_RESPONSE = (body: string) => `kpi k "First response" {\n  value p90(tickets.first_response_min)\n  unit minutes\n${body}\n}\n`;
const SHARE = (value: string) => `kpi k {\n  value ${value}\n  target >= 80%\n}\n`;

describe('definition changes between two plans', () => {
  it('sees no change in a rewrite that means the same (units converted, layout, comments)', () => {
    assert.deepEqual(changes(
      FIRST_RESPONSE('  target <= 120\n  warn <= 180'),
      `// rewritten\n${FIRST_RESPONSE('  target   <= 2 hours   // two hours\n  warn <= 3 hours')}`,
    ), []);
  });

  it('describes thresholds changed, added and removed, for a segment too', () => {
    assert.deepEqual(changes(
      FIRST_RESPONSE('  target <= 30\n  warn <= 60\n  critical <= 120\n  target <= 5 for channel = "chat"'),
      FIRST_RESPONSE('  target <= 20\n  warn <= 60\n  target <= 3 for channel = "chat"\n  warn <= 10 for channel = "chat"'),
    ), [
      'target <= 30 min -> <= 20 min',
      'target for channel = "chat" <= 5 min -> <= 3 min',
      'warn for channel = "chat" added: <= 10 min',
      'critical removed (was <= 120 min)',
    ]);
  });

  it('describes the aggregation, its filter and its condition', () => {
    const mean = 'kpi k {\n  value mean(tickets.first_response_min)\n}\n';
    assert.deepEqual(changes(mean, 'kpi k {\n  value median(tickets.first_response_min)\n}\n'), ['aggregation mean -> median']);
    assert.deepEqual(changes(mean, 'kpi k {\n  value p95(tickets.first_response_min)\n}\n'), ['aggregation mean -> p95']);
    assert.deepEqual(changes(mean, 'kpi k {\n  value mean(tickets.first_response_min where channel = "chat")\n}\n'),
      ['filter added: channel = "chat"']);
    assert.deepEqual(changes(
      'kpi k {\n  value mean(tickets.first_response_min where channel = "chat")\n}\n',
      'kpi k {\n  value mean(tickets.first_response_min where channel in ["chat", "app"])\n}\n',
    ), ['filter changed: channel = "chat" -> channel in ["chat", "app"]']);
    assert.deepEqual(changes(SHARE('share(tickets where resolved)'), SHARE('share(tickets where resolved and not reopened)')),
      ['condition resolved -> resolved and not reopened']);
  });

  it('describes unit, title, breakdown and trend changes', () => {
    assert.deepEqual(changes(
      'kpi k "Old" {\n  value mean(tickets.first_response_min)\n  unit minutes\n  target <= 30\n  breakdown by channel\n  trend by month(opened_at)\n}\n',
      'kpi k "New" {\n  value mean(tickets.first_response_min)\n  unit hours\n  target <= 0.5\n  breakdown by channel, region\n  trend by week(opened_at)\n}\n',
    ), ['title "Old" -> "New"', 'unit minutes -> hours', 'breakdown channel -> channel, region', 'trend month(opened_at) -> week(opened_at)']);
  });

  it('describes index weights, components and score mappings', () => {
    const kpis = `${SHARE('share(tickets where resolved)').replace('kpi k', 'kpi a')}${SHARE('share(tickets.csat >= 4)').replace('kpi k', 'kpi b')}`
      + 'kpi c {\n  value p90(tickets.first_response_min)\n  unit minutes\n}\n';
    assert.deepEqual(changes(
      `${kpis}index i {\n  a weight 50%\n  b weight 50%\n}\n`,
      `${kpis}index i {\n  a weight 40%\n  c weight 60% score 120 -> 0, 15 -> 100\n}\n`,
      'i',
    ), ['a: weight 50% -> 40%', 'component removed: b', 'component added: c (weight 60%)']);
    assert.deepEqual(changes(
      `${kpis}index i {\n  a weight 50%\n  c weight 50% score 120 -> 0, 15 -> 100\n}\n`,
      `${kpis}index i {\n  a weight 50%\n  c weight 50% score 60 -> 0, 15 -> 100\n}\n`,
      'i',
    ), ['c: score mapping [15 -> 100, 120 -> 0] -> [15 -> 100, 60 -> 0]']);
  });

  it('compares a renamed component under its new name', () => {
    const index = (component: string) => `${SHARE('share(tickets where resolved)').replace('kpi k', `kpi ${component}`)}`
      + `index i {\n  ${component} weight 100%\n}\n`;
    assert.deepEqual(describeChanges(plan(index('fcr'), 'i'), plan(index('first_contact'), 'i'), new Map([['fcr', 'first_contact']])),
      ['component renamed: fcr -> first_contact']);
  });

  it('keys definitions without name, title and doc comment, for the rename heuristic', () => {
    const before = plan('/// Old doc.\nkpi fcr "FCR" {\n  value share(tickets where resolved)\n  target >= 80%\n}\n', 'fcr');
    const after = plan('kpi first_contact "First contact" {\n  value share(tickets where resolved)\n  target >= 80%\n}\n', 'first_contact');
    assert.equal(definitionKey(before), definitionKey(after));
    const other = plan('kpi fcr {\n  value share(tickets where resolved)\n  target >= 81%\n}\n', 'fcr');
    assert.notEqual(definitionKey(before), definitionKey(other));
  });
});
