/**
 * `kpi report FILE -o report.html`: evaluate a scorecard like `kpi eval` and
 * write the results as one self-contained HTML page (server/report/render.ts)
 * with the charts drawn in the browser.
 *
 * The file is written atomically (a temporary file beside it, then renamed),
 * so a reader never sees half a report and a failed run leaves the previous
 * report in place. `-o -` writes the page to stdout. Diagnostics go to stderr
 * and the exit code is eval's: the report is written whatever the code.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderReport } from '../report/render';
import { ioError } from './errors';
import { evaluateFile, exitCodeOf, printDiagnostics, validated, type DataOverride } from './eval';
import type { ExitCode } from './exit-codes';
import type { CliIo } from './io';

export interface ReportOptions {
  /** `-o FILE`; `-` for stdout. */
  output: string;
  theme: 'light' | 'dark' | 'auto';
  title?: string;
  /** `--data NAME=PATH`, repeatable. */
  data: DataOverride[];
  root?: string;
}

export function runReport(fileArg: string, options: ReportOptions, io: CliIo): ExitCode {
  const evaluation = evaluateFile(fileArg, options, io);
  const html = renderReport(validated(evaluation.result), { theme: options.theme, title: options.title });
  if (options.output === '-') io.stdout.write(html);
  else writeAtomically(path.resolve(io.cwd, options.output), options.output, html);
  printDiagnostics(evaluation, io);
  if (options.output !== '-') io.stderr.write(`report written to ${options.output}\n`);
  return exitCodeOf(evaluation.program, evaluation.data);
}

/** Writes `text` to `file` through a temporary file in the same folder (rename is atomic there). */
function writeAtomically(file: string, given: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx' });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw ioError(`cannot write ${given}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}
