/**
 * One section per KPI and index: its value and status, then a chart slot per
 * view of it: the trend by period (with the change from each previous
 * period) and one per breakdown column (one row per segment). An index other
 * than the headline also gets its components here. Periods and segments
 * without data say "no data", never 0.
 */

import type { Breakdown, MeasureResult, ScorecardResult, Trend } from '../../../grammar/results/schema';
import {
  changeText, countText, measureLabel, segmentText, statusBadge, thresholdsLine, valueText,
} from '../cells';
import { formatRows } from '../../../grammar/results/format';
import { anchorId, escapeHtml } from '../html';
import { renderComponentsSlot } from './components';
import { renderChartSlot } from './figure';

export function renderMeasure(measure: MeasureResult, result: ScorecardResult, headline: MeasureResult | undefined): string {
  const slots: string[] = [];
  if (measure.kind === 'index' && measure !== headline && (measure.components?.length ?? 0) > 0) {
    slots.push(renderComponentsSlot(measure, result));
  }
  if (measure.trend && measure.trend.periods.length > 0) slots.push(trendSlot(measure, measure.trend));
  measure.breakdowns.forEach((breakdown, index) => {
    if (breakdown.segments.length > 0) slots.push(breakdownSlot(measure, breakdown, index));
  });
  const targets = thresholdsLine(measure);
  const kind = measure.kind === 'index' ? '<span class="kind">index</span>' : '';
  const none = measure === headline ? 'Its components are at the top of the report.' : 'No trend or breakdown declared.';
  const body = slots.length > 0 ? `<div class="charts">\n${slots.join('\n')}\n</div>` : `<p class="muted">${none}</p>`;
  return `<article class="measure card" id="${escapeHtml(anchorId('kpi', measure.name))}">
<header>
<h3>${measureLabel(measure)}${kind}</h3>
<span class="value">${valueText(measure.value, measure.unit)}</span>
${statusBadge(measure.status)}
<span class="muted">${targets === '' ? 'no target' : targets}</span>
<span class="muted">${formatRows(measure.rowsUsed)} used, ${countText(measure.rowsSkipped)} skipped${measure.partial ? ', partial' : ''}</span>
</header>
${body}
</article>`;
}

function trendSlot(measure: MeasureResult, trend: Trend): string {
  const rows = trend.periods.map((period) => {
    const partial = period.partial ? ' <span class="muted">(partial)</span>' : '';
    return `<tr><th scope="row">${escapeHtml(period.period)}${partial}</th>`
      + `<td class="num">${valueText(period.value, measure.unit)}</td>`
      + `<td class="num">${changeText(period.change, measure)}</td>`
      + `<td>${statusBadge(period.status)}</td>`
      + `<td class="num">${countText(period.rowsUsed)}</td><td class="num">${countText(period.rowsSkipped)}</td></tr>`;
  });
  const table = `<table>
<thead><tr><th scope="col">${escapeHtml(capitalized(trend.period))}</th><th scope="col" class="num">Value</th><th scope="col" class="num">Change</th>`
    + `<th scope="col">Status</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Skipped</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  const caption = `Trend by ${escapeHtml(trend.period)} <span class="muted">(${escapeHtml(trend.dataset)}.${escapeHtml(trend.column)})</span>`;
  return renderChartSlot({ kind: 'trend', measure: measure.name, caption, table });
}

function breakdownSlot(measure: MeasureResult, breakdown: Breakdown, index: number): string {
  const rows = breakdown.segments.map((segment) => {
    const partial = segment.partial ? ' <span class="muted">(partial)</span>' : '';
    return `<tr><th scope="row">${segmentText(segment.segment)}${partial}</th>`
      + `<td class="num">${valueText(segment.value, measure.unit)}</td>`
      + `<td>${statusBadge(segment.status)}</td>`
      + `<td class="num">${countText(segment.rowsUsed)}</td><td class="num">${countText(segment.rowsSkipped)}</td></tr>`;
  });
  const table = `<table>
<thead><tr><th scope="col">${escapeHtml(breakdown.column)}</th><th scope="col" class="num">Value</th><th scope="col">Status</th>`
    + `<th scope="col" class="num">Rows</th><th scope="col" class="num">Skipped</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  const caption = `By ${escapeHtml(breakdown.column)} <span class="muted">(${escapeHtml(breakdown.dataset)})</span>`;
  return renderChartSlot({ kind: 'breakdown', measure: measure.name, breakdown: index, caption, table });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
