/**
 * The inputs every command shares: the `.kpi` entry file (must be readable,
 * else an IO error naming it as the user typed it) and the `--root` option
 * (must be an existing folder, else a usage error).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NodeSourceHost } from '../host/node-source-host';
import { ioError, usageError } from './errors';

/** The absolute path of `given`, after making sure `host` can read it. */
export function readEntryFile(host: NodeSourceHost, given: string, cwd: string): string {
  const file = path.resolve(cwd, given);
  if (host.readKpi(file) === undefined) {
    throw ioError(`cannot read ${given}: ${host.failureOf(file) ?? 'unknown error'}`);
  }
  return file;
}

/** `--root DIR` as an absolute path; undefined when not given. */
export function resolveRootOption(given: string | undefined, cwd: string): string | undefined {
  if (given === undefined) return undefined;
  const root = path.resolve(cwd, given);
  let isFolder = false;
  try {
    isFolder = fs.statSync(root).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw usageError(`--root ${given}: no such folder`);
  return root;
}
