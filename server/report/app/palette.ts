/**
 * The chart colors, read from the page's CSS variables (../styles.ts) so the
 * charts wear the same theme as the page, including the VS Code editor theme
 * in a webview. Read again whenever the theme changes.
 */

import type { Status } from '../../../grammar/results/schema';

export interface Palette {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
  status: Record<Status, string>;
  series: string[];
}

export function readPalette(): Palette {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    foreground: read('--fg', '#1f2328'),
    muted: read('--muted', '#59636e'),
    grid: read('--grid', '#d1d9e080'),
    background: read('--bg', '#ffffff'),
    font: getComputedStyle(document.body).fontFamily || 'sans-serif',
    status: {
      on_target: read('--ok', '#1a7f37'),
      warning: read('--warn', '#9a6700'),
      breach: read('--bad', '#cf222e'),
      critical: read('--crit', '#82071e'),
      no_data: read('--nodata', '#818b98'),
      no_target: read('--notarget', '#0969da'),
    },
    series: [1, 2, 3, 4, 5, 6].map((n) => read(`--series-${n}`, '#0969da')),
  };
}
