import * as assert from 'node:assert/strict';
import { closestName, editDistance } from '../../grammar/semantics/suggest';
import { ExitCode, worstExitCode } from '../../server/cli/exit-codes';
import { createPalette, shouldColor } from '../../server/cli/color';
import {
  compareDiagnosticResults, countDiagnostics, formatDiagnosticLine, formatSummary,
} from '../../server/cli/render-diagnostics';
import type { DiagnosticResult } from '../../grammar/results/schema';
import { main, servesUntilClosed } from '../../server/cli/cli';
import type { CliIo } from '../../server/cli/io';
import { FIXTURES, REPO } from './run-kpi';

function diagnostic(file: string, line: number, column: number, severity: DiagnosticResult['severity'] = 'error'): DiagnosticResult {
  return { code: 'KPI010', severity, message: 'Unknown name `fcr`', file, line, column, endLine: line, endColumn: column + 3 };
}

/** An in-process CliIo that records what is written; `failStdout` makes every stdout write throw. */
function recordingIo(failStdout?: Error, env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd: REPO,
    env,
    out,
    err,
    stdout: {
      write: (text: string) => {
        if (failStdout) throw failStdout;
        out.push(text);
      },
    },
    stderr: { write: (text: string) => err.push(text) },
  };
}

describe('cli parts', () => {
  it('keeps only `kpi lsp` running after main resolves; every other command ends the process', () => {
    assert.equal(servesUntilClosed(['lsp', '--stdio']), true);
    assert.equal(servesUntilClosed(['lsp', '--stdio', '--clientProcessId=42']), true);
    for (const argv of [['eval', 'lsp'], ['check', 'lsp.kpi'], ['lsp', '--help'], ['--version'], ['help', 'lsp'], []]) {
      assert.equal(servesUntilClosed(argv), false, argv.join(' '));
    }
  });

  it('suggests the closest name only for likely typos', () => {
    assert.equal(closestName('cast', ['csat', 'nps', 'fcr']), 'csat');
    assert.equal(closestName('resolution_rte', ['resolution_rate', 'csat']), 'resolution_rate');
    assert.equal(closestName('xyz', ['csat', 'nps']), undefined);
    assert.equal(editDistance('csat', 'cast'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('ranks exit codes usage > IO > definitions > data', () => {
    assert.equal(worstExitCode([]), ExitCode.ok);
    assert.equal(worstExitCode([ExitCode.data, ExitCode.definitions]), ExitCode.definitions);
    assert.equal(worstExitCode([ExitCode.definitions, ExitCode.io, ExitCode.data]), ExitCode.io);
    assert.equal(worstExitCode([ExitCode.io, ExitCode.usage]), ExitCode.usage);
  });

  it('colors a TTY unless NO_COLOR; FORCE_COLOR colors a pipe; NO_COLOR wins', () => {
    assert.equal(shouldColor({ isTTY: true }, {}), true);
    assert.equal(shouldColor({ isTTY: false }, {}), false);
    assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(shouldColor({}, { FORCE_COLOR: '1' }), true);
    assert.equal(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(shouldColor({}, { FORCE_COLOR: '1', NO_COLOR: '1' }), false);
    assert.equal(shouldColor({ isTTY: true }, { TERM: 'dumb' }), false);
  });

  it('prints a diagnostic as file:line:col: severity code message, on one line', () => {
    const d = { ...diagnostic('cards/a.kpi', 3, 7), message: 'Unknown name `fcr`\nDid you mean `fcr_rate`?' };
    assert.equal(formatDiagnosticLine(d, createPalette(false)), 'cards/a.kpi:3:7: error KPI010 Unknown name `fcr` Did you mean `fcr_rate`?');
  });

  it('sorts diagnostics by file, line and column', () => {
    const sorted = [diagnostic('b.kpi', 1, 1), diagnostic('a.kpi', 10, 1), diagnostic('a.kpi', 2, 5), diagnostic('a.kpi', 2, 1)]
      .sort(compareDiagnosticResults)
      .map((d) => `${d.file}:${d.line}:${d.column}`);
    assert.deepEqual(sorted, ['a.kpi:2:1', 'a.kpi:2:5', 'a.kpi:10:1', 'b.kpi:1:1']);
  });

  it('summarises counts with plurals', () => {
    const counts = countDiagnostics([diagnostic('a', 1, 1), diagnostic('a', 2, 1), diagnostic('a', 3, 1, 'warning')]);
    assert.equal(formatSummary(counts, 3), '2 errors, 1 warning in 3 files');
    assert.equal(formatSummary({ errors: 0, warnings: 0, infos: 0 }, 1), 'no problems in 1 file');
    assert.equal(formatSummary({ errors: 1, warnings: 0, infos: 2 }, 1), '1 error, 0 warnings, 2 info in 1 file');
  });

  describe('main, in process', function () {
    this.timeout(20_000); // the first run loads the language core
    it('turns an unexpected exception into one line and exit 70', async () => {
      const io = recordingIo(new Error('disk full'));
      const code = await main(['eval', `${FIXTURES}/clean/scorecard.kpi`], io);
      assert.equal(code, ExitCode.internal);
      assert.deepEqual(io.err, ['kpi: internal error: disk full (set KPI_DEBUG=1 for details)\n']);
    });

    it('adds the stack trace with KPI_DEBUG=1', async () => {
      const io = recordingIo(new Error('disk full'), { KPI_DEBUG: '1' });
      assert.equal(await main(['eval', `${FIXTURES}/clean/scorecard.kpi`], io), ExitCode.internal);
      assert.equal(io.err[0], 'kpi: internal error: disk full\n');
      assert.match(io.err[1], /\n\s+at /);
    });

    it('collects repeated --kpi options, keeping declaration order', async () => {
      const io = recordingIo();
      const code = await main(['eval', `${FIXTURES}/clean/scorecard.kpi`, '--format', 'json', '--kpi', 'csat', '--kpi', 'resolution_rate'], io);
      assert.equal(code, ExitCode.ok);
      const result = JSON.parse(io.out.join('')) as { measures: Array<{ name: string }> };
      assert.deepEqual(result.measures.map((m) => m.name), ['resolution_rate', 'csat']);
    });
  });
});
