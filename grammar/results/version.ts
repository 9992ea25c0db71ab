/**
 * The version of the result model (schema.ts), in a module of its own: the
 * evaluator stamps it on every result without loading zod, whose schemas are
 * built only where a result is validated or its JSON schema generated.
 * Bump it on any incompatible change to the model.
 */

export const RESULT_VERSION = 1;
