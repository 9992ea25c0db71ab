/**
 * The evaluator's public surface: evaluate a plan against loaded tables, and
 * the helpers other surfaces reuse (period keys, statuses, index scores), so
 * every surface computes them the same way.
 */

export { evaluatePlan, type EvaluatedMeasure } from './evaluate';
export { periodKey, periodNumber, periodKeyOfNumber } from './periods';
export { statusOf, thresholdsFor, meets, type SegmentSelector } from './status';
export { scoreOf } from './score';
export { parseTimestamp } from './calendar';
export { quantileOfSorted } from './quantile';
