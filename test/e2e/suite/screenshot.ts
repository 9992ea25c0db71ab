/**
 * Screenshots of the real editor for the docs (docs/images/editor.png). Only
 * when the run was started with KPI_E2E_SCREENSHOT=<png path>: the launcher
 * then passes KPI_E2E_CONTROL_URL, and the answer to the request comes once the
 * PNG is written. Otherwise this does nothing, so tests do not depend on it.
 */
import * as vscode from 'vscode';

/** Takes the screenshot once `waitForText` is painted in the editor (e.g. an inlay hint's label). */
export async function screenshotForDocs(waitForText: string): Promise<void> {
  const control = process.env.KPI_E2E_CONTROL_URL;
  if (!control) return;
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('notifications.clearAll');
  const response = await fetch(`${control}/screenshot`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ waitForText }),
  });
  if (!response.ok) throw new Error(`screenshot failed: ${await response.text()}`);
}
