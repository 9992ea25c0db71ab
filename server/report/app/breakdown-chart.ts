/**
 * A KPI by segment: one horizontal bar per segment (long and many segment
 * names read better down the side), colored by the segment's status, which
 * already accounts for segment-specific thresholds (`target ... for channel
 * = "chat"`); the general threshold lines would mislead there, so none are
 * drawn. Bars start at zero. A segment without data has no bar and says
 * "no data".
 */

import { formatRows, formatValue, statusLabel } from '../../../grammar/results/format';
import type { Breakdown, MeasureResult } from '../../../grammar/results/schema';
import { Chart } from './chart-setup';
import type { Palette } from './palette';
import { noDataPlugin } from './plugins';
import { categoryTick, gapIndices, tickLabel } from './scale';
import { slotCanvas, type DrawnChart } from './slots';

const BAR_HEIGHT = 26;
const AXIS_HEIGHT = 44;

export function drawBreakdown(slot: HTMLElement, measure: MeasureResult, breakdown: Breakdown, initial: Palette): DrawnChart {
  let palette = initial;
  const current = () => palette;
  const segments = breakdown.segments;
  const values = segments.map((segment) => segment.value);
  const gaps = gapIndices(values);
  const name = measure.title ?? measure.name;
  const canvas = slotCanvas(slot, {
    label: `Bar chart of ${name} by ${breakdown.column}, ${segments.length} segments${gaps.length ? `, ${gaps.length} without data` : ''}.`,
    height: Math.max(120, segments.length * BAR_HEIGHT + AXIS_HEIGHT),
  });
  const labels = segments.map((segment) => (segment.segment === '' ? '(blank)' : segment.segment));
  const barColors = () => segments.map((segment) => current().status[segment.status]);

  const chart = new Chart<'bar', Array<number | null>, string>(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [{ label: name, data: values, backgroundColor: barColors(), borderRadius: 3, maxBarThickness: 22 }],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, ticks: { callback: tickLabel(measure.unit), maxTicksLimit: 5, maxRotation: 0 } },
        y: { grid: { display: false }, ticks: { callback: categoryTick(labels) } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const segment = segments[item.dataIndex];
              return `${formatValue(segment.value, measure.unit)} (${statusLabel(segment.status)}, ${formatRows(segment.rowsUsed)})`;
            },
          },
        },
      },
    },
    plugins: [noDataPlugin(gaps, 'x', current)],
  });

  return {
    series: chart.data.datasets.length,
    points: chart.data.labels?.length ?? 0,
    gaps: gaps.length,
    recolor(next) {
      palette = next;
      chart.data.datasets[0].backgroundColor = barColors();
      chart.update('none');
    },
  };
}
