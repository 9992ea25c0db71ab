import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTable, type ColumnSchema, type LoadResult } from '../../../grammar/eval/data/index';
import { fromRoot } from '../../support/paths';
import { column, optional, values } from './support';

/** The after-sales dataset as samples/after-sales/datasets.kpi declares it. */
const ticketSchema: ColumnSchema[] = [
  column('ticket_id', 'text', { key: true }),
  column('opened_at', 'datetime'),
  column('channel', 'text', { allowed: ['chat', 'email', 'phone', 'app'] }),
  column('region', 'text'),
  optional('first_response_min', 'number'),
  column('resolution_hours', 'number'),
  column('resolved', 'bool'),
  column('reopened', 'bool'),
  optional('csat', 'int', { range: { min: 1, max: 5 } }),
  optional('nps', 'int', { range: { min: 0, max: 10 } }),
  optional('refund_amount', 'number'),
];

/** The ACSI survey as samples/acsi/acsi.kpi declares it. */
const surveySchema: ColumnSchema[] = [
  column('response_id', 'text', { key: true }),
  column('answered_on', 'date'),
  column('segment', 'text'),
  optional('expectations', 'int', { range: { min: 1, max: 10 } }),
  optional('perceived_quality', 'int', { range: { min: 1, max: 10 } }),
  optional('perceived_value', 'int', { range: { min: 1, max: 10 } }),
  optional('satisfaction', 'int', { range: { min: 1, max: 10 } }),
  column('complaint', 'bool'),
  optional('loyalty', 'int', { range: { min: 1, max: 10 } }),
];

interface Sample {
  name: string;
  script: string;
  committed: string;
  header: string;
  schema: ColumnSchema[];
}

const samples: Sample[] = [
  {
    name: 'after-sales',
    script: fromRoot('samples', 'after-sales', 'generate.mjs'),
    committed: fromRoot('samples', 'after-sales', 'data', 'tickets.csv'),
    header: 'ticket_id,opened_at,channel,region,first_response_min,resolution_hours,resolved,reopened,csat,nps,refund_amount',
    schema: ticketSchema,
  },
  {
    name: 'acsi',
    script: fromRoot('samples', 'acsi', 'generate.mjs'),
    committed: fromRoot('samples', 'acsi', 'data', 'survey.csv'),
    header: 'response_id,answered_on,segment,expectations,perceived_quality,perceived_value,satisfaction,complaint,loyalty',
    schema: surveySchema,
  },
];

describe('sample data generators', () => {
  let scratch: string;
  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-samples-'));
  });
  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** Runs a generator and returns the bytes it wrote. */
  function generate(sample: Sample, ...args: string[]): Buffer {
    const out = path.join(scratch, `${sample.name}-${args.join('_') || 'defaults'}.csv`);
    execFileSync(process.execPath, [sample.script, ...args, '--out', out]);
    return fs.readFileSync(out);
  }

  function loadSample(sample: Sample, bytes: Uint8Array): LoadResult {
    return loadTable(bytes, 'csv', sample.schema, { checkKeys: true });
  }

  for (const sample of samples) {
    describe(sample.name, () => {
      it('writes the same bytes for the same seed, and other bytes for another seed', () => {
        const first = generate(sample, '--rows', '300', '--seed', '5');
        const again = generate(sample, '--rows', '300', '--seed', '5');
        const other = generate(sample, '--rows', '300', '--seed', '6');
        assert.ok(first.equals(again));
        assert.ok(!first.equals(other));
      });

      it('writes exactly the declared header and the requested number of rows', () => {
        const text = generate(sample, '--rows', '25', '--seed', '1').toString('utf8');
        const lines = text.split('\n');
        assert.equal(lines[0], sample.header);
        assert.equal(loadSample(sample, Buffer.from(text)).rowsRead, 25);
      });

      it('committed data equals a fresh run with the default arguments', () => {
        const committed = fs.readFileSync(sample.committed);
        assert.ok(generate(sample).equals(committed), `regenerate with: node ${path.relative(fromRoot(), sample.script)}`);
      });

      it('committed data loads with no rejected row against the sample schema', () => {
        const result = loadSample(sample, fs.readFileSync(sample.committed));
        assert.deepEqual(result.problems, []);
        assert.equal(result.rowsRejected, 0);
        assert.deepEqual(result.missingColumns, []);
        assert.ok(result.rowsRead >= 400);
      });
    });
  }

  describe('after-sales data shape', () => {
    const result = (): LoadResult => loadTable(fs.readFileSync(samples[0].committed), 'csv', ticketSchema);

    it('has regions that need CSV quoting', () => {
      const regions = new Set(values(result(), 'region'));
      assert.ok(regions.has('North, East'));
      assert.ok(regions.has('"Greater" London'));
    });

    it('never has a csat for the phone channel, and about half blank elsewhere', () => {
      const loaded = result();
      const channel = values(loaded, 'channel');
      const csat = values(loaded, 'csat');
      const phone = csat.filter((_, row) => channel[row] === 'phone');
      const others = csat.filter((_, row) => channel[row] !== 'phone');
      assert.ok(phone.length > 0 && phone.every((v) => v === null));
      const blankShare = others.filter((v) => v === null).length / others.length;
      assert.ok(blankShare > 0.35 && blankShare < 0.65, `blank csat share ${blankShare}`);
    });

    it('spreads tickets over the six months of 2025-01..2025-06, with unanswered ones', () => {
      const loaded = result();
      const months = new Set(values(loaded, 'opened_at').map((ms) => new Date(ms as number).toISOString().slice(0, 7)));
      assert.deepEqual([...months].sort(), ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
      assert.ok(values(loaded, 'first_response_min').some((v) => v === null));
    });
  });
});
