/**
 * Binds the real process to the CLI: runs `kpi` with the process's arguments,
 * folder, environment and streams, and ends the process with the exit code.
 * Both ways `kpi` starts share it: dist/kpi.js (main.ts, loaded by
 * bin/kpi.js) and the startup snapshot (snapshot-entry.ts).
 *
 * A one-shot command (check, eval, report, diff) ends the process as soon as
 * its output has reached the OS: process.exit runs only in the callback of a
 * last (empty) write to stdout and then stderr, so piped or redirected output
 * is written in full. Leaving instead when the event loop runs dry would also
 * wait for V8's garbage-collection tasks the run left behind (a mark-compact
 * finishing in the background: ~10 ms at 100,000 rows, a twentieth of the
 * whole `kpi eval`; bench/README.md). `kpi lsp` keeps running until its client
 * closes it.
 */

import { main, servesUntilClosed } from './cli';
import { ExitCode } from './exit-codes';

/** Runs `kpi argv...` (the arguments after `kpi`) as this process. */
export function runKpiProcess(argv: readonly string[]): void {
  // `kpi eval ... | head` closes the pipe early: not an error worth a message. Any
  // other failure to write results is one line, like every failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`kpi: cannot write the results: ${error.message}\n`);
    process.exit(ExitCode.io);
  });

  main(argv, {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then(
    (code) => {
      process.exitCode = code;
      if (!servesUntilClosed(argv)) exitOnceWritten(code);
    },
    (error: unknown) => {
      // main handles its own failures; reaching here is a bug in that handling.
      process.stderr.write(`kpi: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.internal;
    },
  );
}

/** process.exit(code) once everything written to stdout and stderr so far is flushed. */
function exitOnceWritten(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
