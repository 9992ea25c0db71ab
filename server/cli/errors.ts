/**
 * CliError: a failure the user can act on, with its exit code. The top-level
 * handler prints its message as one line (`kpi: <message>`), never a stack
 * trace; anything else thrown is an internal error (exit 70).
 */

import { ExitCode } from './exit-codes';

export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

export function ioError(message: string): CliError {
  return new CliError(message, ExitCode.io);
}
