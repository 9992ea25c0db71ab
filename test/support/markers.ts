/**
 * Position markers for fixtures, so tests never hand-count offsets.
 *
 * In a marked text, `‸` marks a cursor position and `⟦ ... ⟧` marks a range;
 * a range may carry a label: `⟦name|...⟧`. `parseMarkers` strips the markers
 * and returns the clean text with the offsets (in the clean text) of every
 * cursor and range, in order of appearance.
 */

export interface MarkedRange {
  label: string | undefined;
  start: number;
  end: number;
  /** The clean text inside the range. */
  text: string;
}

export interface Marked {
  text: string;
  cursors: number[];
  ranges: MarkedRange[];
}

export const CURSOR = '‸';
export const OPEN = '⟦';
export const CLOSE = '⟧';

export function parseMarkers(marked: string): Marked {
  let text = '';
  const cursors: number[] = [];
  const ranges: MarkedRange[] = [];
  const open: Array<{ start: number; label: string | undefined }> = [];
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i];
    if (ch === CURSOR) {
      cursors.push(text.length);
    } else if (ch === OPEN) {
      const rest = marked.slice(i + 1);
      const label = /^([A-Za-z0-9_-]+)\|/.exec(rest);
      open.push({ start: text.length, label: label ? label[1] : undefined });
      if (label) i += label[0].length;
    } else if (ch === CLOSE) {
      const top = open.pop();
      if (!top) throw new Error(`unbalanced ${CLOSE} at marked offset ${i}`);
      ranges.push({ label: top.label, start: top.start, end: text.length, text: text.slice(top.start) });
    } else {
      text += ch;
    }
  }
  if (open.length > 0) throw new Error(`unclosed ${OPEN}`);
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, cursors, ranges };
}

/** The one range with `label`; throws when absent, so a typo in a fixture fails the test. */
export function rangeLabelled(marked: Marked, label: string): MarkedRange {
  const found = marked.ranges.filter((r) => r.label === label);
  if (found.length !== 1) throw new Error(`expected exactly one range labelled ${label}, found ${found.length}`);
  return found[0];
}
