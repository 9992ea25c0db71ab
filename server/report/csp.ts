/**
 * The report's Content-Security-Policy: nothing may load (`default-src
 * 'none'`), only the report's own inline script and stylesheet may run or
 * apply, images only as data: URLs. The script and the stylesheet are allowed
 * by a nonce when the host gives one (the VS Code webview, which must, since
 * it builds its own policy around a nonce), else by their SHA-256 hashes, so
 * a report file is the same bytes for the same result.
 *
 * chart.js sizes its canvases through the CSSOM (element.style), which
 * style-src does not govern: no 'unsafe-inline' is needed.
 */

import { createHash } from 'node:crypto';

export interface InlineSources {
  script: string;
  style: string;
}

export interface ContentPolicy {
  /** The policy, for `<meta http-equiv="Content-Security-Policy">`. */
  policy: string;
  /** The `nonce` attribute value for the script and style elements; undefined when hashes allow them. */
  nonce: string | undefined;
}

const NONCE = /^[A-Za-z0-9+/_=-]{16,}$/;

export function contentPolicy(sources: InlineSources, nonce: string | undefined): ContentPolicy {
  if (nonce !== undefined && !NONCE.test(nonce)) {
    throw new Error('cspNonce must be at least 16 characters of base64 (A-Z a-z 0-9 + / _ - =)');
  }
  const script = nonce === undefined ? `'${sha256(sources.script)}'` : `'nonce-${nonce}'`;
  const style = nonce === undefined ? `'${sha256(sources.style)}'` : `'nonce-${nonce}'`;
  const policy = [
    "default-src 'none'",
    `script-src ${script}`,
    `style-src ${style}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return { policy, nonce };
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
