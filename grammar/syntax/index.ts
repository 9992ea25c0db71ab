/**
 * The syntax layer's public face: `parse` and the AST types. Other layers
 * import from here, not from the lexer or parser modules.
 */

export { parse } from './parse';
export { createIncrementalParser, type IncrementalParser } from './incremental';
export * from './ast';
export { LineIndex, type LineColumn } from './line-index';
export { decodeString } from './strings';
export {
  RESERVED_WORDS,
  TYPE_NAMES,
  UNIT_ALIASES,
  PERIOD_NAMES,
  FUNCTION_NAMES,
  isUnitWord,
  isTypeName,
  isFunctionName,
  isPercentileShorthand,
} from './vocabulary';
