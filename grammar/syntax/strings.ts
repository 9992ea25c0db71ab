/**
 * Decoding of string literals as written (`"a\tb"`, possibly unterminated).
 *
 * Escapes: `\"`, `\\`, `\n`, `\t`, `\uXXXX` (exactly four hex digits). An
 * unknown or incomplete escape is kept as written in the value and reported
 * as a problem with its exact offsets, so the parser never fails on a string.
 */

export interface StringProblem {
  message: string;
  /** Offsets relative to the start of the literal (its opening quote). */
  start: number;
  end: number;
}

export interface DecodedString {
  value: string;
  /** False when the closing quote is missing. */
  terminated: boolean;
  problems: StringProblem[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t' };

const ESCAPE_HELP = 'use \\", \\\\, \\n, \\t or \\uXXXX';

/** `raw` is the token image, starting at its opening `"`. */
export function decodeString(raw: string): DecodedString {
  const terminated = raw.length >= 2 && raw.endsWith('"') && !endsWithOddBackslashes(raw.slice(0, -1));
  const bodyEnd = terminated ? raw.length - 1 : raw.length;
  const problems: StringProblem[] = [];
  let value = '';
  let i = 1;
  while (i < bodyEnd) {
    const ch = raw[i];
    if (ch !== '\\') {
      value += ch;
      i++;
      continue;
    }
    const next = raw[i + 1];
    if (next === undefined || i + 1 >= bodyEnd) {
      // Only an unterminated string can end in a lone `\`: that error says it all.
      value += '\\';
      i++;
    } else if (next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
      i += 2;
    } else if (next === 'u') {
      const hex = raw.slice(i + 2, Math.min(i + 6, bodyEnd));
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        value += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const bad = /^[0-9a-fA-F]*/.exec(hex)?.[0] ?? '';
        const end = i + 2 + bad.length;
        problems.push({
          message: `Invalid escape \`${raw.slice(i, end)}\`: \\u needs exactly four hex digits (\\u00e9)`,
          start: i,
          end,
        });
        value += raw.slice(i, end);
        i = end;
      }
    } else {
      problems.push({ message: `Unknown escape \`\\${next}\` in a string: ${ESCAPE_HELP}`, start: i, end: i + 2 });
      value += `\\${next}`;
      i += 2;
    }
  }
  return { value, terminated, problems };
}

function endsWithOddBackslashes(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}
