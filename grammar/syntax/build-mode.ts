/**
 * Whether this is a shipped bundle (dist/kpi.js, dist/extension.js): then the
 * lexer and the parser skip Chevrotain's grammar validations when they are
 * built at startup.
 *
 * The validations check the grammar itself (ambiguities, left recursion,
 * token patterns), not the text being parsed, so they can only fail after a
 * change to tokens.ts or parser.ts, and the unit tests, which run unbundled
 * from tsc's output, run them on every change. In a bundle they would only
 * cost startup time on every `kpi` command and every server start.
 * scripts/bundle.mjs defines KPI_BUNDLED as `true` (esbuild `define`); run
 * from tsc's output the constant is not defined.
 */

declare const KPI_BUNDLED: boolean | undefined;

export const skipGrammarValidations: boolean = typeof KPI_BUNDLED === 'boolean' && KPI_BUNDLED;
