/**
 * The scorecard at a glance: one row per KPI and index, in declaration order,
 * with value, target, status, rows used and skipped, and the change of the
 * latest period from the one before (when the measure has a trend). Each
 * name links to the measure's section below.
 */

import type { MeasureResult, ScorecardResult } from '../../../grammar/results/schema';
import { changeText, countText, measureLabel, statusBadge, thresholdText, valueText } from '../cells';
import { anchorId, escapeHtml } from '../html';

export function renderKpiTable(result: ScorecardResult): string {
  if (result.measures.length === 0) return '<section aria-label="KPIs"><h2>KPIs</h2><p class="muted">No KPI could be evaluated.</p></section>';
  return `<section aria-label="KPIs">
<h2>KPIs</h2>
<table class="kpis">
<thead><tr><th scope="col">KPI</th><th scope="col" class="num">Value</th><th scope="col" class="num">Target</th>`
    + `<th scope="col">Status</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Skipped</th>`
    + `<th scope="col" class="num">Change</th></tr></thead>
<tbody>
${result.measures.map(kpiRow).join('\n')}
</tbody>
</table>
</section>`;
}

function kpiRow(measure: MeasureResult): string {
  const kind = measure.kind === 'index' ? '<span class="kind">index</span>' : '';
  const partial = measure.partial ? ' <span class="muted">(partial)</span>' : '';
  const target = thresholdText(measure.thresholds, 'target', measure.unit);
  const warn = thresholdText(measure.thresholds, 'warn', measure.unit);
  const targetCell = target === undefined
    ? '<span class="muted">none</span>'
    : target + (warn === undefined ? '' : `<br><span class="muted">warn ${warn}</span>`);
  return `<tr><th scope="row"><a href="#${escapeHtml(anchorId('kpi', measure.name))}">${measureLabel(measure)}</a>${kind}</th>`
    + `<td class="num">${valueText(measure.value, measure.unit)}${partial}</td>`
    + `<td class="num">${targetCell}</td>`
    + `<td>${statusBadge(measure.status)}</td>`
    + `<td class="num">${countText(measure.rowsUsed)}</td>`
    + `<td class="num">${countText(measure.rowsSkipped)}</td>`
    + `<td class="num">${latestChange(measure)}</td></tr>`;
}

/** The latest period's change, labelled with the period; a dash without a trend. */
function latestChange(measure: MeasureResult): string {
  const latest = measure.trend?.periods.at(-1);
  if (!latest) return '<span class="muted" title="no trend">\u2014</span>';
  return `${changeText(latest.change, measure)}<br><span class="muted">${escapeHtml(latest.period)}</span>`;
}
