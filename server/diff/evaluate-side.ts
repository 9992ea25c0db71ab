/**
 * Evaluates one entry `.kpi` file on one side of a diff: analyse it through
 * a RevisionHost, load its data from the same side, evaluate. File names in
 * the result are the side's root-relative paths, as given.
 */

import { analyze } from '../../grammar/analyze';
import type { DatasetData, Program } from '../../grammar/program';
import { evaluateScorecard } from '../../grammar/scorecard';
import type { ScorecardResult } from '../../grammar/results/schema';
import type { FileTree } from '../host/file-tree';
import { RevisionHost, loadRevisionData, type RevisionDataOptions } from '../host/revision-host';

export interface SideScorecard {
  entry: string;
  program: Program;
  result: ScorecardResult;
  data: ReadonlyMap<string, DatasetData>;
  /** sha-256 of each dataset's file by dataset name; null when not read from the side. */
  digests: ReadonlyMap<string, string | null>;
}

/** The evaluation of `entry` on `tree`; undefined when the side has no such file. */
export function evaluateSide(tree: FileTree, entry: string, options: RevisionDataOptions): SideScorecard | undefined {
  const host = new RevisionHost(tree);
  if (host.readKpi(entry) === undefined) return undefined;
  const program = analyze(entry, host);
  const { data, digests } = loadRevisionData(program, tree, options);
  const result = evaluateScorecard(program, data, { displayFile: (file) => file });
  return { entry, program, result, data, digests };
}
