/**
 * The extension in a real VS Code: present, activated by the `kpi` language
 * only, its commands and settings contributed, its language configuration in
 * effect. Runs first (file order): nothing has opened a .kpi file yet.
 * These do not need the language server.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';
import { COMMANDS, afterSalesUri, extension, openSample } from './workspace';

describe('extension activation', () => {
  it('is installed and not active before a .kpi file is opened', () => {
    assert.equal(extension().isActive, false, 'the extension activated without a .kpi file being opened');
  });

  it('activates when after-sales.kpi is opened, which is in the kpi language', async () => {
    const editor = await openSample(afterSalesUri());
    assert.equal(editor.document.languageId, 'kpi');
    await waitFor('the extension to activate', () => (extension().isActive ? true : undefined));
  });

  it('registers its commands', async () => {
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const command of COMMANDS) assert.ok(commands.has(command), `command ${command} is not registered`);
  });

  it('contributes its settings with their defaults', () => {
    const settings = vscode.workspace.getConfiguration('kpi');
    assert.equal(settings.get('evaluation.enabled'), true);
    assert.equal(settings.get('inlayHints.enabled'), true);
    assert.equal(settings.get('evaluation.maxRows'), 200000);
    assert.equal(settings.get('compare.base'), 'auto');
    assert.equal(settings.get('trace.server'), 'off');
  });

  it('comments a line with // (language configuration)', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'kpi', content: 'kpi probe {\n}\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.equal(document.lineAt(0).text, '// kpi probe {');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
