/**
 * Deltas against the git base in inlay hints and hovers: the fixture is
 * committed to a throw-away repository, then the working copy changes
 * (a target through didChange, the data on disk) and the editor shows how
 * each KPI moved since the commit. Without a repository, without git, or
 * for a file the base does not have, nothing breaks: no delta (and `new` in
 * the hover for the new file).
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import type { BaseComparison } from '../../server/lsp/compare/base-scorecards';
import { git } from '../diff/scripted-repo';
import { startSession, type Session } from './helpers/session';

const FILE = 'scorecard.kpi';

function markdown(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value;
}

/** Commits everything in the session's workspace on a new `main` branch; returns the short commit id. */
function commitWorkspace(session: Session, message = 'fixture'): string {
  const root = session.workspace.root;
  if (!fs.existsSync(path.join(root, '.git'))) git(root, ['init', '--quiet', '--initial-branch', 'main']);
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--no-gpg-sign', '--message', message]);
  return git(root, ['rev-parse', '--short=7', 'HEAD']).trim();
}

/**
 * Waits until the base of `uri` is settled (resolved, evaluated and
 * attached to its latest snapshot) and returns it; undefined when there is
 * none. No sleeps: waits on the server's own background work.
 */
async function settledBase(session: Session, uri: string): Promise<BaseComparison | undefined> {
  const { workspace } = session.server;
  for (;;) {
    await workspace.bases.idle();
    const base = workspace.latest(uri)?.base;
    if (!workspace.bases.busy) return base;
  }
}

async function hintLabels(session: Session, uri: string): Promise<string[]> {
  return (await session.client.inlayHints(uri)).map((hint) => String(hint.label));
}

function errorsLogged(session: Session): string[] {
  return session.client.logs.filter((line) => /fail|error/i.test(line));
}

describe('server: deltas against the git base', function () {
  this.timeout(20_000);
  let session: Session;
  afterEach(async () => session?.stop());

  it('shows a status flip after a target changed in the editor, against HEAD on main', async () => {
    session = await startSession('delta');
    const commit = commitWorkspace(session);
    const uri = await session.open(FILE);
    const base = await settledBase(session, uri);
    assert.equal(base?.revision.label, 'HEAD');
    assert.deepEqual(await hintLabels(session, uri), ['40 min · warning', '50% · warning']);
    assert.ok(markdown(await session.client.hover(uri, session.at(FILE, 'frt-name'))).endsWith(`\n\nvs HEAD (${commit}): unchanged (40 min)`));

    const target = session.marks(FILE).ranges.find((range) => range.label === 'frt-target');
    assert.ok(target);
    await session.client.edit(uri, target.start, target.end, '45');
    assert.deepEqual(await hintLabels(session, uri), ['40 min · on target · was warning at HEAD', '50% · warning']);
    const hover = markdown(await session.client.hover(uri, session.at(FILE, 'frt-name')));
    assert.ok(hover.endsWith(`\n\nvs HEAD (${commit}): warning -> on target; target <= 30 min -> <= 45 min`), hover);
  });

  it('shows how new data moved each value (percents in points) once the file changed on disk', async () => {
    session = await startSession('delta');
    const commit = commitWorkspace(session);
    const uri = await session.open(FILE);
    await settledBase(session, uri);

    session.workspace.write('data/tickets.csv', 'ticket_id,first_response_min,csat\nT1,20,5\nT2,40,4\nT3,100,5\nT4,,2\n');
    await session.client.filesChanged([session.workspace.uri('data/tickets.csv')]);
    await settledBase(session, uri);
    assert.deepEqual(await hintLabels(session, uri), [
      '53.3 min · warning · +13.3 min vs HEAD',
      '75% · on target · +25.0 pts vs HEAD (was warning)',
    ]);
    const hover = markdown(await session.client.hover(uri, session.at(FILE, 'csat-name')));
    assert.ok(hover.endsWith(`\n\nvs HEAD (${commit}): 50% -> 75% (+25.0 pts), warning -> on target`), hover);
  });

  it('compares a branch with its merge base on main, and follows the setting', async () => {
    session = await startSession('delta');
    const mainCommit = commitWorkspace(session);
    git(session.workspace.root, ['checkout', '--quiet', '-b', 'faster-replies']);
    session.workspace.write('data/tickets.csv', 'ticket_id,first_response_min,csat\nT1,10,5\nT2,20,4\nT3,30,3\nT4,,2\n');
    commitWorkspace(session, 'faster replies');
    const uri = await session.open(FILE);
    const base = await settledBase(session, uri);
    assert.equal(base?.revision.label, 'main');
    assert.equal(base?.revision.commit.slice(0, 7), mainCommit);
    assert.deepEqual(await hintLabels(session, uri), ['20 min · on target · -20.0 min vs main (was warning)', '50% · warning']);

    await session.client.configurationChanged({ compare: { base: 'off' } });
    await session.client.waitFor(() => (session.server.workspace.settings.compare.base === 'off' ? true : undefined), 'the new setting');
    assert.equal(await settledBase(session, uri), undefined);
    assert.deepEqual(await hintLabels(session, uri), ['20 min · on target', '50% · warning']);
    assert.ok(!markdown(await session.client.hover(uri, session.at(FILE, 'frt-name'))).includes('\nvs '));
  });

  it('compares the same rows as the live results when kpi.evaluation.maxRows cuts the data short', async () => {
    session = await startSession('delta', { settings: { evaluation: { maxRows: 2 } } });
    const commit = commitWorkspace(session);
    const uri = await session.open(FILE);
    await settledBase(session, uri);
    assert.deepEqual(await hintLabels(session, uri), ['30 min · on target', '100% · on target']);
    const hover = markdown(await session.client.hover(uri, session.at(FILE, 'frt-name')));
    assert.ok(hover.includes(`\n\nvs HEAD (${commit}): unchanged (30 min)\n`), hover);
  });

  it('marks a file the base does not have as new, without a delta in its hints', async () => {
    session = await startSession('delta');
    const commit = commitWorkspace(session);
    session.workspace.write('new.kpi', session.marks(FILE).text);
    const uri = session.workspace.uri('new.kpi');
    await session.client.open(uri, session.marks(FILE).text);
    await session.client.diagnostics(uri);
    const base = await settledBase(session, uri);
    assert.equal(base?.side, null);
    assert.deepEqual(await hintLabels(session, uri), ['40 min · warning', '50% · warning']);
    const hover = markdown(await session.client.hover(uri, session.at(FILE, 'frt-name')));
    assert.ok(hover.endsWith(`\n\nvs HEAD (${commit}): new (this file is not in HEAD)`), hover);
  });

  it('shows no delta and logs no error outside a git repository', async () => {
    session = await startSession('delta');
    const uri = await session.open(FILE);
    assert.equal(await settledBase(session, uri), undefined);
    assert.deepEqual(await hintLabels(session, uri), ['40 min · warning', '50% · warning']);
    assert.ok(!markdown(await session.client.hover(uri, session.at(FILE, 'frt-name'))).includes('\nvs '));
    assert.deepEqual(errorsLogged(session), []);
  });

  it('shows no delta and logs no error when git is not installed', async () => {
    session = await startSession('delta');
    commitWorkspace(session);
    const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-no-git-'));
    const savedPath = process.env.PATH;
    process.env.PATH = emptyBin;
    try {
      const uri = await session.open(FILE);
      assert.equal(await settledBase(session, uri), undefined);
      assert.deepEqual(await hintLabels(session, uri), ['40 min · warning', '50% · warning']);
      assert.deepEqual(errorsLogged(session), []);
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(emptyBin, { recursive: true, force: true });
    }
  });
});
