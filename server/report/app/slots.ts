/**
 * The app's side of the chart slots (../chart-slots.ts): put a canvas into a
 * server-rendered figure, fold its table away (still one click away, and read
 * by screen readers through the canvas label), and record what was drawn on
 * the figure's data attributes.
 */

import { SLOT } from '../chart-slots';
import type { Palette } from './palette';

/** A drawn chart: what it shows, and how to repaint it in a new theme. */
export interface DrawnChart {
  series: number;
  points: number;
  gaps: number;
  recolor(palette: Palette): void;
}

export interface CanvasOptions {
  /** Accessible description of the chart. */
  label: string;
  /** Height in CSS pixels; the stylesheet's default otherwise. */
  height?: number;
  /** An extra class for the chart box (its default size). */
  className?: string;
}

export function slotCanvas(slot: HTMLElement, options: CanvasOptions): HTMLCanvasElement {
  const box = document.createElement('div');
  box.className = options.className ? `chart-box ${options.className}` : 'chart-box';
  // CSSOM, not a style attribute: allowed by the report's Content-Security-Policy.
  if (options.height !== undefined) box.style.height = `${options.height}px`;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${options.label} The table below has the values.`);
  box.append(canvas);
  const caption = slot.querySelector('figcaption');
  if (caption) caption.after(box);
  else slot.prepend(box);
  slot.querySelector('details')?.removeAttribute('open');
  return canvas;
}

export function markDrawn(slot: HTMLElement, drawn: DrawnChart): void {
  slot.setAttribute(SLOT.series, String(drawn.series));
  slot.setAttribute(SLOT.points, String(drawn.points));
  slot.setAttribute(SLOT.gaps, String(drawn.gaps));
  slot.setAttribute(SLOT.drawn, 'true');
}
