/**
 * A KPI's trend: one line over the periods, each point colored by that
 * period's status, over the status zones of its thresholds (direction-aware:
 * on target above the target line for higher-is-better, below it for
 * lower-is-better). A period without data is a gap in the line, labelled
 * "no data".
 */

import { formatChange, formatValue, statusLabel } from '../../../grammar/results/format';
import type { MeasureResult, Trend } from '../../../grammar/results/schema';
import { statusZones } from '../zones';
import { Chart } from './chart-setup';
import type { Palette } from './palette';
import { noDataPlugin, statusZonesPlugin } from './plugins';
import { categoryTick, gapIndices, thresholdLines, tickLabel, valueRange } from './scale';
import { slotCanvas, type DrawnChart } from './slots';

export function drawTrend(slot: HTMLElement, measure: MeasureResult, trend: Trend, initial: Palette): DrawnChart {
  let palette = initial;
  const current = () => palette;
  const periods = trend.periods;
  const values = periods.map((period) => period.value);
  const gaps = gapIndices(values);
  const name = measure.title ?? measure.name;
  const canvas = slotCanvas(slot, {
    label: `Line chart of ${name} by ${trend.period}, ${periods.length} periods${gaps.length ? `, ${gaps.length} without data` : ''}.`,
  });
  const pointColors = () => periods.map((period) => current().status[period.status]);
  const range = valueRange(values, measure);
  const labels = periods.map((period) => period.period);

  const chart = new Chart<'line', Array<number | null>, string>(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: [{
        label: name,
        data: values,
        spanGaps: false,
        borderColor: palette.foreground,
        borderWidth: 2,
        pointBackgroundColor: pointColors(),
        pointBorderColor: pointColors(),
        pointRadius: 4,
        pointHoverRadius: 6,
      }],
    },
    options: {
      scales: {
        x: { grid: { display: false }, ticks: { callback: categoryTick(labels) } },
        y: { ...range, ticks: { callback: tickLabel(measure.unit), maxTicksLimit: 6 } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const period = periods[item.dataIndex];
              const change = period.change === null ? '' : `, ${formatChange(period.change, measure.unit)}`;
              return `${formatValue(period.value, measure.unit)} (${statusLabel(period.status)}${change})`;
            },
          },
        },
      },
    },
    plugins: [
      statusZonesPlugin({ zones: statusZones(measure), lines: thresholdLines(measure), axis: 'y', alpha: 0.1 }, current),
      noDataPlugin(gaps, 'y', current),
    ],
  });

  return {
    series: chart.data.datasets.length,
    points: chart.data.labels?.length ?? 0,
    gaps: gaps.length,
    recolor(next) {
      palette = next;
      const dataset = chart.data.datasets[0];
      dataset.borderColor = next.foreground;
      dataset.pointBackgroundColor = pointColors();
      dataset.pointBorderColor = pointColors();
      chart.update('none');
    },
  };
}
