/**
 * The process entry of `kpi` (bundled to dist/kpi.js, started by bin/kpi.js):
 * binds the real process to the CLI and sets the exit code. Nothing else.
 * The exit code is set, not forced with process.exit, so piped output is
 * written in full and `kpi lsp` keeps running.
 */

import { main } from './cli';
import { ExitCode } from './exit-codes';

// `kpi eval ... | head` closes the pipe early: not an error worth a message. Any
// other failure to write results is one line, like every failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`kpi: cannot write the results: ${error.message}\n`);
  process.exit(ExitCode.io);
});

main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // main handles its own failures; reaching here is a bug in that handling.
    process.stderr.write(`kpi: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = ExitCode.internal;
  },
);
