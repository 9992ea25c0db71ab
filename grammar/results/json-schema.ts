/**
 * The JSON Schema of the result model, generated from the zod schema so the
 * two cannot drift. `docs/result-schema.json` is this function's output; a
 * test fails when the committed file is stale (`npm run gen:schema` rewrites it).
 */

import * as z from 'zod';
import { ScorecardResultSchema, RESULT_VERSION } from './schema';

export function resultJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScorecardResultSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `kpi-lang/result/v${RESULT_VERSION}`,
    title: 'kpi-lang scorecard result',
    description: 'One evaluation of a .kpi scorecard: `kpi eval --format json`. Percent values are fractions; null is no data.',
  };
}
