/**
 * "KPI: Show report" in the real editor: the after-sales report opens in a
 * webview panel beside the file, follows edits of the file (a changed target
 * makes the panel ask for a new page), and is forgotten once closed. The
 * panel is observed through the extension's API (reportPanels), never by
 * waiting a fixed time.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KpiExtensionApi, ReportPanelState } from '../../../client/src/api';
import { waitFor } from './wait';
import { afterSalesUri, edit, extension, openSample, positionOf } from './workspace';

/** A report page is a whole document with the app inlined: far more than a message page. */
const MIN_REPORT_LENGTH = 10_000;

async function api(): Promise<KpiExtensionApi> {
  const active = await extension().activate();
  await active.evaluate(afterSalesUri()); // fails at once, with the reason, when the server is not running
  return active;
}

function afterSalesPanel(kpi: KpiExtensionApi): ReportPanelState | undefined {
  return kpi.reportPanels().find((panel) => panel.uri === afterSalesUri().toString());
}

describe('report view', () => {
  it('opens the report beside the file with "KPI: Show report"', async () => {
    const kpi = await api();
    await openSample(afterSalesUri());
    await vscode.commands.executeCommand('kpi.showReport');
    const panel = await waitFor('a visible after-sales report panel with its page', () => {
      const found = afterSalesPanel(kpi);
      return found && found.visible && found.htmlLength > MIN_REPORT_LENGTH ? found : undefined;
    });
    assert.ok(panel.refreshes >= 1);
    assert.equal(kpi.reportPanels().length, 1);
  });

  it('refreshes the open report when a target changes', async () => {
    const kpi = await api();
    const editor = await openSample(afterSalesUri());
    const shown = await waitFor('the after-sales report panel', () => afterSalesPanel(kpi));
    const document = editor.document;
    const start = positionOf(document, /kpi resolution_rate[^{]*\{[^}]*target >= (90)%/);
    const target = new vscode.Range(start, start.translate(0, 2));
    await edit(editor, target, '70');
    try {
      const refreshed = await waitFor('the report panel to show a new page', () => {
        const found = afterSalesPanel(kpi);
        return found && found.refreshes > shown.refreshes && found.htmlLength > MIN_REPORT_LENGTH ? found : undefined;
      });
      assert.ok(refreshed.visible);
    } finally {
      await edit(editor, target, '90');
      await document.save();
    }
  });

  it('forgets the panel once it is closed', async () => {
    const kpi = await api();
    await openSample(afterSalesUri());
    await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
    await waitFor('no report panel', () => (afterSalesPanel(kpi) === undefined ? true : undefined));
  });
});
