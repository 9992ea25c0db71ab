/**
 * One-line texts about a KPI or index, shared by the JUnit, SARIF and GitHub
 * outputs, so a breach reads the same in a test report, a code-scanning alert
 * and an annotation: `First response time (P90) is 394.3 min: breach
 * (target <= 30 min, warn <= 60 min)`. Values through grammar/results/format.
 */

import type { MeasureResult } from '../../grammar/results/schema';
import { formatThreshold, formatValue, statusLabel } from '../../grammar/results/format';
import { failsGate } from './statuses';

/** The measure's title, or its name when it has none. */
export function displayName(m: MeasureResult): string {
  return m.title ?? m.name;
}

/** `target <= 30 min, warn <= 60 min`; empty without thresholds. */
export function thresholdsText(m: MeasureResult): string {
  return m.thresholds.map((t) => `${t.level} ${formatThreshold(t, m.unit)}`).join(', ');
}

/** `CSAT is 76.6%: breach (target >= 90%, warn >= 80%)`; `Tickets is 5,000: no target`. */
export function measureHeadline(m: MeasureResult): string {
  const thresholds = thresholdsText(m);
  const value = m.value === null ? 'has no data' : `is ${formatValue(m.value, m.unit)}`;
  return `${displayName(m)} ${value}: ${statusLabel(m.status)}${m.partial ? ' (partial)' : ''}`
    + (thresholds ? ` (${thresholds})` : '');
}

/** Segments at breach or worse, written as in a `for` clause: `channel = "email": 140 min (breach)`. */
export function segmentsAtFault(m: MeasureResult): string[] {
  const out: string[] = [];
  for (const breakdown of m.breakdowns) {
    for (const s of breakdown.segments) {
      if (failsGate(s.status, 'breach')) out.push(`${breakdown.column} = ${JSON.stringify(s.segment)}: ${formatValue(s.value, m.unit)} (${statusLabel(s.status)})`);
    }
  }
  return out;
}
