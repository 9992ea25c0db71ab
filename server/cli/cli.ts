/**
 * The `kpi` command line: commander wiring for `check`, `eval`, `report` and `lsp`,
 * and the one place failures become exit codes and messages.
 *
 * commander is told not to exit (`exitOverride`): its usage errors come back
 * as CommanderError and leave with code 2, never commander's default 1,
 * which `kpi` reserves for "the definitions have errors". Every failure is
 * one `kpi: ...` line on stderr; a stack trace only with KPI_DEBUG=1.
 * Commands are imported when run, so `--help`, `--version` and option
 * errors answer without loading the language core.
 */

import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CheckOptions } from './check';
import type { DiffOptions } from './diff';
import type { DataOverride, EvalOptions } from './eval';
import type { ReportOptions } from './report';
import { CliError } from './errors';
import { ExitCode } from './exit-codes';
import { CI_FORMATS } from './ci-formats';
import { reportFailure, type CliIo } from './io';
import { cliVersion } from './version';

/** Runs `kpi` with `argv` (the arguments after `kpi`); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.ok;
  const cli = buildCli(io, (code) => {
    exitCode = code;
  });
  try {
    await cli.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeForFailure(error, io);
  }
}

/**
 * Whether `argv` starts a command that serves until its client closes it
 * (`kpi lsp`), not one that ends when its output is written. Only `--help`
 * and `--version` can come before a command, and they end the run themselves.
 */
export function servesUntilClosed(argv: readonly string[]): boolean {
  const command = argv.find((arg) => !arg.startsWith('-'));
  return command === 'lsp' && !argv.some((arg) => arg === '-h' || arg === '--help' || arg === '-v' || arg === '--version');
}

function buildCli(io: CliIo, setExitCode: (code: ExitCode) => void): Command {
  const cli = new Command('kpi')
    .description('Check and evaluate customer-satisfaction KPI definitions (.kpi files).')
    .version(cliVersion(), '-v, --version', 'print the version of kpi')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`kpi: ${usageMessage(text)}\n`),
    })
    .addHelpText('after', `
Examples:
  kpi check                                 check every .kpi file below the current folder
  kpi eval scorecard.kpi                    print the scorecard as a table
  kpi eval scorecard.kpi --format json      the results as JSON (for reports and diffs)
  kpi diff origin/main --format markdown    what a branch changes in the scorecards, for a PR comment
  kpi report scorecard.kpi -o report.html   a self-contained HTML report with charts
  kpi lsp --stdio                           run the language server for an editor

Exit codes: 0 ok, 1 definitions have errors, 2 usage error, 3 file missing or unreadable,
4 rows rejected by the schema, 5 a --fail-on gate tripped, 70 internal error. See docs/cli.md.`);

  cli.command('check')
    .description('Report the problems of .kpi files and their data files; exit 1 if any is an error.')
    .argument('[paths...]', '.kpi files or folders (searched recursively)', [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', ...CI_FORMATS]).default('text'))
    .option('--root <dir>', 'workspace root that data paths must stay inside (default: nearest folder with .git)')
    .addHelpText('after', `
Prints one line per problem, \`file:line:col: severity KPI0xx message\`, then a summary on stderr.
markdown, junit, sarif and github are for CI (docs/ci.md); their paths are relative to the workspace root.

Examples:
  kpi check                          every .kpi file below the current folder
  kpi check samples/after-sales      one folder
  kpi check scorecard.kpi --format json
  kpi check --format sarif > kpi.sarif`)
    .action(async (paths: string[], options: CheckOptions) => {
      const { runCheck } = await import('./check');
      setExitCode(runCheck(paths, options, io));
    });

  cli.command('eval')
    .description('Evaluate a scorecard against its data and print the results.')
    .argument('<file>', 'the .kpi file to evaluate')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', ...CI_FORMATS]).default('table'))
    .addOption(new Option('--fail-on <status>', 'exit 5 when a KPI or index shown is at this status or worse')
      .choices(['breach', 'warning', 'never']).default('never'))
    .option('--kpi <name>', 'show only this KPI or index (repeatable)', collect, [])
    .option('--data <name=path>', "read dataset NAME from PATH instead of its `from` file (repeatable)",
      collectDataOverride, [])
    .option('--root <dir>', 'workspace root that data paths must stay inside (default: nearest folder with .git)')
    .addHelpText('after', `
Examples:
  kpi eval scorecard.kpi
  kpi eval scorecard.kpi --kpi csat --kpi satisfaction
  kpi eval scorecard.kpi --data tickets=exports/tickets-2025-03.csv --format json
  kpi eval scorecard.kpi --format markdown >> "$GITHUB_STEP_SUMMARY"
  kpi eval scorecard.kpi --format github --fail-on breach`)
    .action(async (file: string, options: EvalOptions) => {
      const { runEval } = await import('./eval');
      setExitCode(runEval(file, options, io));
    });

  cli.command('report')
    .description('Evaluate a scorecard and write the results as a self-contained HTML report with charts.')
    .argument('<file>', 'the .kpi file to evaluate')
    .requiredOption('-o, --output <file>', 'the HTML file to write (replaced atomically); - for stdout')
    .addOption(new Option('--theme <theme>', 'page colors; auto follows the viewer\'s light or dark preference')
      .choices(['light', 'dark', 'auto']).default('auto'))
    .option('--title <text>', 'the report\'s title (default: KPI report: FILE NAME)')
    .option('--data <name=path>', "read dataset NAME from PATH instead of its `from` file (repeatable)",
      collectDataOverride, [])
    .option('--root <dir>', 'workspace root that data paths must stay inside (default: nearest folder with .git)')
    .addHelpText('after', `
The report needs no network and no other file: open it in any browser, attach it to a CI run.
Exit codes are eval's; the report is written even when the code is not 0.

Examples:
  kpi report scorecard.kpi -o report.html
  kpi report scorecard.kpi -o report.html --theme dark --title "After-sales, March"
  kpi report scorecard.kpi --data tickets=exports/tickets-2025-03.csv -o march.html`)
    .action(async (file: string, options: ReportOptions) => {
      const { runReport } = await import('./report');
      setExitCode(runReport(file, options, io));
    });

  cli.command('diff')
    .description('Compare the scorecards at two git revisions, or in two folders: values, statuses and definitions.')
    .argument('<base>', 'the base revision (e.g. origin/main), or a folder')
    .argument('[head-and-files...]', 'the head revision or folder (default: the working tree), then .kpi files to compare')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
    .addOption(new Option('--fail-on <what>', 'exit 5 when a status got worse, or a KPI is in breach on HEAD')
      .choices(['worse', 'breach', 'never']).default('never'))
    .option('--data <name=path>', 'read dataset NAME from PATH on both sides (repeatable)', collectDataOverride, [])
    .addHelpText('after', `
HEAD is the second argument unless it ends in .kpi. FILES are relative to the repository root;
without FILES, every .kpi file that declares a KPI or index and is not imported by another is compared.

Examples:
  kpi diff origin/main                       the working tree against origin/main
  kpi diff main feature --format markdown    two revisions, as a pull-request comment
  kpi diff HEAD~1 samples/after-sales/after-sales.kpi
  kpi diff before/ after/                    two folders
  kpi diff origin/main --fail-on worse       exit 5 when any status got worse`)
    .action(async (base: string, rest: string[], options: DiffOptions) => {
      const { runDiff } = await import('./diff');
      setExitCode(runDiff([base, ...rest], options, io));
    });

  cli.command('lsp')
    .description('Run the KPI language server over stdin/stdout (for editors).')
    .option('--stdio', 'talk LSP over stdin and stdout (the default and only transport)')
    // Language clients add their own flags (e.g. --clientProcessId=123, a second --stdio);
    // the server reads them itself, so neither unknown options nor extra arguments are usage errors.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', `
Example (any LSP client):
  command: kpi lsp --stdio`)
    .action(async () => {
      const { runLanguageServer } = await import('./lsp');
      runLanguageServer();
    });

  return cli;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectDataOverride(value: string, previous: DataOverride[]): DataOverride[] {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected NAME=PATH, e.g. --data tickets=exports/tickets.csv');
  return [...previous, { dataset: match[1], path: match[2] }];
}

/** commander's `error: ...` text (and its "Did you mean" line) as one line without the prefix. */
function usageMessage(text: string): string {
  return text
    .trim()
    .replace(/^error: /, '')
    .replace(/\s*\n\s*\(Did you mean (.*)\)\s*$/s, ' (did you mean $1)')
    .replace(/\s*\n\s*/g, ' ');
}

function exitCodeForFailure(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CommanderError) {
    // Help and version end "successfully"; bare `kpi` prints help with exit code 1: a usage error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    if (error.code === 'commander.help' && error.exitCode === 0) return ExitCode.ok;
    return ExitCode.usage;
  }
  if (error instanceof CliError) {
    reportFailure(io, error.message);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (io.env.KPI_DEBUG === '1') {
    reportFailure(io, `internal error: ${message}`);
    io.stderr.write(`${error instanceof Error ? error.stack ?? '' : ''}\n`);
  } else {
    reportFailure(io, `internal error: ${message} (set KPI_DEBUG=1 for details)`);
  }
  return ExitCode.internal;
}
