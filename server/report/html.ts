/**
 * Text into HTML, safely: every string from a result (names, titles, segment
 * values, file paths) reaches the report through `escapeHtml` (element text
 * and quoted attribute values alike), and the result itself through
 * `jsonForScript`, which can sit inside `<script type="application/json">`.
 *
 * Invariant: markup is only ever built from escaped text and literal tags;
 * nothing in this folder concatenates an unescaped user string.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` as element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * `value` as JSON that cannot end its `<script>` element early nor open a
 * comment or a nested script there: `<`, `>` and `&` become `\u003c`,
 * `\u003e` and `\u0026`, and U+2028 / U+2029 (line breaks to old JavaScript
 * parsers) their escapes. All of them can only occur inside JSON strings,
 * where the escapes mean the same characters, so `JSON.parse` gives back
 * exactly `value`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => {
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The attributes of a tag, escaped; `undefined` values are left out. */
export function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
}

/**
 * A fragment identifier for `name` that is safe in `id` and `href` whatever
 * the name holds: letters, digits, `_` and `-` are kept, anything else is
 * written as `.` plus its code point in hex, so two names never share an id.
 */
export function anchorId(prefix: string, name: string): string {
  const encoded = [...name]
    .map((char) => (/^[A-Za-z0-9_-]$/.test(char) ? char : `.${char.codePointAt(0)?.toString(16)}`))
    .join('');
  return `${prefix}-${encoded}`;
}
