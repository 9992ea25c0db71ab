/**
 * The few git operations `kpi diff` needs, run as `git` processes with
 * argument arrays (never through a shell). A revision typed by the user is
 * resolved once to a commit id (`rev-parse --verify --end-of-options`, so a
 * revision that looks like an option is not one); every later command names
 * that hexadecimal id or a blob id, never user text.
 *
 * Failures are GitError with a kind the CLI maps to an exit code and a
 * one-line message: git missing, not a repository, unknown revision, or git
 * failing otherwise (its first line of stderr).
 */

import { spawnSync } from 'node:child_process';

/** Data files at a revision are held in memory; this bounds one file. */
const MAX_OUTPUT = 1024 * 1024 * 1024;

export type GitErrorKind = 'not-installed' | 'not-a-repository' | 'unknown-revision' | 'failed';

export class GitError extends Error {
  constructor(readonly kind: GitErrorKind, message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export interface TreeEntry {
  /** `100644`, `100755`, `120000` (a symbolic link), `160000` (a submodule). */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
}

/** No pager, no prompts, messages in English (matched below); the user's git config still applies. */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

function runGit(args: readonly string[], cwd: string, input?: string): { status: number; stdout: Buffer; stderr: string } {
  const run = spawnSync('git', [...args], { cwd, input, maxBuffer: MAX_OUTPUT, env: gitEnv(), windowsHide: true });
  if (run.error) {
    const code = (run.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GitError('not-installed', 'git is not installed or not on the PATH');
    if (code === 'ENOBUFS') throw new GitError('failed', 'the file is larger than kpi diff reads at a revision (1 GiB)');
    throw new GitError('failed', `cannot run git: ${run.error.message}`);
  }
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '')?.replace(/^fatal: /, '') ?? 'unknown error';
}

/** The top folder of the repository around `cwd`. */
export function repositoryRoot(cwd: string): string {
  const run = runGit(['rev-parse', '--show-toplevel'], cwd);
  if (run.status !== 0) {
    if (/not a git repository/i.test(run.stderr)) throw new GitError('not-a-repository', 'not a git repository');
    throw new GitError('failed', `git failed: ${firstLine(run.stderr)}`);
  }
  return run.stdout.toString('utf8').trim();
}

/** The commit id `revision` names (a branch, tag, `HEAD~1`, an id). */
export function resolveCommit(root: string, revision: string): string {
  const run = runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], root);
  const oid = run.stdout.toString('utf8').trim();
  if (run.status !== 0 || !/^[0-9a-f]{40,64}$/.test(oid)) {
    if (run.status === 1 || run.stderr === '') throw new GitError('unknown-revision', `unknown revision '${revision}'`);
    throw new GitError('failed', `git failed: ${firstLine(run.stderr)}`);
  }
  return oid;
}

/** Every file of a commit, by path relative to the repository root. */
export function listCommit(root: string, commit: string): Map<string, TreeEntry> {
  const run = runGit(['ls-tree', '-r', '-z', '--full-tree', commit], root);
  if (run.status !== 0) throw new GitError('failed', `git failed: ${firstLine(run.stderr)}`);
  const entries = new Map<string, TreeEntry>();
  for (const record of run.stdout.toString('utf8').split('\0')) {
    const match = /^(\d+) (blob|tree|commit) ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (match) entries.set(match[4], { mode: match[1], type: match[2] as TreeEntry['type'], oid: match[3] });
  }
  return entries;
}

/** The bytes of a blob. */
export function readBlob(root: string, oid: string): Buffer {
  const run = runGit(['cat-file', 'blob', oid], root);
  if (run.status !== 0) throw new GitError('failed', `git failed: ${firstLine(run.stderr)}`);
  return run.stdout;
}

/**
 * The bytes of several blobs with one `git cat-file --batch` (one process
 * instead of one per file); a blob git cannot find is left out.
 */
export function readBlobs(root: string, oids: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  if (oids.length === 0) return blobs;
  const run = runGit(['cat-file', '--batch'], root, `${oids.join('\n')}\n`);
  if (run.status !== 0) throw new GitError('failed', `git failed: ${firstLine(run.stderr)}`);
  // Each object: `<oid> <type> <size>\n<size bytes>\n`, or `<oid> missing\n`.
  const out = run.stdout;
  for (let at = 0; at < out.length;) {
    const lineEnd = out.indexOf(0x0a, at);
    if (lineEnd < 0) break;
    const header = out.subarray(at, lineEnd).toString('utf8').split(' ');
    at = lineEnd + 1;
    if (header.length !== 3) continue;
    const size = Number(header[2]);
    blobs.set(header[0], out.subarray(at, at + size));
    at += size + 1;
  }
  return blobs;
}

/** Files of the working tree git knows of or would add: tracked plus untracked, not ignored. */
export function listWorkingTree(root: string): string[] {
  const run = runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], root);
  if (run.status !== 0) throw new GitError('failed', `git failed: ${firstLine(run.stderr)}`);
  return [...new Set(run.stdout.toString('utf8').split('\0').filter((f) => f !== ''))];
}
