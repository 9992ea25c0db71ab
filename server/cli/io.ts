/**
 * What a command touches of the outside world, passed in rather than reached
 * for: the current folder, the environment and the two output streams.
 * Results go to `stdout`; messages, diagnostics of `eval` and summaries go to
 * `stderr`.
 */

import { createPalette, shouldColor, type Palette } from './color';

export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width, when a terminal. */
  columns?: number;
}

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
}

export function paletteFor(stream: OutputStream, io: CliIo): Palette {
  return createPalette(shouldColor(stream, io.env));
}

/** Writes `kpi: <message>` on stderr: the one-line form of every failure. */
export function reportFailure(io: CliIo, message: string): void {
  io.stderr.write(`kpi: ${message}\n`);
}
