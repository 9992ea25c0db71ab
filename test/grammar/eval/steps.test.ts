/**
 * Evaluation in steps, as the language server drives it: the same result as
 * the one-shot evaluation, a turn for the host between passes over the data,
 * and nothing at all once cancelled.
 */

import * as assert from 'node:assert/strict';
import { analyze } from '../../../grammar/analyze';
import { evaluateScorecard, evaluateScorecardAsync } from '../../../grammar/scorecard';
import { loadTable } from '../../../grammar/eval/data';
import type { DatasetData } from '../../../grammar/program';
import { MemoryHost } from '../../support/memory-host';

const KPI = `dataset t from "t.csv" { channel text  wait number minutes optional  ok bool }
kpi volume { value count(t) }
kpi fast { value share(t.wait <= 30) target >= 80% }
kpi slow { value p90(t.wait) target <= 60 }
kpi done { value share(t where ok) }
breakdown by channel`;

const CSV = 'channel,wait,ok\nchat,3,true\nchat,,false\nemail,120,true\nemail,45,false\n';

function setup() {
  const program = analyze('/ws/main.kpi', new MemoryHost(new Map([['/ws/main.kpi', KPI]])));
  assert.deepEqual(program.diagnostics, []);
  const binding = program.datasets[0];
  const result = loadTable(new TextEncoder().encode(CSV), 'csv', binding.schema, { columns: binding.usedColumns });
  const data = new Map<string, DatasetData>([['t', { status: 'loaded', displayPath: 't.csv', result }]]);
  return { program, data };
}

const display = { displayFile: (f: string) => f };

describe('evaluation in steps', () => {
  it('gives the host a turn between passes and ends with the one-shot result', async () => {
    const { program, data } = setup();
    let pauses = 0;
    const result = await evaluateScorecardAsync(program, data, display, { pause: async () => { pauses++; }, cancelled: () => false });
    assert.deepEqual(result, evaluateScorecard(program, data, display));
    assert.ok(pauses >= 3, `expected a pause per pass, got ${pauses}`);
  });

  it('stops and returns nothing once cancelled', async () => {
    const { program, data } = setup();
    let pauses = 0;
    let cancelled = false;
    const result = await evaluateScorecardAsync(program, data, display, {
      pause: async () => { pauses++; cancelled = true; },
      cancelled: () => cancelled,
    });
    assert.equal(result, undefined);
    assert.equal(pauses, 1);
  });
});
