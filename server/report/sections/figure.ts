/**
 * A chart slot (see ../chart-slots.ts): a `<figure>` with its caption and the
 * same numbers as a table inside an open `<details>`, so the report reads
 * without JavaScript; the browser app draws the chart into the figure and
 * folds the table away.
 */

import { SLOT, type ChartKind } from '../chart-slots';
import { attributes } from '../html';

export interface ChartSlot {
  kind: ChartKind;
  measure: string;
  breakdown?: number;
  /** Caption markup (already escaped). */
  caption: string;
  /** The table with the chart's numbers (already escaped). */
  table: string;
}

export function renderChartSlot(slot: ChartSlot): string {
  const attrs = attributes({
    class: 'chart',
    [SLOT.chart]: slot.kind,
    [SLOT.measure]: slot.measure,
    [SLOT.breakdown]: slot.breakdown,
  });
  return `<figure${attrs}>
<figcaption>${slot.caption}</figcaption>
<details open><summary>Table</summary>
${slot.table}
</details>
</figure>`;
}
