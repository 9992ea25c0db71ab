/**
 * UTF-8 for the loader, which works on bytes and turns them into strings only
 * for header names, dictionary entries and problem messages. Invalid
 * sequences decode to U+FFFD (never an exception).
 */

/**
 * The WHATWG TextDecoder exists in Node, browsers and VS Code, but
 * the pure core compiles without DOM or Node type libraries: declare the
 * little we use, in this module's scope only.
 */
declare const TextDecoder: new (label: 'utf-8') => { decode(input: Uint8Array): string };

declare const TextEncoder: new () => { encode(input: string): Uint8Array };

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** Measured: for ten-byte ids the native decoder beats building the string in JS (one string, no pieces). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}

/** A string as UTF-8 bytes. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Writes one code point as UTF-8 at `at` (the caller guarantees 4 free bytes);
 * returns the position after it. Lone surrogates become U+FFFD.
 */
export function writeCodePoint(target: Uint8Array, at: number, codePoint: number): number {
  let cp = codePoint;
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) {
    target[at] = cp;
    return at + 1;
  }
  if (cp < 0x800) {
    target[at] = 0xc0 | (cp >> 6);
    target[at + 1] = 0x80 | (cp & 0x3f);
    return at + 2;
  }
  if (cp < 0x10000) {
    target[at] = 0xe0 | (cp >> 12);
    target[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
    target[at + 2] = 0x80 | (cp & 0x3f);
    return at + 3;
  }
  target[at] = 0xf0 | (cp >> 18);
  target[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
  target[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
  target[at + 3] = 0x80 | (cp & 0x3f);
  return at + 4;
}
