/**
 * The top of the report: its title, the evaluated file, one row per dataset
 * (its source, rows read and rows rejected) and, when there are any, the
 * diagnostics in the `file:line:col` form the CLI prints.
 */

import type { DiagnosticResult, ScorecardResult } from '../../../grammar/results/schema';
import { countText } from '../cells';
import { escapeHtml } from '../html';

export function renderHeader(result: ScorecardResult, title: string): string {
  return `<header class="report">
<h1>${escapeHtml(title)}</h1>
<p class="file">Scorecard <code>${escapeHtml(result.file)}</code></p>
${renderDatasets(result)}
${renderProblems(result.diagnostics)}
</header>`;
}

function renderDatasets(result: ScorecardResult): string {
  if (result.datasets.length === 0) return '<p class="muted">No datasets.</p>';
  const rows = result.datasets
    .map((dataset) => {
      const rejected = dataset.rowsRejected > 0 ? ' class="num worse"' : ' class="num"';
      return `<tr><td><code>${escapeHtml(dataset.name)}</code></td><td><code>${escapeHtml(dataset.source)}</code></td>`
        + `<td class="num">${countText(dataset.rowsRead)}</td><td${rejected}>${countText(dataset.rowsRejected)}</td></tr>`;
    })
    .join('\n');
  return `<table class="datasets">
<thead><tr><th scope="col">Dataset</th><th scope="col">Source</th><th scope="col" class="num">Rows read</th><th scope="col" class="num">Rejected</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

function renderProblems(diagnostics: readonly DiagnosticResult[]): string {
  if (diagnostics.length === 0) return '';
  const items = diagnostics
    .map((d) => `<li class="${d.severity}"><code>${escapeHtml(`${d.file}:${d.line}:${d.column}`)}</code> `
      + `${escapeHtml(d.severity)} ${escapeHtml(d.code)} ${escapeHtml(d.message)}</li>`)
    .join('\n');
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const summary = errors > 0
    ? `${errors} error${errors === 1 ? '' : 's'}: measures with errors are left out of this report`
    : `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`;
  return `<section class="problems" aria-label="Problems">
<p>${escapeHtml(summary)}</p>
<ul>
${items}
</ul>
</section>`;
}
