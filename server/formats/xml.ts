/**
 * Escaping for XML 1.0 text and attribute values (the JUnit output). Besides
 * the five markup characters, characters XML 1.0 cannot carry at all (C0
 * controls other than tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates)
 * become U+FFFD, so data from a CSV file can never make the report invalid.
 * In attributes, tab, LF and CR are written as character references so that
 * parsers do not normalise them to spaces.
 */

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttribute(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** `<name a="1" b="x">`, or self-closed; attribute values are escaped here. */
export function openTag(name: string, attributes: Readonly<Record<string, string | number>>, selfClose = false): string {
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`).join('');
  return `<${name}${attrs}${selfClose ? '/>' : '>'}`;
}
