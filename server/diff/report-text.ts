/**
 * Words for a DiffReport shared by the terminal table and the Markdown: the
 * summary counts and what happened to a measure, so both read the same.
 */

import type { DiffReport, MeasureDiff } from './schema';

/** `2 worse`, `1 better`, `3 redefined`, ... only the counts that are not zero; `data changed: tickets`. */
export function summaryParts(report: DiffReport): string[] {
  const s = report.summary;
  const parts: Array<[number, string]> = [
    [s.worse, 'worse'], [s.better, 'better'], [s.broken, 'not evaluated'], [s.removed, 'removed'], [s.added, 'added'],
    [s.renamed, 'renamed'], [s.definition, 'redefined'], [s.fixed, 'fixed'], [s.value, 'value changed'],
  ];
  const out = parts.filter(([count]) => count > 0).map(([count, label]) => `${count} ${label}`);
  if (out.length > 0 && s.unchanged > 0) out.push(`${s.unchanged} unchanged`);
  const datasets = report.datasets.filter((d) => d.changed).map((d) => d.name);
  if (datasets.length > 0) out.push(`data changed: ${[...new Set(datasets)].join(', ')}`);
  return out;
}

/** What happened to the measure, in a few words, when it is not a list of definition changes. */
export function changeLabel(m: MeasureDiff): string {
  switch (m.change) {
    case 'added': return m.after?.evaluated === false ? 'added, not evaluated (it has errors)' : 'added';
    case 'removed': return 'removed';
    case 'renamed': return m.definition.length > 0 ? `renamed from ${m.renamedFrom}; ${m.definition.join('; ')}` : `renamed from ${m.renamedFrom}`;
    case 'broken': return 'not evaluated: it has errors';
    case 'fixed': return 'evaluated again: its errors are fixed';
    case 'definition': return m.definition.join('; ');
    case 'value': return 'value changed';
    case 'unchanged': return 'unchanged';
  }
}
