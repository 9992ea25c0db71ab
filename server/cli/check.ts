/**
 * `kpi check [paths...]`: the CI gate. Every `.kpi` file named or found under
 * a named folder is analysed as an entry, and its data checked in full (all
 * declared columns, key uniqueness). Diagnostics of all files are printed
 * once each (a file imported by two entries is reported once), sorted by
 * file and position, on stdout; a summary line goes to stderr.
 *
 * The CI formats (markdown, junit, sarif, github) print paths relative to
 * the workspace root (`--root`, else the repository around the current
 * folder, else the current folder), the form code hosts resolve.
 *
 * Exit: 0 without errors (warnings allowed), 1 with any error diagnostic
 * (data diagnostics included), 3 when a named path cannot be read.
 */

import * as path from 'node:path';
import * as z from 'zod';
import { analyze } from '../../grammar/analyze';
import { checkData } from '../../grammar/scorecard';
import type { DatasetData } from '../../grammar/program';
import { DiagnosticResultSchema, type DiagnosticResult } from '../../grammar/results/schema';
import { NodeSourceHost } from '../host/node-source-host';
import { enclosingRepository, findWorkspaceRoot } from '../host/workspace-root';
import { loadDataset } from '../host/load-data';
import { findKpiFiles } from '../host/project-files';
import { ExitCode, worstExitCode } from './exit-codes';
import { CliError, usageError } from './errors';
import { paletteFor, reportFailure, type CliIo } from './io';
import { readEntryFile, resolveRootOption } from './inputs';
import { renderCiFormat, type CiFormat } from './ci-formats';
import {
  compareDiagnosticResults, countDiagnostics, diagnosticKey, displayFromCwd, formatDiagnosticLine, formatSummary,
  toDiagnosticResult,
} from './render-diagnostics';

export interface CheckOptions {
  format: 'text' | 'json' | CiFormat;
  root?: string;
}

export function runCheck(pathArgs: readonly string[], options: CheckOptions, io: CliIo): ExitCode {
  const explicitRoot = resolveRootOption(options.root, io.cwd);
  const codes: ExitCode[] = [];
  const entries: Array<{ file: string; given: string }> = [];
  const targets = pathArgs.length > 0 ? pathArgs : ['.'];
  for (const given of targets) {
    const found = findKpiFiles(path.resolve(io.cwd, given), given);
    if (typeof found === 'string') {
      reportFailure(io, found);
      codes.push(ExitCode.io);
    } else {
      for (const file of found) entries.push({ file, given: displayFromCwd(file, io.cwd) });
    }
  }
  if (entries.length === 0 && codes.length === 0) throw usageError(`no .kpi files found in ${targets.join(', ')}`);

  const host = new NodeSourceHost();
  const dataCache = new Map<string, DatasetData>();
  const reported = new Set<string>();
  const analysed = new Set<string>();
  const results: DiagnosticResult[] = [];
  const reportRoot = explicitRoot ?? enclosingRepository(io.cwd) ?? io.cwd;
  const display = options.format === 'text' || options.format === 'json'
    ? (file: string) => displayFromCwd(file, io.cwd)
    : (file: string) => path.relative(reportRoot, file).split(path.sep).join('/');
  for (const { file, given } of uniqueBy(entries, (e) => e.file)) {
    try {
      readEntryFile(host, given, io.cwd);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      reportFailure(io, error.message);
      codes.push(error.exitCode);
      continue;
    }
    const program = analyze(file, host);
    for (const f of program.files.keys()) analysed.add(f);
    const root = findWorkspaceRoot(file, explicitRoot);
    const data = new Map<string, DatasetData>();
    for (const binding of program.datasets) {
      // One load per declaration: entries importing the same dataset share it.
      const key = `${binding.file}\u0000${binding.name}\u0000${root}`;
      let loaded = dataCache.get(key);
      if (!loaded) {
        loaded = loadDataset(binding, { mode: 'check', root, cwd: io.cwd });
        dataCache.set(key, loaded);
      }
      if (!data.has(binding.name)) data.set(binding.name, loaded);
    }
    for (const diagnostic of [...program.diagnostics, ...checkData(program, data)]) {
      const key = diagnosticKey(diagnostic);
      if (reported.has(key)) continue;
      reported.add(key);
      results.push(toDiagnosticResult(diagnostic, program.files, display));
    }
  }
  results.sort(compareDiagnosticResults);

  if (options.format === 'json') {
    io.stdout.write(`${JSON.stringify(z.array(DiagnosticResultSchema).parse(results), null, 2)}\n`);
  } else if (options.format === 'text') {
    const palette = paletteFor(io.stdout, io);
    for (const d of results) io.stdout.write(`${formatDiagnosticLine(d, palette)}\n`);
  } else {
    const files = [...analysed].map(display).sort();
    io.stdout.write(renderCiFormat(options.format, { diagnostics: results, files }));
  }
  const counts = countDiagnostics(results);
  io.stderr.write(`${formatSummary(counts, analysed.size)}\n`);
  if (counts.errors > 0) codes.push(ExitCode.definitions);
  return worstExitCode(codes);
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)) !== undefined);
}
