/**
 * Which commit the editor's deltas compare with (setting `kpi.compare.base`),
 * found with a few `git` processes run asynchronously (execFile with
 * argument arrays, never a shell), so no request ever waits on git.
 *
 * - `auto` (the default): the merge base of HEAD with the default branch
 *   (`origin/HEAD` when it resolves, else `main`, else `master`), labelled
 *   with that branch's name: what a pull request would be reviewed against.
 *   When HEAD is on the default branch (or there is none), HEAD itself,
 *   labelled `HEAD`: uncommitted edits against the last commit.
 * - `''` or `off`: no base, no deltas.
 * - anything else: a revision (branch, tag, commit id), taken as it is.
 *
 * Never throws and never reports: git missing, not a repository, a
 * repository without commits and an unknown revision all mean "no base"
 * (undefined), which the editor shows as no delta at all.
 */

import { execFile } from 'node:child_process';

export interface BaseRevision {
  /** The repository's top folder, as git prints it. */
  root: string;
  /** The full commit id. */
  commit: string;
  /** How hints and hovers name the base: `main`, `origin/main`, `HEAD`, `v1.2`. */
  label: string;
}

/** A hung git (a network file system, a lock) must not keep a base pending for ever. */
const GIT_TIMEOUT_MS = 15_000;

/** Whether the setting asks for deltas at all. */
export function comparesWithBase(setting: string): boolean {
  const value = setting.trim();
  return value !== '' && value.toLowerCase() !== 'off';
}

/** The base for files in `folder` under `setting`; undefined when there is none. */
export async function resolveBase(folder: string, setting: string): Promise<BaseRevision | undefined> {
  if (!comparesWithBase(setting)) return undefined;
  const root = await git(['rev-parse', '--show-toplevel'], folder);
  if (root === undefined || root === '') return undefined;
  const wanted = setting.trim();
  if (wanted.toLowerCase() !== 'auto') {
    const commit = await commitOf(root, wanted);
    return commit === undefined ? undefined : { root, commit, label: wanted };
  }
  const head = await commitOf(root, 'HEAD');
  if (head === undefined) return undefined; // no commit yet
  const [defaultBranch, currentBranch] = await Promise.all([
    findDefaultBranch(root),
    git(['symbolic-ref', '--quiet', '--short', 'HEAD'], root),
  ]);
  if (defaultBranch === undefined || currentBranch === defaultBranch.branch) return { root, commit: head, label: 'HEAD' };
  const mergeBase = await git(['merge-base', head, defaultBranch.commit], root);
  // Unrelated histories have no merge base: nothing sensible to compare with.
  return mergeBase !== undefined && isCommitId(mergeBase) ? { root, commit: mergeBase, label: defaultBranch.label } : undefined;
}

interface DefaultBranch {
  /** As shown: `origin/main`, `main`. */
  label: string;
  /** The local branch name it stands for: `main`. */
  branch: string;
  commit: string;
}

async function findDefaultBranch(root: string): Promise<DefaultBranch | undefined> {
  const remote = await git(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], root);
  if (remote !== undefined && remote.startsWith('origin/')) {
    const commit = await commitOf(root, `refs/remotes/${remote}`);
    if (commit !== undefined) return { label: remote, branch: remote.slice('origin/'.length), commit };
  }
  for (const branch of ['main', 'master']) {
    const commit = await commitOf(root, `refs/heads/${branch}`);
    if (commit !== undefined) return { label: branch, branch, commit };
  }
  return undefined;
}

/** The commit `revision` names; `--end-of-options` so a revision that looks like an option is not one. */
async function commitOf(root: string, revision: string): Promise<string | undefined> {
  const oid = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], root);
  return oid !== undefined && isCommitId(oid) ? oid : undefined;
}

function isCommitId(text: string): boolean {
  return /^[0-9a-f]{40,64}$/.test(text);
}

/** git's trimmed stdout, or undefined when git is missing, fails or times out. */
function git(args: readonly string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...args], {
      cwd,
      encoding: 'utf8',
      timeout: GIT_TIMEOUT_MS,
      windowsHide: true,
      // No prompts, no pager, no index lock taken in the background (as editors' git integrations do).
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}
