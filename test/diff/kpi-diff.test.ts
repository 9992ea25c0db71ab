import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiffReportSchema, type DiffReport, type MeasureDiff } from '../../server/diff/schema';
import { REPO, removeTemp, runKpi } from '../cli/run-kpi';
import { kpiInProcess } from '../formats/in-process';
import { SCORECARD, buildScriptedRepo, edit, git } from './scripted-repo';
import { matchSnapshot } from './snapshot';

/** `line:column` (1-based) where `needle` first occurs in `file`. */
function lineColumn(file: string, needle: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  assert.ok(text.includes(needle), `${needle} not in ${file}`);
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** The measure named `name` in a report. */
function measure(report: DiffReport, name: string): MeasureDiff {
  const found = report.measures.find((m) => m.name === name);
  assert.ok(found, `${name} not in the diff`);
  return found;
}

describe('kpi diff', function () {
  this.timeout(60_000); // builds a git repository and starts real processes
  let repo: string;

  before(() => {
    repo = buildScriptedRepo();
    // The working tree (HEAD when none is given) at the last sound commit.
    git(repo, ['checkout', '--quiet', 'data']);
  });

  after(() => {
    if (repo) removeTemp(repo);
  });

  /** `kpi diff ... --format json` in process, parsed against the schema. */
  async function diffJson(args: readonly string[]): Promise<{ status: number; report: DiffReport; stderr: string }> {
    const run = await kpiInProcess(['diff', ...args, '--format', 'json'], repo);
    return { status: run.status, report: DiffReportSchema.parse(JSON.parse(run.stdout)), stderr: run.stderr };
  }

  describe('as a real process, against snapshots', () => {
    it('describes changed thresholds and status flips as Markdown', () => {
      const run = runKpi(['diff', 'base', 'target', '--format', 'markdown'], { cwd: repo });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      assert.ok(!run.stdout.includes(repo), 'no absolute paths');
      matchSnapshot('target.md', run.stdout);
    });

    it('describes a whole history of changes as Markdown and as JSON', () => {
      const markdown = runKpi(['diff', 'base', 'data', '--format', 'markdown'], { cwd: repo });
      assert.equal(markdown.status, 0, markdown.stderr);
      matchSnapshot('history.md', markdown.stdout);
      const json = runKpi(['diff', 'base', 'data', '--format', 'json'], { cwd: repo });
      assert.equal(json.status, 0, json.stderr);
      DiffReportSchema.parse(JSON.parse(json.stdout));
      assert.ok(!json.stdout.includes(repo), 'no absolute paths');
      matchSnapshot('history.json', json.stdout);
    });

    it('reports the problems of both broken sides and exits 1 for HEAD\'s errors', () => {
      const run = runKpi(['diff', 'broken-base', 'broken-head', '--format', 'markdown'], { cwd: repo });
      assert.equal(run.status, 1);
      matchSnapshot('broken.md', run.stdout);
      const headings = run.stderrLines.filter((line) => !/^samples\/after-sales\/after-sales\.kpi:\d+:\d+: error KPI\d{3} /.test(line));
      assert.deepEqual(headings, ['problems on broken-head:', 'problems on broken-base:']);
    });

    it('says `unknown revision` in one line and exits 2', () => {
      const run = runKpi(['diff', 'nope'], { cwd: repo });
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.deepEqual(run.stderrLines, ["kpi: unknown revision 'nope'"]);
    });
  });

  describe('what it finds', () => {
    it('a target change, a status that got worse and one that got better, worst first', async () => {
      const { status, report } = await diffJson(['base', 'target']);
      assert.equal(status, 0);
      const [first] = report.measures;
      assert.deepEqual([first.name, first.verdict, first.before?.status, first.after?.status], ['fcr', 'worse', 'warning', 'breach']);
      assert.equal(measure(report, 'first_response_p90').verdict, 'unchanged');
      assert.deepEqual(measure(report, 'first_response_p90').definition, ['target <= 30 min -> <= 20 min']);
      assert.deepEqual(measure(report, 'fcr').definition, ['warn >= 75% -> >= 82%']);
      const csat = measure(report, 'csat');
      assert.deepEqual([csat.verdict, csat.definition], ['better', ['target >= 90% -> >= 70%', 'warn >= 80% -> >= 60%']]);
      assert.deepEqual(report.summary, {
        worse: 1, better: 1, added: 0, removed: 0, renamed: 0, broken: 0, fixed: 0, definition: 3, value: 0, unchanged: 7,
        datasetsChanged: 0,
      });
    });

    it('as a table: worst first, one row per further change', async () => {
      const run = await kpiInProcess(['diff', 'base', 'target'], repo);
      assert.equal(run.status, 0);
      assert.deepEqual(run.stdoutLines.slice(0, 2), ['KPI diff: base -> target', '1 worse, 1 better, 3 redefined, 7 unchanged']);
      const rows = run.stdoutLines.slice(4).map((line) => line.trim().split(/ {2,}/));
      assert.deepEqual(rows, [
        ['worse', 'fcr', 'warn >= 75% -> >= 82%', '80.3%', '80.3%', 'warning -> breach'],
        ['first_response_p90', 'target <= 30 min -> <= 20 min', '394.3 min', '394.3 min', 'breach'],
        ['better', 'csat', 'target >= 90% -> >= 70%', '76.6%', '76.6%', 'breach -> on target'],
        ['warn >= 80% -> >= 60%'],
      ]);
    });

    it('weights, with each component\'s contribution before and after', async () => {
      const { report } = await diffJson(['target', 'weight']);
      const index = measure(report, 'satisfaction');
      assert.deepEqual(index.definition, ['csat: weight 35% -> 30%', 'fcr: weight 25% -> 30%']);
      const csat = index.components.find((c) => c.name === 'csat')!;
      assert.deepEqual([csat.weightBefore, csat.weightAfter], [0.35, 0.3]);
      assert.ok(csat.delta !== null && Math.abs(csat.delta - (csat.contributionAfter! - csat.contributionBefore!)) < 1e-12);
      assert.ok(csat.delta < 0 && index.components.find((c) => c.name === 'fcr')!.delta! > 0);
    });

    it('a renamed KPI, also where an index uses it', async () => {
      const { report } = await diffJson(['weight', 'rename']);
      const renamed = measure(report, 'net_promoter');
      assert.deepEqual([renamed.change, renamed.renamedFrom, renamed.definition, renamed.delta], ['renamed', 'nps', [], 0]);
      assert.deepEqual(measure(report, 'satisfaction').definition, ['component renamed: nps -> net_promoter']);
      assert.ok(!report.measures.some((m) => m.name === 'nps'), 'not also removed');
    });

    it('a removed KPI', async () => {
      const { report } = await diffJson(['rename', 'remove']);
      const removed = measure(report, 'mean_resolution_hours');
      assert.deepEqual([removed.change, removed.after, removed.before?.valueText], ['removed', null, '26.1 h']);
      assert.equal(report.summary.removed, 1);
    });

    it('changed data: values moved, the dataset with its rows before and after', async () => {
      const { report } = await diffJson(['remove', 'data']);
      assert.deepEqual(report.datasets, [{
        name: 'tickets', declaredIn: 'samples/after-sales/datasets.kpi', changed: true,
        before: { file: 'samples/after-sales/data/tickets.csv', read: true, rowsRead: 5000, rowsRejected: 0 },
        after: { file: 'samples/after-sales/data/tickets.csv', read: true, rowsRead: 800, rowsRejected: 0 },
      }]);
      const tickets = measure(report, 'tickets');
      assert.deepEqual([tickets.change, tickets.delta, tickets.deltaText], ['value', -4200, '-4,200']);
      const csat = measure(report, 'csat');
      assert.match(csat.deltaText, /^[+-]\d+\.\d pts$/, 'a percent KPI moves in percentage points');
    });

    it('nothing when nothing changed', async () => {
      const { status, report } = await diffJson(['data', 'data']);
      assert.equal(status, 0);
      assert.ok(report.measures.every((m) => m.change === 'unchanged' && m.verdict === 'unchanged'));
      const table = await kpiInProcess(['diff', 'data', 'data'], repo);
      assert.deepEqual(table.stdoutLines, ['KPI diff: data -> data', 'No KPI, index or dataset changed.']);
    });
  });

  describe('gates and exit codes', () => {
    it('--fail-on worse exits 5 only when a status got worse', async () => {
      assert.equal((await kpiInProcess(['diff', 'base', 'target', '--fail-on', 'worse'], repo)).status, 5);
      assert.equal((await kpiInProcess(['diff', 'target', 'weight', '--fail-on', 'worse'], repo)).status, 0);
    });

    it('--fail-on breach exits 5 when a KPI is in breach on HEAD', async () => {
      assert.equal((await kpiInProcess(['diff', 'target', 'weight', '--fail-on', 'breach'], repo)).status, 5);
    });

    it('is a usage error outside a git repository, unless comparing two folders', async () => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-nogit-'));
      try {
        const run = await kpiInProcess(['diff', 'main'], outside);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /^kpi: not a git repository: /);
        for (const side of ['before', 'after']) {
          fs.cpSync(path.join(REPO, 'samples', 'after-sales'), path.join(outside, side), { recursive: true });
        }
        edit(outside, 'after/after-sales.kpi', 'target <= 30\n', 'target <= 25\n');
        const { status, report } = await (async () => {
          const folders = await kpiInProcess(['diff', 'before', 'after', '--format', 'json'], outside);
          return { status: folders.status, report: DiffReportSchema.parse(JSON.parse(folders.stdout)) };
        })();
        assert.equal(status, 0);
        assert.deepEqual(report.scorecards, [{ file: 'after-sales.kpi', base: true, head: true }]);
        assert.deepEqual(measure(report, 'first_response_p90').definition, ['target <= 30 min -> <= 25 min']);
      } finally {
        removeTemp(outside);
      }
    });

    it('compares with the working tree by default; a new scorecard is added, not an error', async () => {
      const extra = path.join(repo, 'samples', 'after-sales', 'extra.kpi');
      fs.writeFileSync(extra, 'import "datasets.kpi"\n\nkpi refunds "Refunds" {\n  value sum(tickets.refund_amount)\n}\n');
      try {
        const { status, report } = await diffJson(['data']);
        assert.equal(status, 0);
        assert.deepEqual(report.head, { label: 'working tree' });
        assert.deepEqual(report.scorecards.map((s) => [s.file, s.base, s.head]), [
          ['samples/after-sales/after-sales.kpi', true, true], ['samples/after-sales/extra.kpi', false, true],
        ]);
        const refunds = measure(report, 'refunds');
        assert.deepEqual([refunds.change, refunds.scorecard, refunds.before], ['added', 'samples/after-sales/extra.kpi', null]);
      } finally {
        fs.rmSync(extra);
      }
    });

    it('compares only the files named; one missing on both sides is an IO error', async () => {
      const { report } = await diffJson(['base', 'target', SCORECARD]);
      assert.deepEqual(report.scorecards.map((s) => s.file), [SCORECARD]);
      const missing = await kpiInProcess(['diff', 'base', 'target', 'samples/none.kpi'], repo);
      assert.equal(missing.status, 3);
      assert.deepEqual(missing.stderrLines, ['kpi: cannot read samples/none.kpi: not in base nor in target']);
    });

    it('reports a data file missing on HEAD as KPI080 and exits 3', async () => {
      const data = path.join(repo, 'samples', 'after-sales', 'data', 'tickets.csv');
      fs.rmSync(data);
      try {
        const run = await kpiInProcess(['diff', 'data'], repo);
        assert.equal(run.status, 3);
        const datasets = 'samples/after-sales/datasets.kpi';
        assert.deepEqual(run.stderrLines.slice(0, 2), [
          'problems on working tree:',
          `${datasets}:${lineColumn(path.join(repo, datasets), '"data/tickets.csv"')}: error KPI080 `
            + 'Data file not found: samples/after-sales/data/tickets.csv',
        ]);
      } finally {
        git(repo, ['checkout', '--quiet', '--', 'samples/after-sales/data/tickets.csv']);
      }
    });

    it('reads --data from disk on both sides; an unknown dataset is a usage error', async () => {
      const unknown = await kpiInProcess(['diff', 'base', 'target', '--data', 'tikets=x.csv'], repo);
      assert.equal(unknown.status, 2);
      assert.deepEqual(unknown.stderrLines, ['kpi: --data tikets=x.csv: no dataset named tikets (did you mean tickets?)']);
      const { status, report } = await diffJson(['base', 'data', '--data', 'tickets=samples/after-sales/data/tickets.csv']);
      assert.equal(status, 0);
      assert.equal(report.datasets[0].changed, false, 'the same file on both sides');
      assert.equal(measure(report, 'tickets').change, 'unchanged');
    });
  });
});
