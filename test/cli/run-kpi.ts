/**
 * Runs the built `kpi` command (bin/kpi, which starts node from the startup
 * snapshot dist/kpi.blob) as a real process, the way users and CI run it, and helpers for fixtures: where a text sits in a
 * fixture file (1-based line:column, so tests never count by hand) and
 * throw-away workspaces in the temp folder for cases that need a `.git`
 * folder or a symlink.
 *
 * Every run asserts that stderr holds no stack trace.
 */

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (tests run from out/test/cli). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
/** The `kpi` command npm links: a shell launcher (bin/kpi). */
export const KPI_BIN = path.join(REPO, 'bin', 'kpi');
/** The launcher without the snapshot, for other platforms: `node bin/kpi.js`. */
export const KPI_JS = path.join(REPO, 'bin', 'kpi.js');
/**
 * Variables a test run must not inherit: colors and debug output change what
 * kpi prints; NODE_OPTIONS and KPI_NO_SNAPSHOT would make bin/kpi start
 * without its snapshot (launcher.test.ts covers those).
 */
const NOT_INHERITED = ['NO_COLOR', 'FORCE_COLOR', 'KPI_DEBUG', 'NODE_OPTIONS', 'KPI_NO_SNAPSHOT'];
/** Fixture folders, relative to the repository root as the CLI prints them. */
export const FIXTURES = 'test/cli/fixtures';

export interface KpiRun {
  status: number | null;
  stdout: string;
  stderr: string;
  stdoutLines: string[];
  stderrLines: string[];
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** The command before `args`: default bin/kpi; e.g. [node, KPI_JS]. */
  command?: readonly string[];
}

export function runKpi(args: readonly string[], options: RunOptions = {}): KpiRun {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  Object.assign(env, options.env);
  const [program, ...programArgs] = options.command ?? [KPI_BIN];
  const run = spawnSync(program, [...programArgs, ...args], {
    cwd: options.cwd ?? REPO,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
    // A scorecard with long trends prints megabytes of JSON (the default limit is 1 MiB).
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  assert.doesNotMatch(run.stderr, /\n\s+at /, `stack trace on stderr:\n${run.stderr}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, stdoutLines: lines(run.stdout), stderrLines: lines(run.stderr) };
}

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/**
 * `line:column` (1-based) where `needle` starts in a fixture file; with
 * `after`, the first `needle` after the first `after`.
 */
export function positionIn(file: string, needle: string, after?: string): string {
  const text = fs.readFileSync(path.join(REPO, file), 'utf8');
  const from = after === undefined ? 0 : text.indexOf(after);
  assert.ok(from >= 0, `${after} not in ${file}`);
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** A fresh folder in the temp area; removed by `removeTemp`. */
export function makeTemp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kpi-cli-'));
}

export function removeTemp(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

/** Copies fixture `name` into `folder` and returns the copy's path. */
export function copyFixture(name: string, folder: string): string {
  const target = path.join(folder, name);
  fs.cpSync(path.join(REPO, FIXTURES, name), target, { recursive: true });
  return target;
}
