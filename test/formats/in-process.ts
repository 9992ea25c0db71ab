/**
 * Runs the `kpi` command line in this process (`main` from server/cli/cli.ts
 * with captured streams), for the many cases where starting a real process
 * would only add startup time: the same commander wiring, options, output
 * and exit codes as bin/kpi.js, without colors (not a terminal, empty env).
 */

import * as assert from 'node:assert/strict';
import { main } from '../../server/cli/cli';
import type { CliIo } from '../../server/cli/io';
import { REPO } from '../cli/run-kpi';

export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
  stdoutLines: string[];
  stderrLines: string[];
}

export async function kpiInProcess(args: readonly string[], cwd: string = REPO): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    cwd,
    env: {},
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  const status = await main(args, io);
  assert.doesNotMatch(stderr, /\n\s+at /, `stack trace on stderr:\n${stderr}`);
  return { status, stdout, stderr, stdoutLines: lines(stdout), stderrLines: lines(stderr) };
}

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}
