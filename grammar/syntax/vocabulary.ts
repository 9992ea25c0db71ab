/**
 * The words of the language that are not reserved: column types, unit names
 * (with their aliases), period names and function names, as listed in
 * docs/language.md. They lex as ordinary names (a column may be called
 * `date`, `count` or `hours`); the parser only looks at them to settle two
 * layout ambiguities (a unit after a column type or after a threshold), and
 * the TextMate grammar colours them. Meaning is decided by the checker.
 */

/** Reserved words, exactly as docs/language.md lists them. */
export const RESERVED_WORDS = [
  'import', 'dataset', 'from', 'kpi', 'index', 'value', 'unit', 'direction', 'target',
  'warn', 'critical', 'breakdown', 'trend', 'by', 'where', 'and', 'or', 'not', 'in', 'is',
  'missing', 'weight', 'score', 'for', 'true', 'false', 'key', 'optional', 'higher', 'lower',
] as const;

export type CanonicalUnit = 'seconds' | 'minutes' | 'hours' | 'days' | 'percent' | 'score' | 'points' | 'count' | 'currency';

export const TYPE_NAMES: ReadonlySet<string> = new Set(['text', 'number', 'int', 'bool', 'date', 'datetime']);

/** Every spelling of a unit, mapped to its canonical name. */
export const UNIT_ALIASES: ReadonlyMap<string, CanonicalUnit> = new Map<string, CanonicalUnit>([
  ['seconds', 'seconds'], ['second', 'seconds'], ['sec', 'seconds'], ['s', 'seconds'],
  ['minutes', 'minutes'], ['minute', 'minutes'], ['min', 'minutes'],
  ['hours', 'hours'], ['hour', 'hours'], ['h', 'hours'],
  ['days', 'days'], ['day', 'days'], ['d', 'days'],
  ['percent', 'percent'],
  ['score', 'score'],
  ['points', 'points'],
  ['count', 'count'],
  ['currency', 'currency'],
]);

export const PERIOD_NAMES: ReadonlySet<string> = new Set(['day', 'week', 'month', 'quarter']);

/** Aggregation functions; `p1` .. `p99` are matched by `isFunctionName`. */
export const FUNCTION_NAMES: ReadonlySet<string> = new Set([
  'count', 'sum', 'mean', 'min', 'max', 'median', 'percentile', 'share', 'distinct', 'nps',
]);

export function isUnitWord(word: string): boolean {
  return UNIT_ALIASES.has(word);
}

export function isTypeName(word: string): boolean {
  return TYPE_NAMES.has(word);
}

/** `p1` .. `p99`: a percentile shorthand. */
export function isPercentileShorthand(word: string): boolean {
  return /^p[1-9][0-9]?$/.test(word);
}

export function isFunctionName(word: string): boolean {
  return FUNCTION_NAMES.has(word) || isPercentileShorthand(word);
}
