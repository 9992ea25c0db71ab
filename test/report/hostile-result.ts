/**
 * Results for the report tests: the CLI's hand-made sample (no data, partial
 * index, trend gaps) and a hostile variant whose every user-controlled string
 * tries to break out of the HTML, the JSON data block or the script.
 */

import type { ScorecardResult } from '../../grammar/results/schema';
import { sampleResult } from '../cli/sample-result';

/** Ends a script element, opens a comment and an element with a handler. */
export const HOSTILE = '</script><!--<script>x</script><img src=x onerror=alert(1)>\u2028"\'&';

export { sampleResult };

export function hostileResult(): ScorecardResult {
  const result = sampleResult();
  result.file = `cards/${HOSTILE}.kpi`;
  result.datasets[0].name = `tickets${HOSTILE}`;
  result.datasets[0].source = `https://example.com/${HOSTILE}.csv`;
  result.diagnostics.push({
    code: 'KPI080', severity: 'error', message: `Data file not found: ${HOSTILE}`,
    file: result.file, line: 3, column: 7, endLine: 3, endColumn: 20,
  });
  const [first, csat] = result.measures;
  first.title = `P90 ${HOSTILE}`;
  first.breakdowns[0].column = `channel${HOSTILE}`;
  first.breakdowns[0].segments[0].segment = HOSTILE;
  first.breakdowns[0].segments.push({ segment: '', value: null, status: 'no_data', rowsUsed: 0, rowsSkipped: 4 });
  csat.name = `csat${HOSTILE}`;
  if (csat.trend) csat.trend.periods[0].period = `2025-Q1${HOSTILE}`;
  return result;
}
