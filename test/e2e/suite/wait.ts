/**
 * Waiting in end-to-end tests without sleeps: on an event with a timeout, or
 * on a condition re-checked until it holds or the timeout passes. A timeout
 * fails with what was last seen, so a failing run says why.
 */
import * as vscode from 'vscode';

export const DEFAULT_TIMEOUT_MS = 20_000;
const RECHECK_MS = 50;

/**
 * Resolves with the first non-undefined value of `probe`, checked now and then
 * again every RECHECK_MS. `describe` renders the last value seen for the error.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
  }
}

/** The current diagnostics of `uri` once `accept` holds for them, checked on every change. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const seen = vscode.languages.getDiagnostics(uri).map(describeDiagnostic).join('; ') || 'none';
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${seen}`));
    }, timeoutMs);
    function finish(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const { line, character } = diagnostic.range.start;
  return `${line + 1}:${character + 1} ${diagnostic.message}`;
}
