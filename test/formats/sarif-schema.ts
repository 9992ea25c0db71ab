/**
 * The official SARIF 2.1.0 JSON schema (the copy bundled with
 * @microsoft/jest-sarif, draft-04) compiled with ajv-draft-04, for tests.
 *
 * Two adjustments the schema needs under ajv, neither loosening a SARIF
 * rule: its `language` pattern is not a valid Unicode regular expression
 * (so patterns are compiled without the `u` flag), and ajv ships no format
 * checkers, so `uri` and `uri-reference` get small ones here (`date-time`
 * is not used by kpi's output and is accepted as is).
 */

import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv';
import { fromRoot } from '../support/paths';

const SCHEMA_FILE = fromRoot('node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

let compiled: ValidateFunction | undefined;

/** Validates `log`; returns ajv's errors as readable lines (empty when valid). */
export function sarifErrors(log: unknown): string[] {
  compiled ??= compile();
  if (compiled(log)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`);
}

function compile(): ValidateFunction {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    unicodeRegExp: false,
    formats: {
      uri: (text: string) => isAbsoluteUri(text),
      'uri-reference': (text: string) => /^[^\s<>"{}|\\^`]*$/.test(text) && !/%(?![0-9A-Fa-f]{2})/.test(text),
      'date-time': true,
    },
  });
  // The schema is JSON; require keeps this synchronous and typed as unknown.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema: unknown = require(path.resolve(SCHEMA_FILE));
  return ajv.compile(schema as object);
}

function isAbsoluteUri(text: string): boolean {
  try {
    return new URL(text).protocol.length > 1;
  } catch {
    return false;
  }
}
