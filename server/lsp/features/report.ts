/**
 * `kpi/report`: a file's scorecard as the HTML report (server/report/) for a
 * VS Code webview: the page follows the editor's theme through its
 * `--vscode-*` variables and allows its own inline script and stylesheet by
 * a nonce, which VS Code requires of webview content.
 *
 * Invariant: every response gets a fresh random nonce (node:crypto), so a
 * page can never be replayed with a nonce an earlier page disclosed.
 */

import { randomBytes } from 'node:crypto';
import type { ScorecardResult } from '../../../grammar/results/schema';
import { renderReport } from '../../report/render';

/** 18 random bytes: 24 characters of base64, above the renderer's 16-character minimum. */
const NONCE_BYTES = 18;

export function reportHtml(scorecard: ScorecardResult): string {
  return renderReport(scorecard, { forWebview: true, cspNonce: randomBytes(NONCE_BYTES).toString('base64') });
}
