/**
 * The real thing: `node bin/kpi.js lsp --stdio` (the bundled CLI, built by
 * scripts/bundle.mjs) spoken to over its stdin/stdout. Checks the lifecycle
 * (exit code 0 after shutdown + exit, 1 on exit alone), that stdout carries
 * LSP frames and nothing else, and a keystroke's path end to end.
 */

import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, type MarkupContent } from 'vscode-languageserver/node';
import { fromRoot } from '../support/paths';
import { FixtureWorkspace } from './helpers/fixture-workspace';
import { TestClient } from './helpers/test-client';

interface Spawned {
  child: ChildProcessWithoutNullStreams;
  client: TestClient;
  stdout: Buffer[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** dist/kpi.js is newer than every source it bundles (grammar/, server/). */
function bundleIsCurrent(): boolean {
  const bundle = fromRoot('dist', 'kpi.js');
  if (!fs.existsSync(bundle)) return false;
  const built = fs.statSync(bundle).mtimeMs;
  const newest = (folder: string): number => fs.readdirSync(folder, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(folder, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }, 0);
  return Math.max(newest(fromRoot('grammar')), newest(fromRoot('server'))) < built;
}

function spawnServer(): Spawned {
  const child = spawn(process.execPath, [fromRoot('bin', 'kpi.js'), 'lsp', '--stdio'], { cwd: fromRoot(), stdio: 'pipe' });
  const stdout: Buffer[] = [];
  const stderr: string[] = [];
  // Every stdout byte is kept, to check it is nothing but LSP frames.
  const tee = new PassThrough();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout.push(chunk);
    tee.write(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const client = new TestClient(new StreamMessageReader(tee), new StreamMessageWriter(child.stdin));
  return { child, client, stdout, stderr, exited };
}

/** Splits stdout into `Content-Length` frames; fails on any byte outside a frame. */
function frames(bytes: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  while (at < bytes.length) {
    const headerEnd = bytes.indexOf('\r\n\r\n', at);
    assert.ok(headerEnd > at, `stray bytes on stdout: ${JSON.stringify(bytes.subarray(at, at + 80).toString())}`);
    const header = bytes.subarray(at, headerEnd).toString('ascii');
    const length = /^Content-Length: (\d+)$/im.exec(header);
    assert.ok(length, `not an LSP header: ${JSON.stringify(header)}`);
    const start = headerEnd + 4;
    const end = start + Number(length[1]);
    assert.ok(end <= bytes.length, 'truncated frame');
    messages.push(JSON.parse(bytes.subarray(start, end).toString('utf8')));
    at = end;
  }
  return messages;
}

describe('server: kpi lsp --stdio', function () {
  this.timeout(30_000);
  let workspace: FixtureWorkspace;

  before(function () {
    // `npm test` bundles before the unit tests; a lone run of this file bundles when the bundle is stale.
    if (bundleIsCurrent()) return;
    this.timeout(120_000);
    const build = spawnSync(process.execPath, [fromRoot('scripts', 'bundle.mjs')], { cwd: fromRoot(), encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });
  beforeEach(() => {
    workspace = FixtureWorkspace.copy('basic');
  });
  afterEach(() => workspace.dispose());

  it('serves a keystroke\'s path and exits with 0 after shutdown and exit', async () => {
    const server = spawnServer();
    const { client } = server;
    const init = await client.initialize(workspace.rootUri);
    assert.equal(init.serverInfo?.name, 'kpi-lang');
    assert.ok(init.capabilities.inlayHintProvider);

    const uri = workspace.uri('scorecard.kpi');
    const text = workspace.marks('scorecard.kpi').text;
    await client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri), []);

    const at = text.indexOf('tickets.first_response_min') + 'tickets.'.length;
    await client.edit(uri, at, at + 'first_response_min'.length, 'first_respons');
    const broken = await client.diagnostics(uri, (d) => d.length > 0);
    assert.deepEqual(broken.map((d) => d.code), ['KPI012']);
    assert.match(broken[0].message, /did you mean `first_response_min`/);

    await client.edit(uri, at, at + 'first_respons'.length, 'first_response_min');
    assert.deepEqual(await client.diagnostics(uri), []);
    const hints = await client.inlayHints(uri);
    assert.equal(hints[0].label, '78 min · breach (target <= 30 min)');
    const hover = await client.hover(uri, text.indexOf('first_response_p90'));
    assert.match((hover?.contents as MarkupContent).value, /\| Value \| \*\*78 min\*\* \|/);

    await client.shutdown();
    await client.exit();
    assert.equal(await server.exited, 0);
    client.dispose();
    const messages = frames(Buffer.concat(server.stdout));
    assert.ok(messages.length > 5);
    assert.doesNotMatch(server.stderr.join(''), /\n\s+at /);
  });

  it('exits with 1 on exit without shutdown', async () => {
    const server = spawnServer();
    await server.client.initialize(workspace.rootUri);
    await server.client.exit();
    assert.equal(await server.exited, 1);
    server.client.dispose();
  });

  it('exits with 1 when the client goes away', async () => {
    const server = spawnServer();
    await server.client.initialize(workspace.rootUri);
    server.child.stdin.end();
    assert.equal(await server.exited, 1);
    server.client.dispose();
  });
});
