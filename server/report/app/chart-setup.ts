/**
 * chart.js, registered with only what the report draws (line and bar charts
 * on category and linear scales, tooltips, legend), so the bundle carries no
 * other chart type. Animations are off: a report is read, not watched, and
 * a chart must be complete as soon as it is drawn.
 */

import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';
import type { Palette } from './palette';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export function applyDefaults(palette: Palette): void {
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = palette.muted;
  Chart.defaults.borderColor = palette.grid;
  Chart.defaults.font.family = palette.font;
  Chart.defaults.font.size = 12;
}

export { Chart };
