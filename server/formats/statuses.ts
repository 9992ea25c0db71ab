/**
 * How bad a status is, for gates (`kpi eval --fail-on`, `kpi diff --fail-on`)
 * and for ordering reports worst first. The order is on_target < warning <
 * breach < critical; `no_data` and `no_target` say nothing about the KPI's
 * health, so they are outside the order (neither better nor worse than
 * anything, and never trip a gate).
 */

import type { Status } from '../../grammar/results/schema';

/** Severity of a status on the health scale; undefined for the neutral statuses. */
const SEVERITY: Partial<Record<Status, number>> = {
  on_target: 0,
  warning: 1,
  breach: 2,
  critical: 3,
};

export function statusSeverity(status: Status): number | undefined {
  return SEVERITY[status];
}

/** `breach` also matches `critical`; `warning` matches warning, breach and critical. */
export type StatusGate = 'warning' | 'breach';

export function failsGate(status: Status, gate: StatusGate): boolean {
  const severity = SEVERITY[status];
  return severity !== undefined && severity >= SEVERITY[gate]!;
}

export type Verdict = 'worse' | 'better' | 'unchanged' | 'neutral';

/**
 * How a status moved from `before` to `after`: `unchanged` when equal,
 * `neutral` when either side is no_data / no_target (or missing), else
 * `worse` or `better` by severity.
 */
export function statusVerdict(before: Status | null, after: Status | null): Verdict {
  if (before === after) return 'unchanged';
  if (before === null || after === null) return 'neutral';
  const from = SEVERITY[before];
  const to = SEVERITY[after];
  if (from === undefined || to === undefined) return 'neutral';
  return to > from ? 'worse' : 'better';
}

/** For sorting worst first: critical, breach, warning, on target, then the neutral statuses. */
export function statusOrder(status: Status | null): number {
  const severity = status === null ? undefined : SEVERITY[status];
  return severity === undefined ? (status === 'no_data' ? 5 : 6) : 3 - severity;
}
