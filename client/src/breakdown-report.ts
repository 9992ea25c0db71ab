/**
 * A KPI's or index's full result as a Markdown report: value and status,
 * thresholds, index components, one table per breakdown and the trend.
 * Pure: text in, text out, formatted like every other surface
 * (grammar/results/format.ts), so it can be tested without VS Code.
 */
import {
  formatChange, formatCount, formatScore, formatThreshold, formatValue, formatWeight, statusLabel,
} from '../../grammar/results/format';
import type { MeasureResult } from '../../grammar/results/schema';

export function breakdownReport(measure: MeasureResult): string {
  const value = (v: number | null): string => formatValue(v, measure.unit);
  const lines: string[] = [];
  lines.push(`# ${escape(measure.title ?? measure.name)}`, '');
  lines.push(`\`${measure.name}\` (${measure.kind}) in ${escape(measure.file)}:${measure.line}`, '');
  const partial = measure.partial ? ', partial: some components had no data' : '';
  lines.push(`**${value(measure.value)}** · ${statusLabel(measure.status)}${partial}`, '');
  if (measure.thresholds.length > 0) {
    lines.push(measure.thresholds.map((t) => `${t.level} ${formatThreshold(t, measure.unit)}`).join(' · '), '');
  }
  lines.push(`${formatCount(measure.rowsUsed)} rows used · ${formatCount(measure.rowsSkipped)} skipped`, '');

  if (measure.components && measure.components.length > 0) {
    lines.push('## Components', '', '| component | weight | value | score | contribution |', '| --- | ---: | ---: | ---: | ---: |');
    for (const c of measure.components) {
      lines.push(`| ${escape(c.name)} | ${formatWeight(c.effectiveWeight)} | ${c.value === null ? 'no data' : String(round(c.value))} | ${formatScore(c.score)} | ${formatScore(c.contribution)} |`);
    }
    lines.push('');
  }

  for (const breakdown of measure.breakdowns) {
    lines.push(`## By ${escape(breakdown.column)}`, '', `| ${escape(breakdown.column)} | value | status | rows used | skipped |`, '| --- | ---: | --- | ---: | ---: |');
    for (const s of breakdown.segments) {
      lines.push(`| ${escape(s.segment)} | ${value(s.value)} | ${statusLabel(s.status)} | ${formatCount(s.rowsUsed)} | ${formatCount(s.rowsSkipped)} |`);
    }
    lines.push('');
  }

  if (measure.trend) {
    const trend = measure.trend;
    lines.push(`## By ${trend.period} of ${escape(trend.column)}`, '', '| period | value | change | status | rows used |', '| --- | ---: | ---: | --- | ---: |');
    for (const p of trend.periods) {
      lines.push(`| ${p.period} | ${value(p.value)} | ${formatChange(p.change, measure.unit)} | ${statusLabel(p.status)} | ${formatCount(p.rowsUsed)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Component values are in each component's own unit, which the index result does not carry. */
function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Keeps segment names like `North | East` or `*vip*` from breaking the Markdown. */
function escape(text: string): string {
  return text.replace(/[\\|*_`[\]<>#]/g, (ch) => `\\${ch}`);
}
