/**
 * The headline index at the top of the report: its value, status and target,
 * and what each component contributes. The headline is the last index the
 * evaluated file itself declares (the editor's status bar picks the same),
 * else the last index at all; a scorecard without an index has none.
 */

import type { MeasureResult, ScorecardResult } from '../../../grammar/results/schema';
import { measureLabel, statusBadge, thresholdsLine, valueText } from '../cells';
import { anchorId, escapeHtml } from '../html';
import { renderComponentsSlot } from './components';

export function headlineIndex(result: ScorecardResult): MeasureResult | undefined {
  const indices = result.measures.filter((measure) => measure.kind === 'index');
  const own = indices.filter((index) => index.file === result.file);
  return own.at(-1) ?? indices.at(-1);
}

export function renderHeadline(index: MeasureResult, result: ScorecardResult): string {
  const targets = thresholdsLine(index);
  return `<section class="headline card" aria-label="Headline index">
<div class="summary">
<h2 class="headline-title"><a href="#${escapeHtml(anchorId('kpi', index.name))}">${measureLabel(index)}</a></h2>
<div class="big">${valueText(index.value, index.unit)}</div>
${statusBadge(index.status)}
<div class="targets">${targets === '' ? 'no target' : targets}</div>
</div>
${renderComponentsSlot(index, result)}
</section>`;
}
