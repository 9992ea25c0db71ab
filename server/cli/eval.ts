/**
 * `kpi eval FILE`: analyse a scorecard, load its data, evaluate it and print
 * the results (a table, the ScorecardResult as JSON, validated against its
 * schema first (result-check.ts), or a CI format: markdown, junit, sarif, github).
 * Diagnostics go to stderr as `file:line:col` lines.
 *
 * Results of the valid part are always printed; the exit code then says what
 * went wrong (docs/cli.md): 3 a data file could not be read, 1 the
 * definitions have errors, 4 rows were rejected, 5 a KPI shown is at or past
 * the `--fail-on` status.
 *
 * `evaluateFile` and `printDiagnostics` are the evaluation path `kpi report`
 * shares, so both commands read, check and exit alike.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../grammar/analyze';
import { evaluateScorecard } from '../../grammar/scorecard';
import type { DatasetData, Declared, Program } from '../../grammar/program';
import type { ScorecardResult } from '../../grammar/results/schema';
import { NodeSourceHost } from '../host/node-source-host';
import { findWorkspaceRoot } from '../host/workspace-root';
import { formatOfPath, loadProgramData } from '../host/load-data';
import { PartReaders } from '../host/parallel-csv';
import { failsGate, type StatusGate } from '../formats/statuses';
import { ExitCode, worstExitCode } from './exit-codes';
import { usageError } from './errors';
import { paletteFor, type CliIo } from './io';
import { readEntryFile, resolveRootOption } from './inputs';
import { renderScorecard } from './render-table';
import { renderCiFormat, type CiFormat } from './ci-formats';
import { compareDiagnosticResults, displayFromCwd, formatDiagnosticLine } from './render-diagnostics';
import { closestName } from '../../grammar/semantics/suggest';

export interface DataOverride {
  dataset: string;
  path: string;
}

export interface EvalOptions {
  format: 'table' | 'json' | CiFormat;
  /** `--fail-on`: exit 5 when a KPI or index shown is at this status or worse. */
  failOn: StatusGate | 'never';
  /** `--kpi NAME`, repeatable: show only these measures. */
  kpi: string[];
  /** `--data NAME=PATH`, repeatable. */
  data: DataOverride[];
  root?: string;
}

export function runEval(fileArg: string, options: EvalOptions, io: CliIo): ExitCode {
  const evaluation = evaluateFile(fileArg, options, io);
  const { result, data, only } = evaluation;

  const shown = onlyMeasures(result, only);
  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(validated(shown), null, 2)}\n`);
  } else if (options.format === 'table') {
    const width = io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : undefined;
    const unread = unreadDatasets(data);
    io.stdout.write(renderScorecard(result, { palette: paletteFor(io.stdout, io), width, only, unread }));
  } else {
    // CI formats keep paths relative to the workspace root: code hosts resolve them against the repository.
    io.stdout.write(renderCiFormat(options.format, { scorecard: shown, diagnostics: [...shown.diagnostics].sort(compareDiagnosticResults) }));
  }

  printDiagnostics(evaluation, io);

  const codes = [exitCodeOf(evaluation.program, data)];
  const gate = options.failOn;
  if (gate !== 'never' && shown.measures.some((m) => failsGate(m.status, gate))) codes.push(ExitCode.gate);
  return worstExitCode(codes);
}

/** A scorecard analysed, its data loaded and evaluated: what `eval` and `report` share. */
export interface Evaluation {
  program: Program;
  data: ReadonlyMap<string, DatasetData>;
  result: ScorecardResult;
  /** The workspace root; paths in `result` are relative to it. */
  root: string;
  /** The `--kpi` selection; undefined: every measure. */
  only: ReadonlySet<string> | undefined;
}

export interface EvaluateOptions {
  data: readonly DataOverride[];
  root?: string;
  kpi?: readonly string[];
}

/**
 * CSV files from this size on are read on two threads (server/host/parallel-csv.ts).
 * Below it, starting the worker costs about what it saves (bench/README.md).
 */
const TWO_THREADS_FROM = 16 * 1024 * 1024;

/**
 * Reads and analyses `fileArg`, checks `--kpi` and `--data` against it (usage
 * errors before any data file is read), loads the data and evaluates.
 */
export function evaluateFile(fileArg: string, options: EvaluateOptions, io: CliIo): Evaluation {
  const readers = io.env.KPI_EVAL_THREADS === '1' ? undefined : new PartReaders();
  // A worker takes ~30 ms to boot: for a large `--data` file it boots while the .kpi files are
  // read and analysed. Otherwise one starts only if analysis names a large file (an idle worker
  // would take the core that compiles the main thread's hot code).
  if (readers !== undefined && options.data.some((override) => sizeOf(path.resolve(io.cwd, override.path)) >= TWO_THREADS_FROM)) {
    readers.warmUp();
  }
  try {
    const host = new NodeSourceHost();
    const entry = readEntryFile(host, fileArg, io.cwd);
    const root = findWorkspaceRoot(entry, resolveRootOption(options.root, io.cwd));
    const program = analyze(entry, host);
    const only = selectedMeasures(program, options.kpi ?? []);
    const overrides = dataOverrides(program, options.data);
    // KPI_DEBUG=1 tells how each large file was read (a worker that cannot start means one thread).
    const read = io.env.KPI_DEBUG ? (file: string, threads: 1 | 2) => io.stderr.write(`kpi: read ${file} on ${threads === 2 ? 'two threads' : 'one thread'}\n`) : undefined;
    const twoThreads = readers === undefined ? undefined : { from: TWO_THREADS_FROM, readers, read };
    const data = loadProgramData(program, { mode: 'eval', root, overrides, cwd: io.cwd, twoThreads });
    const toRoot = (file: string) => path.relative(root, file).split(path.sep).join('/');
    const result = evaluateScorecard(program, data, { displayFile: toRoot });
    return { program, data, result, root, only };
  } finally {
    readers?.close();
  }
}

/** The size of a file in bytes, 0 when it cannot be read (the loader reports that later). */
function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** The diagnostics on stderr, `file:line:col` relative to the current folder, sorted. */
export function printDiagnostics(evaluation: Pick<Evaluation, 'result' | 'root'>, io: CliIo): void {
  const palette = paletteFor(io.stderr, io);
  const diagnostics = evaluation.result.diagnostics
    .map((d) => ({ ...d, file: displayFromCwd(path.resolve(evaluation.root, d.file), io.cwd) }))
    .sort(compareDiagnosticResults);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnosticLine(d, palette)}\n`);
}

/** The exit code once results are printed: unreadable data > definition errors > rejected rows. */
export function exitCodeOf(program: Program, data: ReadonlyMap<string, DatasetData>): ExitCode {
  const codes: ExitCode[] = [];
  if (program.diagnostics.some((d) => d.severity === 'error')) codes.push(ExitCode.definitions);
  for (const dataset of data.values()) {
    // An unsupported `from` extension is a definition error (KPI086), already counted above.
    if (dataset.status === 'unsupported') continue;
    if (dataset.status !== 'loaded') codes.push(ExitCode.io);
    else if (dataset.result.fatal || dataset.result.rowsRejected > 0 || dataset.result.missingColumns.length > 0) {
      codes.push(ExitCode.data);
    }
  }
  return worstExitCode(codes);
}

const UNREAD: Record<Exclude<DatasetData['status'], 'loaded'>, string> = {
  missing: 'file not found',
  outside: 'outside the workspace root',
  unreadable: 'cannot read the file',
  unsupported: 'unsupported file type',
};

/** Datasets whose file was not read, with the reason in a few words; a malformed file counts. */
function unreadDatasets(data: ReadonlyMap<string, DatasetData>): Map<string, string> {
  const unread = new Map<string, string>();
  for (const [name, dataset] of data) {
    if (dataset.status !== 'loaded') unread.set(name, UNREAD[dataset.status]);
    else if (dataset.result.fatal) unread.set(name, `malformed file (line ${dataset.result.fatal.line})`);
  }
  return unread;
}

/** `--kpi` names, checked against the KPIs and indices the file declares. */
function selectedMeasures(program: Program, names: readonly string[]): ReadonlySet<string> | undefined {
  if (names.length === 0) return undefined;
  const kindOf = new Map<string, Declared['kind']>();
  for (const declared of program.declarations.values()) {
    const name = declared.decl.name?.text;
    if (name !== undefined && !(kindOf.get(name) === 'kpi' || kindOf.get(name) === 'index')) kindOf.set(name, declared.kind);
  }
  const measures = [...kindOf].filter(([, kind]) => kind !== 'dataset').map(([name]) => name);
  for (const name of names) {
    const kind = kindOf.get(name);
    if (kind === 'kpi' || kind === 'index') continue;
    if (kind === 'dataset') throw usageError(`--kpi ${name}: ${name} is a dataset, not a KPI or index`);
    const suggestion = closestName(name, measures);
    throw usageError(`--kpi ${name}: no KPI or index named ${name}`
      + (suggestion ? ` (did you mean ${suggestion}?)` : measures.length ? ` (known: ${listed(measures)})` : ''));
  }
  return new Set(names);
}

/** `--data` overrides by dataset, checked against the datasets the file declares. */
function dataOverrides(program: Program, overrides: readonly DataOverride[]): Map<string, string> {
  const declared = program.datasets.map((d) => d.name);
  const byDataset = new Map<string, string>();
  for (const { dataset, path: file } of overrides) {
    if (!declared.includes(dataset)) {
      const suggestion = closestName(dataset, declared);
      throw usageError(`--data ${dataset}=${file}: no dataset named ${dataset}`
        + (suggestion ? ` (did you mean ${suggestion}?)` : '')
        + (declared.length ? `; datasets: ${listed(declared)}` : '; the file declares no datasets'));
    }
    if (byDataset.has(dataset)) throw usageError(`--data ${dataset} is given twice`);
    if (formatOfPath(file) === undefined) {
      throw usageError(`--data ${dataset}=${file}: unsupported file type; use .csv, .json, .jsonl or .ndjson`);
    }
    byDataset.set(dataset, file);
  }
  return byDataset;
}

function onlyMeasures(result: ScorecardResult, only: ReadonlySet<string> | undefined): ScorecardResult {
  return only ? { ...result, measures: result.measures.filter((m) => only.has(m.name)) } : result;
}

/** The result as the schema promises it; a mismatch is a bug in kpi, not the user's problem. */
export function validated(result: ScorecardResult): ScorecardResult {
  // Required here, not imported: the zod schemas are built only when a result is validated (result-check.ts).
  const { checkedResult } = require('./result-check') as typeof import('./result-check');
  return checkedResult(result);
}

function listed(names: readonly string[]): string {
  return [...names].sort().join(', ');
}
