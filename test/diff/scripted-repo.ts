/**
 * A throw-away git repository with a scripted history, for `kpi diff` tests:
 * the after-sales sample copied in, then one commit (and tag) per kind of
 * change. Git runs with argument arrays, without the machine's global or
 * system configuration, with a fixed identity.
 *
 * Tags, in order:
 * - `base`: the sample as it is;
 * - `target`: first_response_p90 target 30 -> 20 min, csat thresholds
 *   loosened (breach -> on target), fcr warn 75% -> 82% (warning -> breach);
 * - `weight`: satisfaction weights csat 35% -> 30%, fcr 25% -> 30%;
 * - `rename`: nps renamed net_promoter (and in the index);
 * - `remove`: mean_resolution_hours removed;
 * - `data`: the data regenerated with 800 rows, seed 9;
 * - `broken-base`: fcr's target loses its number (a syntax error);
 * - `broken-head`: csat reads a column that does not exist, too.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../cli/run-kpi';

export const SCORECARD = 'samples/after-sales/after-sales.kpi';

export const TAGS = ['base', 'target', 'weight', 'rename', 'remove', 'data', 'broken-base', 'broken-head'] as const;

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
  GIT_AUTHOR_NAME: 'KPI Tests',
  GIT_AUTHOR_EMAIL: 'kpi-tests@example.com',
  GIT_COMMITTER_NAME: 'KPI Tests',
  GIT_COMMITTER_EMAIL: 'kpi-tests@example.com',
};

export function git(root: string, args: readonly string[]): string {
  const run = spawnSync('git', [...args], { cwd: root, env: GIT_ENV, encoding: 'utf8' });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Replaces `before` (which must occur exactly once) with `after` in a file of the repository. */
export function edit(root: string, file: string, before: string, after: string): void {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  assert.equal(text.split(before).length, 2, `${file} should hold ${JSON.stringify(before)} exactly once`);
  fs.writeFileSync(full, text.replace(before, after));
}

function commit(root: string, tag: string): void {
  git(root, ['add', '--all']);
  git(root, ['commit', '--quiet', '--no-gpg-sign', '--message', tag]);
  git(root, ['tag', tag]);
}

/** Builds the repository in a new temp folder; returns its root. */
export function buildScriptedRepo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-diff-'));
  git(root, ['init', '--quiet', '--initial-branch', 'main']);
  fs.cpSync(path.join(REPO, 'samples', 'after-sales'), path.join(root, 'samples', 'after-sales'), { recursive: true });
  commit(root, 'base');

  edit(root, SCORECARD, 'target <= 30\n  warn   <= 60\n', 'target <= 20\n  warn   <= 60\n');
  edit(root, SCORECARD, 'target >= 90%\n  warn   >= 80%\n}\n\n/// Promoters', 'target >= 70%\n  warn   >= 60%\n}\n\n/// Promoters');
  edit(root, SCORECARD, 'target >= 85%\n  warn   >= 75%\n', 'target >= 85%\n  warn   >= 82%\n');
  commit(root, 'target');

  edit(root, SCORECARD, 'csat                weight 35%', 'csat                weight 30%');
  edit(root, SCORECARD, 'fcr                 weight 25%', 'fcr                 weight 30%');
  commit(root, 'weight');

  edit(root, SCORECARD, 'kpi nps "Net Promoter Score"', 'kpi net_promoter "Net Promoter Score"');
  edit(root, SCORECARD, '  nps                 weight 15%', '  net_promoter        weight 15%');
  commit(root, 'rename');

  const text = fs.readFileSync(path.join(root, SCORECARD), 'utf8');
  const start = text.indexOf('/// Hours from opening to resolution');
  const end = text.indexOf('/// Share of survey answers');
  assert.ok(start > 0 && end > start, 'mean_resolution_hours is where the test expects it');
  fs.writeFileSync(path.join(root, SCORECARD), text.slice(0, start) + text.slice(end));
  commit(root, 'remove');

  const generate = spawnSync(process.execPath, [
    path.join(REPO, 'samples', 'after-sales', 'generate.mjs'), '--rows', '800', '--seed', '9',
    '--out', path.join(root, 'samples', 'after-sales', 'data', 'tickets.csv'),
  ], { encoding: 'utf8' });
  assert.equal(generate.status, 0, generate.stderr);
  commit(root, 'data');

  edit(root, SCORECARD, 'target >= 85%\n  warn   >= 82%\n', 'target >=\n  warn   >= 82%\n');
  commit(root, 'broken-base');

  edit(root, SCORECARD, 'value  share(tickets.csat >= 4)', 'value  share(tickets.csatt >= 4)');
  commit(root, 'broken-head');
  return root;
}
