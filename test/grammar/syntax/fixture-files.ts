/**
 * Fixture access for the syntax tests. Fixtures stay in the source tree
 * (test/grammar/syntax/fixtures) and are read at test time; paths are
 * resolved from the repository root, which is four levels above the compiled
 * test file (out/test/grammar/syntax).
 *
 * Error fixtures describe their expectations in comment lines, which the
 * parser ignores:
 *   // error: <message>                 one per expected error, in text order,
 *                                       matching the ⟦...⟧ ranges in order
 *   // declarations: kpi a, index b     the declarations expected in the tree
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'grammar', 'syntax', 'fixtures');

export function readRepoFile(...parts: string[]): string {
  return fs.readFileSync(path.join(REPO_ROOT, ...parts), 'utf8');
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/** The `.kpi` files of a fixture folder, sorted. */
export function fixtureNames(folder: string): string[] {
  return fs
    .readdirSync(path.join(FIXTURES, folder))
    .filter((name) => name.endsWith('.kpi'))
    .sort();
}

export interface FixtureExpectations {
  errors: string[];
  declarations: string[] | undefined;
}

export function expectationsOf(text: string): FixtureExpectations {
  const errors: string[] = [];
  let declarations: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    const error = /^\s*\/\/ error: (.*)$/.exec(line);
    if (error) errors.push(error[1]);
    const declared = /^\s*\/\/ declarations:(.*)$/.exec(line);
    if (declared) {
      declarations = declared[1]
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0);
    }
  }
  return { errors, declarations };
}

/** The ```kpi blocks of a markdown text. */
export function kpiBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```kpi\r?\n([\s\S]*?)```/g)].map((match) => match[1]);
}
