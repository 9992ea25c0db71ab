/**
 * Seeded random edits for robustness tests: the same seed gives the same
 * edits on every machine. Edits insert fragments of the language (and a few
 * stray characters), delete short spans, or now and then restore a known
 * good text so the file keeps coming back to meaningful states.
 */

export interface RandomEdit {
  start: number;
  end: number;
  text: string;
}

const FRAGMENTS = [
  'kpi ', 'index ', 'dataset ', 'import "datasets.kpi"\n', 'import "scorecard.kpi"\n', '{', '}', '(', ')', '[', ']',
  '"', '"chat"', 'value ', 'target ', 'warn ', 'weight 50%', 'score 0 -> 0, 100 -> 100', 'tickets.', 'csat', 'first_response_min',
  'p90(', 'share(', ' where ', ' and ', ' not ', '>=', '<=', '=', '->', '1..5', '%', '85', '-', '.5', '1e3', ',', '.',
  '\n', '\n', ' ', ' ', '  ', '\t', '\r\n', '/// doc\n', '// note\n', '@', 'é', '\\', 'breakdown by channel\n', 'trend by month(opened_at)\n',
];


export function randomEdit(random: () => number, text: string): RandomEdit {
  const at = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.55) {
    return { start: at, end: at, text: FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] };
  }
  if (roll < 0.9) {
    return { start: at, end: Math.min(text.length, at + 1 + Math.floor(random() * 12)), text: '' };
  }
  const end = Math.min(text.length, at + 1 + Math.floor(random() * 6));
  return { start: at, end, text: FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] };
}
