/**
 * Where tests find the repository's files from their compiled location
 * (out/test/...), so fixtures are read from the source tree, never copied.
 */

import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../../..');

export function fromRoot(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}
