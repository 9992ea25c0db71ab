/**
 * An index's components: how much each contributes to the index value
 * (effective weight x score). A contributions chart slot over a table of
 * weight, value (in the component's own unit), score and contribution; when
 * the index is partial, the renormalised weights get their own column.
 */

import { formatScore, formatWeight } from '../../../grammar/results/format';
import type { ComponentResult, MeasureResult, ScorecardResult, Unit } from '../../../grammar/results/schema';
import { valueText } from '../cells';
import { anchorId, escapeHtml } from '../html';
import { renderChartSlot } from './figure';

export function renderComponentsSlot(index: MeasureResult, result: ScorecardResult): string {
  const components = index.components ?? [];
  const caption = `Contributions to ${escapeHtml(index.title ?? index.name)}`
    + (index.partial ? ' <span class="muted">(partial: weights renormalised over components with data)</span>' : '');
  return renderChartSlot({ kind: 'contributions', measure: index.name, caption, table: componentsTable(index, components, result) });
}

function componentsTable(index: MeasureResult, components: readonly ComponentResult[], result: ScorecardResult): string {
  const effective = index.partial;
  const head = '<tr><th scope="col">Component</th><th scope="col" class="num">Weight</th>'
    + (effective ? '<th scope="col" class="num">Effective</th>' : '')
    + '<th scope="col" class="num">Value</th><th scope="col" class="num">Score</th><th scope="col" class="num">Contribution</th></tr>';
  const rows = components.map((component) => {
    const measure = result.measures.find((candidate) => candidate.name === component.name);
    const name = measure
      ? `<a href="#${escapeHtml(anchorId('kpi', component.name))}"><code>${escapeHtml(component.name)}</code></a>`
      : `<code>${escapeHtml(component.name)}</code>`;
    const unit: Unit = measure?.unit ?? 'none';
    return `<tr><th scope="row">${name}</th><td class="num">${escapeHtml(formatWeight(component.weight))}</td>`
      + (effective ? `<td class="num">${escapeHtml(formatWeight(component.effectiveWeight))}</td>` : '')
      + `<td class="num">${valueText(component.value, unit)}</td>`
      + `<td class="num">${valueText(component.score, 'score')}</td>`
      + `<td class="num">${valueText(component.contribution, 'score')}</td></tr>`;
  });
  const span = effective ? 4 : 3;
  const total = `<tr><th scope="row">${escapeHtml(index.title ?? index.name)}</th><td colspan="${span}"></td>`
    + `<td class="num"><strong>${escapeHtml(formatScore(index.value))}</strong></td></tr>`;
  return `<table class="components">
<thead>${head}</thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>${total}</tfoot>
</table>`;
}
