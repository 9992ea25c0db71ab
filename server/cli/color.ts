/**
 * Terminal colors, decided per output stream: on when the stream is a TTY;
 * `NO_COLOR` (any non-empty value) turns them off, and wins over everything;
 * otherwise `FORCE_COLOR` (any value but `0`/`false`) turns them on even
 * when piped; `TERM=dumb` turns them off. A Palette without colors returns
 * its input unchanged, so renderers never branch on it.
 */

import type { Status } from '../../grammar/results/schema';

export interface Palette {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export interface ColorStream {
  isTTY?: boolean;
}

export function shouldColor(stream: ColorStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function createPalette(enabled: boolean): Palette {
  if (!enabled) {
    return { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  }
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/** Green on target, yellow warning, red breach/critical, dim no data; no target stays plain. */
export function paintStatus(status: Status, palette: Palette): (text: string) => string {
  switch (status) {
    case 'on_target': return palette.green;
    case 'warning': return palette.yellow;
    case 'breach':
    case 'critical': return palette.red;
    case 'no_data': return palette.dim;
    case 'no_target': return plain;
  }
}
