/**
 * The extension under test and the sample workspace as the tests see them.
 * The workspace folder is a throwaway copy of samples/ (test/e2e/run.ts), so
 * tests may edit and save; each test that edits puts the text back and saves.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KpiExtensionApi } from '../../../client/src/api';

export const EXTENSION_ID = 'kpi-lang.kpi-lang';
export const COMMANDS = ['kpi.evaluateNow', 'kpi.showBreakdown', 'kpi.showReport', 'kpi.restartServer', 'kpi.showOutput'] as const;

export function extension(): vscode.Extension<KpiExtensionApi> {
  const found = vscode.extensions.getExtension<KpiExtensionApi>(EXTENSION_ID);
  assert.ok(found, `extension ${EXTENSION_ID} is not loaded`);
  return found;
}

/** A file of the workspace copy, e.g. sampleUri('after-sales', 'after-sales.kpi'). */
export function sampleUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run has no workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export const afterSalesUri = (): vscode.Uri => sampleUri('after-sales', 'after-sales.kpi');

/** Opens a sample in an editor and returns it. */
export async function openSample(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Replaces `range` of the editor's document with `text`; the edit must be applied. */
export async function edit(editor: vscode.TextEditor, range: vscode.Range, text: string): Promise<void> {
  const change = new vscode.WorkspaceEdit();
  change.replace(editor.document.uri, range, text);
  assert.ok(await vscode.workspace.applyEdit(change), 'the edit was not applied');
}

export function endOf(document: vscode.TextDocument): vscode.Position {
  return document.lineAt(document.lineCount - 1).range.end;
}

/** The position of the first match of `pattern`'s group 1 (or whole match) in the document. */
export function positionOf(document: vscode.TextDocument, pattern: RegExp): vscode.Position {
  const match = pattern.exec(document.getText());
  assert.ok(match, `${pattern} does not occur in ${document.uri.path}`);
  const offset = match.index + (match[1] !== undefined ? match[0].indexOf(match[1]) : 0);
  return document.positionAt(offset);
}
