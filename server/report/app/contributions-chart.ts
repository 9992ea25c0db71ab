/**
 * What makes up an index: one stacked horizontal bar, a segment per
 * component as long as its contribution (effective weight x score), so the
 * bar ends at the index value, on a 0..100 axis shaded by the index's status
 * zones with its threshold lines. A component without data is in the legend,
 * marked "no data", and has no segment.
 */

import { formatScore, formatWeight } from '../../../grammar/results/format';
import type { MeasureResult } from '../../../grammar/results/schema';
import { statusZones } from '../zones';
import { Chart } from './chart-setup';
import type { Palette } from './palette';
import { barLabelsPlugin, statusZonesPlugin } from './plugins';
import { thresholdLines } from './scale';
import { slotCanvas, type DrawnChart } from './slots';

export function drawContributions(slot: HTMLElement, index: MeasureResult, initial: Palette): DrawnChart {
  let palette = initial;
  const current = () => palette;
  const components = index.components ?? [];
  const name = index.title ?? index.name;
  const gaps = components.filter((component) => component.contribution === null).length;
  const canvas = slotCanvas(slot, {
    label: `Stacked bar of the contributions of ${components.length} components to ${name}, ${formatScore(index.value)} in all.`,
    className: 'contributions',
  });
  const colorOf = (position: number) => current().series[position % current().series.length];

  const chart = new Chart<'bar', Array<number | null>, string>(canvas, {
    type: 'bar',
    data: {
      labels: [name],
      datasets: components.map((component, position) => ({
        label: component.contribution === null ? `${component.name} (no data)` : component.name,
        data: [component.contribution],
        backgroundColor: colorOf(position),
        stack: 'index',
        barThickness: 34,
      })),
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { stacked: true, min: 0, max: 100, ticks: { stepSize: 20 } },
        y: { stacked: true, display: false },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const component = components[item.datasetIndex];
              return `${component.name}: ${formatScore(component.contribution)} `
                + `(score ${formatScore(component.score)} x weight ${formatWeight(component.effectiveWeight)})`;
            },
          },
        },
      },
    },
    plugins: [
      statusZonesPlugin({ zones: statusZones(index), lines: thresholdLines(index), axis: 'x', alpha: 0.08 }, current),
      barLabelsPlugin((position) => {
        const contribution = components[position]?.contribution;
        return contribution === null || contribution === undefined ? undefined : formatScore(contribution);
      }, current),
    ],
  });

  return {
    series: chart.data.datasets.length,
    points: chart.data.labels?.length ?? 0,
    gaps,
    recolor(next) {
      palette = next;
      chart.data.datasets.forEach((dataset, position) => {
        dataset.backgroundColor = colorOf(position);
      });
      chart.update('none');
    },
  };
}
