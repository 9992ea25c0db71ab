import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { FIXTURES, KPI_BIN, REPO, runKpi } from './run-kpi';

const CLEAN = `${FIXTURES}/clean/scorecard.kpi`;

/** An LSP message with its Content-Length header. */
function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

describe('kpi usage', function () {
  this.timeout(30_000); // each test starts real processes

  it('prints the version from package.json', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = runKpi([flag]);
      assert.equal(run.status, 0);
      assert.equal(run.stdout, `${version}\n`);
    }
  });

  it('has help with examples for kpi and each command, on stdout, exit 0', () => {
    for (const args of [['--help'], ['check', '--help'], ['eval', '--help'], ['lsp', '--help'], ['help', 'eval']]) {
      const run = runKpi(args);
      assert.equal(run.status, 0, args.join(' '));
      assert.match(run.stdout, /^Usage: kpi/, args.join(' '));
      assert.match(run.stdout, /Examples?( \(any LSP client\))?:\n/, args.join(' '));
      assert.equal(run.stderr, '');
    }
  });

  it('exits 2 with one line for each kind of usage error', () => {
    const cases: Array<[string[], string]> = [
      [['eval', CLEAN, '--frmat', 'json'], "kpi: unknown option '--frmat' (did you mean --format?)"],
      [['eval'], "kpi: missing required argument 'file'"],
      [['evl', CLEAN], 'kpi: unknown command \'evl\' (did you mean eval?)'],
      [['eval', CLEAN, '--format', 'xml'], "kpi: option '--format <format>' argument 'xml' is invalid. Allowed choices are table, json, markdown, junit, sarif, github."],
      [['check', '--format', 'table'], "kpi: option '--format <format>' argument 'table' is invalid. Allowed choices are text, json, markdown, junit, sarif, github."],
      [['eval', CLEAN, '--root', 'no/such/folder'], 'kpi: --root no/such/folder: no such folder'],
      [['eval', CLEAN, '--data', 'tickets=x.xlsx'], 'kpi: --data tickets=x.xlsx: unsupported file type; use .csv, .json, .jsonl or .ndjson'],
      [['eval', CLEAN, '--data', 'tickets=a.csv', '--data', 'tickets=b.csv'], 'kpi: --data tickets is given twice'],
      [['eval', CLEAN, '--kpi', 'tickets'], 'kpi: --kpi tickets: tickets is a dataset, not a KPI or index'],
    ];
    for (const [args, message] of cases) {
      const run = runKpi(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
      assert.deepEqual(run.stderrLines, [message]);
    }
  });

  it('treats bare `kpi` as a usage error and shows the help on stderr', () => {
    const run = runKpi([]);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Usage: kpi/);
  });

  // The second form is how vscode-languageclient starts a stdio server: it appends its own flags.
  const launches: Array<[string, string[]]> = [
    ['kpi lsp --stdio', ['lsp', '--stdio']],
    ['as VS Code launches it (extra client flags)', ['lsp', '--stdio', `--clientProcessId=${process.pid}`, '--stdio']],
  ];
  for (const [label, args] of launches) it(`serves the language server over stdio: initialize, shutdown, exit (${label})`, async () => {
    // stdin stays open: the server exits with 1 when its input ends before `exit` is handled.
    const server = spawn(KPI_BIN, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const replied = (id: number) => new Promise<void>((resolve) => {
      const check = () => {
        if (stdout.includes(`"id":${id}`)) {
          server.stdout.off('data', onData);
          resolve();
        }
      };
      const onData = (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        check();
      };
      server.stdout.on('data', onData);
      check();
    });
    try {
      server.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      await replied(1);
      server.stdin.write(frame({ method: 'initialized', params: {} }) + frame({ id: 2, method: 'shutdown' }));
      await replied(2);
      server.stdin.write(frame({ method: 'exit' }));
      assert.equal(await exited, 0, stderr);
    } finally {
      if (server.exitCode === null) server.kill();
    }
    assert.match(stdout, /^Content-Length: \d+\r\n\r\n\{/);
    assert.match(stdout, /"capabilities"/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
