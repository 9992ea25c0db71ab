/**
 * The headline of an open file for `kpi/resultsChanged` (the client's status
 * bar): the last index the file itself declares, or its first KPI when it
 * declares no index; null when it declares neither or has no results.
 */

import type { MeasureResult } from '../../../grammar/results/schema';
import { formatValue } from '../../../grammar/results/format';
import type { HeadlineSummary } from '../protocol';
import type { Snapshot } from '../workspace';

export function headline(snapshot: Snapshot): HeadlineSummary | null {
  const source = snapshot.program.files.get(snapshot.file);
  const scorecard = snapshot.scorecard;
  if (!source || !scorecard) return null;
  const declared = source.ast.declarations;
  const indices = declared.filter((decl) => decl.kind === 'index' && decl.name);
  const kpis = declared.filter((decl) => decl.kind === 'kpi' && decl.name);
  const chosen = indices.length > 0 ? indices[indices.length - 1] : kpis[0];
  if (!chosen || (chosen.kind !== 'index' && chosen.kind !== 'kpi') || !chosen.name) return null;
  const name = chosen.name.text;
  const result = scorecard.measures.find((measure: MeasureResult) => measure.name === name);
  if (!result) return null;
  return { name, title: result.title, value: formatValue(result.value, result.unit), status: result.status };
}
