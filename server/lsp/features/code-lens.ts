/**
 * Code lenses above each evaluated KPI and index: how many rows the value
 * rests on (`5,000 rows used · 120 skipped`, plus `first 200,000 rows` when
 * the row limit cut a data file short), and `Show breakdown`, which runs the
 * client's `kpi.showBreakdown` command with `{ uri, name }` when the measure
 * has segments or periods to show.
 *
 * The rows lens is information only: its command is empty, which clients
 * render as plain text.
 */

import type { CodeLens } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import type { MeasureResult } from '../../../grammar/results/schema';
import { formatCount, formatRows } from '../../../grammar/results/format';
import { toRange } from '../convert';
import { SHOW_BREAKDOWN_COMMAND, type ShowBreakdownArguments } from '../protocol';
import type { Snapshot } from '../workspace';
import { datasetsRead, measureResult, measuresOf } from './lookup';

export function codeLenses(snapshot: Snapshot, source: SourceFile, uri: string): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const { decl, name } of measuresOf(source)) {
    const result = measureResult(snapshot, name);
    if (!result) continue;
    const range = toRange(source.lines, decl.header);
    lenses.push({ range, command: { title: rowsTitle(snapshot, result), command: '' } });
    if (result.breakdowns.length > 0 || result.trend !== null) {
      const args: ShowBreakdownArguments = { uri, name };
      lenses.push({ range, command: { title: 'Show breakdown', command: SHOW_BREAKDOWN_COMMAND, arguments: [args] } });
    }
  }
  return lenses;
}

function rowsTitle(snapshot: Snapshot, result: MeasureResult): string {
  const parts = [`${formatRows(result.rowsUsed)} used`];
  if (result.rowsSkipped > 0) parts.push(`${formatCount(result.rowsSkipped)} skipped`);
  if (truncatedFor(snapshot, result.name).length > 0) parts.push(`first ${formatCount(snapshot.maxRows)} rows`);
  return parts.join(' · ');
}

/** The datasets this measure reads that were cut short by the row limit. */
export function truncatedFor(snapshot: Snapshot, name: string): string[] {
  return [...datasetsRead(snapshot.program, name)].filter((dataset) => snapshot.truncated.has(dataset));
}
