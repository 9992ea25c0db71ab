/**
 * `kpi diff BASE [HEAD] [FILES...]`: how the scorecards of a repository
 * differ between two git revisions (HEAD: the working tree when left out),
 * or between two folders when BASE and HEAD are both existing folders.
 *
 * Each side is a FileTree; every entry `.kpi` file (server/diff/entries.ts)
 * or each FILE named (relative to the repository root, or to each folder) is
 * evaluated on both sides with its data from the same side, and the results
 * compared (server/diff/compare.ts). HEAD is the second argument unless it
 * ends in `.kpi`, in which case it is the first FILE.
 *
 * Output: a table (default), Markdown for a PR comment, or the DiffReport as
 * JSON. Problems of each side go to stderr under a heading naming the side.
 * Exit (docs/cli.md): 2 usage (unknown revision, not a repository, ...),
 * 3 git or a HEAD data file cannot be read, 1 HEAD has definition errors,
 * 4 HEAD data rows rejected, 5 the `--fail-on` gate tripped. BASE's own
 * problems never change the exit code: it is what it was.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticResult } from '../../grammar/results/schema';
import { closestName } from '../../grammar/semantics/suggest';
import { FolderTree, GitTree, normalizeRelative, type FileTree } from '../host/file-tree';
import { GitError, repositoryRoot, resolveCommit } from '../host/git';
import { formatOfPath } from '../host/load-data';
import { compareSides, type DiffSide } from '../diff/compare';
import { entryFilesOfBoth } from '../diff/entries';
import { evaluateSide, type SideScorecard } from '../diff/evaluate-side';
import { renderDiffMarkdown } from '../diff/render-markdown';
import { DiffReportSchema, type DiffReport } from '../diff/schema';
import { failsGate } from '../formats/statuses';
import { CliError, ioError, usageError } from './errors';
import type { DataOverride } from './eval';
import { exitCodeOf } from './eval';
import { ExitCode, worstExitCode } from './exit-codes';
import { paletteFor, type CliIo } from './io';
import { renderDiffTable } from './render-diff';
import { formatDiagnosticLine } from './render-diagnostics';

export interface DiffOptions {
  format: 'table' | 'markdown' | 'json';
  /** `worse`: exit 5 when a status got worse; `breach`: when a KPI is in breach or critical on HEAD. */
  failOn: 'worse' | 'breach' | 'never';
  data: DataOverride[];
}

interface Sides {
  base: FileTree;
  head: FileTree;
  /** What `--data` paths are shown relative to. */
  root: string;
}

export function runDiff(args: readonly string[], options: DiffOptions, io: CliIo): ExitCode {
  const [baseArg, ...rest] = args;
  if (baseArg === undefined) throw usageError("missing required argument 'base'");
  const headArg = rest.length > 0 && !rest[0].endsWith('.kpi') ? rest[0] : undefined;
  const fileArgs = headArg === undefined ? rest : rest.slice(1);
  for (const { dataset, path: file } of options.data) {
    if (formatOfPath(file) === undefined) throw usageError(`--data ${dataset}=${file}: unsupported file type; use .csv, .json, .jsonl or .ndjson`);
  }
  const overrides = dataOverrides(options.data);

  try {
    const sides = openSides(baseArg, headArg, io.cwd);
    const entries = fileArgs.length > 0 ? namedEntries(fileArgs, sides) : entryFilesOfBoth(sides.base, sides.head);
    if (entries.length === 0) throw usageError(`no .kpi file declaring a KPI or index in ${sides.base.label} or ${sides.head.label}`);
    const dataOptions = { overrides, cwd: io.cwd, root: sides.root };
    const evaluate = (tree: FileTree): DiffSide => {
      const scorecards = new Map<string, SideScorecard>();
      for (const entry of entries) {
        const side = evaluateSide(tree, entry, dataOptions);
        if (side) scorecards.set(entry, side);
      }
      return { label: tree.label, scorecards };
    };
    const base = evaluate(sides.base);
    const head = evaluate(sides.head);
    checkOverrideNames(options.data, [base, head]);
    const report = compareSides({ base, head, entries });

    if (options.format === 'json') io.stdout.write(`${JSON.stringify(validated(report), null, 2)}\n`);
    else if (options.format === 'markdown') io.stdout.write(renderDiffMarkdown(report));
    else io.stdout.write(renderDiffTable(report, paletteFor(io.stdout, io)));

    writeProblems(io, head.label, report.diagnostics.head);
    writeProblems(io, base.label, report.diagnostics.base);
    return exitCode(report, head, options.failOn);
  } catch (error) {
    if (error instanceof GitError) throw gitFailure(error);
    throw error;
  }
}

/** Two folders when both exist as folders; else git revisions (HEAD: the working tree). */
function openSides(baseArg: string, headArg: string | undefined, cwd: string): Sides {
  if (headArg !== undefined && isFolder(path.resolve(cwd, baseArg)) && isFolder(path.resolve(cwd, headArg))) {
    return {
      base: new FolderTree(baseArg, path.resolve(cwd, baseArg), false),
      head: new FolderTree(headArg, path.resolve(cwd, headArg), false),
      root: cwd,
    };
  }
  const root = repositoryRoot(cwd);
  const base = new GitTree(baseArg, root, resolveCommit(root, baseArg));
  const head = headArg === undefined ? new FolderTree('working tree', root, true) : new GitTree(headArg, root, resolveCommit(root, headArg));
  return { base, head, root };
}

/** FILES as root-relative paths; each must be on at least one side. */
function namedEntries(files: readonly string[], sides: Sides): string[] {
  const entries: string[] = [];
  for (const given of files) {
    const file = normalizeRelative('', given);
    if (file === undefined) throw usageError(`${given}: give .kpi files relative to the repository root (or to the compared folders)`);
    if (sides.base.read(file).status !== 'ok' && sides.head.read(file).status !== 'ok') {
      throw ioError(`cannot read ${given}: not in ${sides.base.label} nor in ${sides.head.label}`);
    }
    if (!entries.includes(file)) entries.push(file);
  }
  return entries;
}

function dataOverrides(overrides: readonly DataOverride[]): Map<string, string> {
  const byDataset = new Map<string, string>();
  for (const { dataset, path: file } of overrides) {
    if (byDataset.has(dataset)) throw usageError(`--data ${dataset} is given twice`);
    byDataset.set(dataset, file);
  }
  return byDataset;
}

/** A `--data` name no scorecard on either side declares is a usage error, with a suggestion. */
function checkOverrideNames(overrides: readonly DataOverride[], sides: readonly DiffSide[]): void {
  const declared = new Set<string>();
  for (const side of sides) for (const s of side.scorecards.values()) for (const d of s.program.datasets) declared.add(d.name);
  for (const { dataset, path: file } of overrides) {
    if (declared.has(dataset)) continue;
    const suggestion = closestName(dataset, declared);
    throw usageError(`--data ${dataset}=${file}: no dataset named ${dataset}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`);
  }
}

function exitCode(report: DiffReport, head: DiffSide, failOn: DiffOptions['failOn']): ExitCode {
  const codes: ExitCode[] = [...head.scorecards.values()].map((s) => exitCodeOf(s.program, s.data));
  const tripped = failOn === 'worse' ? report.measures.some((m) => m.verdict === 'worse')
    : failOn === 'breach' ? report.measures.some((m) => m.after?.status != null && failsGate(m.after.status, 'breach'))
      : false;
  if (tripped) codes.push(ExitCode.gate);
  return worstExitCode(codes);
}

function writeProblems(io: CliIo, label: string, diagnostics: readonly DiagnosticResult[]): void {
  if (diagnostics.length === 0) return;
  const palette = paletteFor(io.stderr, io);
  io.stderr.write(`problems on ${label}:\n`);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnosticLine(d, palette)}\n`);
}

function gitFailure(error: GitError): CliError {
  switch (error.kind) {
    case 'unknown-revision': return usageError(error.message);
    case 'not-a-repository':
      return usageError('not a git repository: kpi diff compares git revisions inside a repository, or two folders (kpi diff BASE_DIR HEAD_DIR)');
    case 'not-installed':
    case 'failed': return ioError(error.message);
  }
}

/** The report as its schema promises it; a mismatch is a bug in kpi. */
function validated(report: DiffReport): DiffReport {
  const parsed = DiffReportSchema.safeParse(report);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`the diff does not match its schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function isFolder(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
