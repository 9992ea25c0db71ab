/**
 * The report's own chart.js plugins, drawn on the canvas (so they need no
 * style and follow the theme through the palette):
 * - status zones: the value axis shaded where a value would be on target, a
 *   warning, a breach or critical, and a dashed line per threshold with its
 *   label (`target >= 90%`);
 * - no-data labels: "no data" written where a period or segment has no value,
 *   which the chart leaves as a gap (never a 0);
 * - bar labels: each stacked bar's value written inside it when it fits.
 * Each plugin reads the palette through a getter, so a theme change needs
 * only a redraw.
 */

import type { ChartType, Plugin } from 'chart.js';
import type { StatusZone } from '../zones';
import type { Palette } from './palette';

export interface ThresholdLine {
  value: number;
  level: 'target' | 'warn' | 'critical';
  label: string;
}

const LINE_STATUS = { target: 'on_target', warn: 'warning', critical: 'critical' } as const;

/** Pixels between two threshold lines below which their labels would touch. */
const LABEL_GAP = 14;

/** Where the values run: along x for horizontal bars (`indexAxis: 'y'`), else along y. */
export type ValueAxis = 'x' | 'y';

export interface ZonesOptions {
  zones: readonly StatusZone[];
  lines: readonly ThresholdLine[];
  axis: ValueAxis;
  /** Opacity of the zone shading. */
  alpha: number;
}

export function statusZonesPlugin<T extends ChartType>(options: ZonesOptions, palette: () => Palette): Plugin<T> {
  const { zones, lines, axis, alpha } = options;
  return {
    id: 'kpiStatusZones',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      const scale = chart.scales[axis];
      const horizontal = axis === 'x';
      // Open ends reach the edge of the plot: low values are at the bottom (or left).
      const pixel = (value: number | null, open: 'low' | 'high') => {
        if (value !== null) return scale.getPixelForValue(value);
        if (horizontal) return open === 'low' ? area.left : area.right;
        return open === 'low' ? area.bottom : area.top;
      };
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.globalAlpha = alpha;
      for (const zone of zones) {
        const from = pixel(zone.from, 'low');
        const to = pixel(zone.to, 'high');
        ctx.fillStyle = palette().status[zone.status];
        if (horizontal) ctx.fillRect(Math.min(from, to), area.top, Math.abs(to - from), area.bottom - area.top);
        else ctx.fillRect(area.left, Math.min(from, to), area.right - area.left, Math.abs(to - from));
      }
      ctx.globalAlpha = 1;
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1;
      ctx.font = `11px ${palette().font}`;
      // Labels of lines close together would overprint: every other one goes to the far side.
      let previousAt = Number.NaN;
      let farSide = false;
      const sorted = [...lines].sort((a, b) => a.value - b.value);
      for (const line of sorted) {
        const at = scale.getPixelForValue(line.value);
        farSide = Math.abs(at - previousAt) < LABEL_GAP ? !farSide : false;
        previousAt = at;
        const color = palette().status[LINE_STATUS[line.level]];
        ctx.strokeStyle = color;
        ctx.fillStyle = color;
        ctx.beginPath();
        if (horizontal) {
          ctx.moveTo(at, area.top);
          ctx.lineTo(at, area.bottom);
        } else {
          ctx.moveTo(area.left, at);
          ctx.lineTo(area.right, at);
        }
        ctx.stroke();
        if (horizontal) {
          ctx.textAlign = farSide ? 'right' : 'left';
          ctx.textBaseline = 'top';
          ctx.fillText(line.label, farSide ? at - 3 : at + 3, area.top + 2);
        } else {
          ctx.textAlign = farSide ? 'left' : 'right';
          ctx.textBaseline = 'bottom';
          ctx.fillText(line.label, farSide ? area.left + 4 : area.right - 4, at - 2);
        }
      }
      ctx.restore();
    },
  };
}

export function noDataPlugin<T extends ChartType>(gaps: readonly number[], axis: ValueAxis, palette: () => Palette): Plugin<T> {
  return {
    id: 'kpiNoData',
    afterDatasetsDraw(chart) {
      if (gaps.length === 0) return;
      const { ctx, chartArea: area } = chart;
      const horizontal = axis === 'x';
      const categories = chart.scales[horizontal ? 'y' : 'x'];
      const values = chart.scales[horizontal ? 'x' : 'y'];
      ctx.save();
      ctx.fillStyle = palette().status.no_data;
      ctx.font = `italic 11px ${palette().font}`;
      for (const index of gaps) {
        const at = categories.getPixelForValue(index);
        if (horizontal) {
          // Beside the zero line, where the bar would start.
          const zero = Math.min(Math.max(values.getPixelForValue(0), area.left), area.right);
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ctx.fillText('no data', zero + 4, at);
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          ctx.fillText('no data', at, area.bottom - 4);
        }
      }
      ctx.restore();
    },
  };
}

/** Writes `text(datasetIndex)` inside each horizontal bar wide enough to hold it. */
export function barLabelsPlugin<T extends ChartType>(text: (dataset: number) => string | undefined, palette: () => Palette): Plugin<T> {
  return {
    id: 'kpiBarLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `600 11px ${palette().font}`;
      ctx.fillStyle = palette().background;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach((_, index) => {
        const label = text(index);
        const meta = chart.getDatasetMeta(index);
        if (label === undefined || meta.hidden) return;
        for (const element of meta.data) {
          const { x, y, base } = element.getProps(['x', 'y', 'base'], true) as { x: number; y: number; base: number };
          if (Math.abs(x - base) < ctx.measureText(label).width + 8) continue;
          ctx.fillText(label, (x + base) / 2, y);
        }
      });
      ctx.restore();
    },
  };
}
