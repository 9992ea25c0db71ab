/**
 * The committed JSON Schema of the result model is the one generated from the
 * zod schema, and real CLI output of the sample validates against the zod
 * schema (the CLI tests check the process side).
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { resultJsonSchema } from '../../../grammar/results/json-schema';
import { fromRoot } from '../../support/paths';

describe('result JSON Schema', () => {
  it('docs/result-schema.json is up to date (run `npm run gen:schema`)', () => {
    const committed = JSON.parse(fs.readFileSync(fromRoot('docs/result-schema.json'), 'utf8'));
    assert.deepEqual(committed, resultJsonSchema());
  });

  it('describes the versioned top level and the no-data convention', () => {
    const schema = resultJsonSchema() as { properties: Record<string, { const?: unknown }>; required: string[] };
    assert.equal(schema.properties.version.const, 1);
    assert.deepEqual([...schema.required].sort(), ['datasets', 'diagnostics', 'file', 'measures', 'version']);
  });
});
