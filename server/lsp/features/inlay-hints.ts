/**
 * Inlay hints: each KPI's and index's live result after its header, e.g.
 * `97.4 min · breach (target <= 30 min)`, `no data`, `78.2 · warning · partial`.
 *
 * Only measures that were evaluated get a hint (a declaration with errors is
 * not in the plan). The target is shown when it is missed outright (breach,
 * critical): that is when the reader wants to know how far off it is.
 * With a git base (delta.ts), the change since it follows:
 * `57 · breach (target >= 80) · -2.3 vs main (was warning)`.
 */

import type { InlayHint, Range } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import type { MeasureResult } from '../../../grammar/results/schema';
import { formatCount, formatRows, formatThreshold, formatValue, NO_DATA, statusLabel } from '../../../grammar/results/format';
import { toPosition, toSpan } from '../convert';
import type { Snapshot } from '../workspace';
import { deltaHint } from './delta';
import { measureResult, measuresOf } from './lookup';

export function inlayHints(snapshot: Snapshot, source: SourceFile, range: Range): InlayHint[] {
  const wanted = toSpan(source.lines, range);
  const hints: InlayHint[] = [];
  for (const { decl, name } of measuresOf(source)) {
    const at = decl.header.end;
    if (at < wanted.start || at > wanted.end) continue;
    const result = measureResult(snapshot, name);
    if (!result) continue;
    const delta = deltaHint(snapshot, name);
    hints.push({
      position: toPosition(source.lines, at),
      label: delta === undefined ? hintLabel(result) : `${hintLabel(result)} · ${delta}`,
      paddingLeft: true,
      tooltip: rowsNote(result),
    });
  }
  return hints;
}

/** The one-line result: value, status, the missed target, partial. */
export function hintLabel(result: MeasureResult): string {
  if (result.value === null) return NO_DATA;
  let status = statusLabel(result.status);
  const target = result.thresholds.find((threshold) => threshold.level === 'target');
  if (target && (result.status === 'breach' || result.status === 'critical')) {
    status += ` (target ${formatThreshold(target, result.unit)})`;
  }
  const parts = [formatValue(result.value, result.unit), status];
  if (result.partial) parts.push('partial');
  return parts.join(' · ');
}

function rowsNote(result: MeasureResult): string {
  const skipped = result.rowsSkipped > 0 ? `, ${formatCount(result.rowsSkipped)} skipped` : '';
  return `${formatRows(result.rowsUsed)} used${skipped}`;
}
