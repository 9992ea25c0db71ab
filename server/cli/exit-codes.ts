/**
 * The exit codes of `kpi`, as documented in docs/cli.md. When several
 * failures apply, the most telling one wins: usage (2) > IO (3) >
 * definitions (1) > data (4) > gate (5); an internal error (70) ends the run
 * at once.
 */

export const ExitCode = {
  ok: 0,
  /** The `.kpi` definitions have errors. */
  definitions: 1,
  /** The command line is wrong: unknown option or name, missing argument. */
  usage: 2,
  /** A `.kpi` file or a data file is missing, unreadable or outside the root. */
  io: 3,
  /** Rows were rejected by the schema (or a data file is malformed); results still printed. */
  data: 4,
  /** A `--fail-on` gate tripped: a KPI at or past the named status (eval), or a status got worse (diff). */
  gate: 5,
  /** A bug in kpi. */
  internal: 70,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const PRIORITY: readonly ExitCode[] = [
  ExitCode.internal, ExitCode.usage, ExitCode.io, ExitCode.definitions, ExitCode.data, ExitCode.gate, ExitCode.ok,
];

/** The code to exit with when all of `codes` apply. */
export function worstExitCode(codes: Iterable<ExitCode>): ExitCode {
  let worst: ExitCode = ExitCode.ok;
  for (const code of codes) {
    if (PRIORITY.indexOf(code) < PRIORITY.indexOf(worst)) worst = code;
  }
  return worst;
}
