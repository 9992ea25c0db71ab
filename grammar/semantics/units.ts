/**
 * Units for the checker: the canonical unit of a name as written (the
 * spellings live in syntax/vocabulary.ts) and the only conversions the
 * language allows (between time units). Every other mix is a mismatch.
 */

import type { Unit } from '../eval/plan';
import { UNIT_ALIASES } from '../syntax/vocabulary';

/** Seconds per unit, for the time units. */
const SECONDS: Partial<Record<Unit, number>> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export const UNIT_NAMES: readonly string[] = [...UNIT_ALIASES.keys()];
export const CANONICAL_UNITS: readonly Unit[] = ['seconds', 'minutes', 'hours', 'days', 'percent', 'score', 'points', 'count', 'currency'];

export function unitByName(name: string): Unit | undefined {
  return UNIT_ALIASES.get(name);
}

export function isTimeUnit(unit: Unit): boolean {
  return SECONDS[unit] !== undefined;
}

/**
 * The factor that converts a value in `from` to `to` (value_to = value_from * factor),
 * or undefined when the units do not convert. Equal units convert with factor 1.
 */
export function conversionFactor(from: Unit, to: Unit): number | undefined {
  if (from === to) return 1;
  const a = SECONDS[from];
  const b = SECONDS[to];
  return a !== undefined && b !== undefined ? a / b : undefined;
}

/** How a unit reads in messages. */
export function unitPhrase(unit: Unit): string {
  return unit === 'none' ? 'no unit' : unit;
}
