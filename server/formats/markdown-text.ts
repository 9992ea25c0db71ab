/**
 * Text pieces shared by the Markdown outputs (`kpi eval|check --format
 * markdown`, `kpi diff --format markdown`): escaping of free text for GitHub
 * Flavored Markdown tables and for the HTML of `<details>` summaries, status
 * badges, and table assembly.
 *
 * Invariant: every text that comes from a `.kpi` file or a data file (titles,
 * segment values, messages) goes through `cell` or `html` before it reaches
 * the output, so it can neither break a table row nor inject markup or
 * mentions into a pull-request comment.
 */

import type { Status } from '../../grammar/results/schema';
import { statusLabel } from '../../grammar/results/format';

const STATUS_EMOJI: Record<Status, string> = {
  on_target: '🟢',
  warning: '🟡',
  breach: '🔴',
  critical: '⛔',
  no_data: '⚪',
  no_target: '➖',
};

export function statusEmoji(status: Status): string {
  return STATUS_EMOJI[status];
}

/** `🔴 breach`: an emoji for scanning and the label for reading (and for screen readers). */
export function statusBadge(status: Status, partial = false): string {
  return `${STATUS_EMOJI[status]} ${statusLabel(status)}${partial ? ', partial' : ''}`;
}

/** Free text for a Markdown table cell (or running text): one line, markup neutralised. */
export function cell(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/[\\`*_[\]~|]/g, (ch) => `\\${ch}`);
}

/** Free text inside HTML (a `<summary>`): one line, entities only. */
export function html(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/@/g, '&#64;');
}

/** A KPI, index, dataset or column name: names are `[A-Za-z0-9_]`, safe in a code span. */
export function code(name: string): string {
  return `\`${name.replace(/`/g, '')}\``;
}

export type Align = 'left' | 'right';

/** A GFM table; cells must already be escaped. */
export function table(header: readonly string[], aligns: readonly Align[], rows: readonly (readonly string[])[]): string[] {
  const separator = aligns.map((a) => (a === 'right' ? '---:' : '---'));
  return [header, separator, ...rows].map((row) => `| ${row.join(' | ')} |`);
}
