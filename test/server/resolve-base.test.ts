/**
 * Which commit `kpi.compare.base` names (server/lsp/compare/resolve-base.ts),
 * in throw-away repositories: `auto` on the default branch is HEAD, on any
 * other branch (or a detached HEAD) the merge base with `origin/HEAD`, else
 * `main`, else `master`; a revision is taken as it is; `off`, `''`, an
 * unknown revision, a repository without commits and a folder outside any
 * repository have no base.
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveBase } from '../../server/lsp/compare/resolve-base';
import { git } from '../diff/scripted-repo';

/** Writes `text` to `file` and commits it; returns the new commit id. */
function commit(root: string, file: string, text: string): string {
  fs.writeFileSync(path.join(root, file), text);
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--no-gpg-sign', '--message', `${file}: ${text}`]);
  return git(root, ['rev-parse', 'HEAD']).trim();
}

describe('server: the git base of deltas', function () {
  this.timeout(20_000);
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-base-')));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function init(branch: string): void {
    git(root, ['init', '--quiet', '--initial-branch', branch]);
  }

  it('is HEAD on the default branch, and the merge base with it on another branch', async () => {
    init('main');
    commit(root, 'a.kpi', '1');
    const forked = commit(root, 'a.kpi', '2');
    assert.deepEqual(await resolveBase(root, 'auto'), { root, commit: forked, label: 'HEAD' });

    git(root, ['checkout', '--quiet', '-b', 'feature']);
    commit(root, 'a.kpi', '3');
    git(root, ['checkout', '--quiet', 'main']);
    commit(root, 'a.kpi', '4'); // main moved on: the base stays where the branch forked
    git(root, ['checkout', '--quiet', 'feature']);
    assert.deepEqual(await resolveBase(root, 'auto'), { root, commit: forked, label: 'main' });

    git(root, ['checkout', '--quiet', '--detach', 'HEAD']);
    assert.deepEqual(await resolveBase(root, 'auto'), { root, commit: forked, label: 'main' });
  });

  it('prefers origin/HEAD to main, and falls back to master', async () => {
    init('master');
    const first = commit(root, 'a.kpi', '1');
    git(root, ['checkout', '--quiet', '-b', 'feature']);
    commit(root, 'a.kpi', '2');
    assert.deepEqual(await resolveBase(root, 'auto'), { root, commit: first, label: 'master' });

    git(root, ['update-ref', 'refs/remotes/origin/trunk', first]);
    git(root, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk']);
    assert.deepEqual(await resolveBase(root, 'auto'), { root, commit: first, label: 'origin/trunk' });
  });

  it('takes a revision as it is, from any folder of the repository', async () => {
    init('main');
    const tagged = commit(root, 'a.kpi', '1');
    git(root, ['tag', 'v1']);
    commit(root, 'a.kpi', '2');
    fs.mkdirSync(path.join(root, 'cards'));
    assert.deepEqual(await resolveBase(path.join(root, 'cards'), 'v1'), { root, commit: tagged, label: 'v1' });
    assert.equal(await resolveBase(root, 'no-such-branch'), undefined);
    assert.equal(await resolveBase(root, '--output=x'), undefined);
  });

  it('has no base when turned off, without commits, or outside a repository', async () => {
    assert.equal(await resolveBase(root, 'auto'), undefined);
    init('main');
    assert.equal(await resolveBase(root, 'auto'), undefined);
    commit(root, 'a.kpi', '1');
    assert.equal(await resolveBase(root, 'off'), undefined);
    assert.equal(await resolveBase(root, ''), undefined);
    assert.equal(await resolveBase(path.join(root, 'gone'), 'auto'), undefined);
  });
});
