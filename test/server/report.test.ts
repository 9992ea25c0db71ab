/**
 * `kpi/report`: the open file's scorecard as the webview's HTML report, with
 * a Content-Security-Policy keyed to a nonce that is new for every response,
 * and null for a file that cannot be read.
 *
 * The report app is read from dist/report-app.js when run from tsc's output:
 * it is bundled first when missing.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { ReportRequestMethod } from '../../client/src/protocol';
import { ReportRequest, type ReportResult } from '../../server/lsp/protocol';
import { fromRoot } from '../support/paths';
import { startSession, type Session } from './helpers/session';

const FILE = 'scorecard.kpi';

function report(session: Session, uri: string): Promise<ReportResult> {
  return session.client.connection.sendRequest(ReportRequest, { uri });
}

function policyOf(html: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'no Content-Security-Policy meta tag');
  return meta[1].replace(/&#39;/g, "'");
}

function nonceOf(html: string): string {
  const nonce = /'nonce-([^']+)'/.exec(policyOf(html));
  assert.ok(nonce, `no nonce in the policy ${policyOf(html)}`);
  return nonce[1];
}

describe('server: kpi/report', function () {
  this.timeout(20_000);
  let session: Session;

  before(function () {
    if (fs.existsSync(fromRoot('dist', 'report-app.js'))) return;
    this.timeout(120_000);
    const build = spawnSync(process.execPath, [fromRoot('scripts', 'bundle.mjs')], { cwd: fromRoot(), encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });
  afterEach(async () => session?.stop());

  it('renders the open file\'s scorecard for a webview, its script and style allowed by the nonce', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const { html } = await report(session, uri);
    assert.ok(html, 'no report');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<html lang="en" data-theme="vscode">/);
    assert.match(html, /<title>KPI report: scorecard\.kpi<\/title>/);
    assert.ok(html.includes('first_response_p90') && html.includes('satisfaction'), 'the measures are missing');
    const nonce = nonceOf(html);
    assert.match(nonce, /^[A-Za-z0-9+/=]{24}$/);
    const policy = policyOf(html);
    assert.match(policy, /default-src 'none'/);
    assert.ok(policy.includes(`script-src 'nonce-${nonce}'`) && policy.includes(`style-src 'nonce-${nonce}'`), policy);
    assert.ok(html.includes(`<script nonce="${nonce}">`) && html.includes(`<style nonce="${nonce}">`));
  });

  it('uses a new nonce for every response', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const { html } = await report(session, uri);
      assert.ok(html);
      nonces.add(nonceOf(html));
    }
    assert.equal(nonces.size, 3);
  });

  it('renders the edited text, not the file on disk', async () => {
    session = await startSession('basic');
    const uri = await session.open(FILE);
    const text = session.client.text(uri);
    await session.client.replace(uri, text.replace('"First response (P90)"', '"Replies, P90"'));
    const { html } = await report(session, uri);
    assert.ok(html?.includes('Replies, P90'), 'the report shows the saved text');
  });

  it('answers null for a file that cannot be read', async () => {
    session = await startSession('basic');
    assert.deepEqual(await report(session, session.workspace.uri('missing.kpi')), { html: null });
    assert.deepEqual(await session.client.evaluate(session.workspace.uri('missing.kpi')), { scorecard: null });
  });
});

describe('server: kpi/report in the client\'s protocol', () => {
  it('is the method the client sends (client/src/protocol.ts mirrors it)', () => {
    assert.equal(ReportRequest.method, ReportRequestMethod);
  });
});
