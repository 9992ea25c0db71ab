/**
 * The language server through the real editor, on the after-sales sample
 * (after-sales.kpi imports datasets.kpi): diagnostics, inlay hints, hover,
 * completion, go to definition across files, and the "Evaluate now" command.
 *
 * Expected values are not written here: they come from the server's own
 * scorecard (`kpi/evaluate`) and headline (`kpi/resultsChanged`), and each
 * feature must show the same thing, so the tests hold whatever the sample data.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ScorecardResultSchema, type MeasureResult, type ScorecardResult } from '../../../grammar/results/schema';
import type { HeadlineSummary } from '../../../client/src/protocol';
import { parseMarkers } from '../../support/markers';
import { screenshotForDocs } from './screenshot';
import { describeDiagnostic, waitFor, waitForDiagnostics } from './wait';
import { afterSalesUri, edit, endOf, extension, openSample, positionOf, sampleUri } from './workspace';

interface Evaluation {
  scorecard: ScorecardResult;
  headline: HeadlineSummary;
  /** The headline's own result in the scorecard. */
  measure: MeasureResult;
}

/** Fails at once, with the reason, when the server is not running (instead of waiting out a timeout). */
async function requireServer(): Promise<void> {
  const api = await extension().activate();
  // Activation returns while the server starts; `ready` says whether it did.
  assert.equal(await api.ready(), true, 'the language server did not start (see the "KPI Language Server" output)');
  await api.evaluate(afterSalesUri());
}

/** Evaluates after-sales.kpi now and reads its headline, as every feature below must show it. */
async function evaluateAfterSales(): Promise<Evaluation> {
  const api = await extension().activate();
  const uri = afterSalesUri();
  const result = await api.evaluate(uri);
  assert.ok(result.scorecard, 'the server returned no scorecard for after-sales.kpi');
  const scorecard = ScorecardResultSchema.parse(result.scorecard);
  const headline = await waitFor('the headline of after-sales.kpi', () => api.headline(uri) ?? undefined);
  const measure = scorecard.measures.find((m) => m.name === headline.name);
  assert.ok(measure, `the headline ${headline.name} is not in the scorecard`);
  return { scorecard, headline, measure };
}

function labelText(hint: vscode.InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Labels of the server's items: VS Code's word-based suggestions (kind Text) are left out. */
function serverCompletionLabels(list: vscode.CompletionList): string[] {
  return list.items
    .filter((item) => item.kind !== vscode.CompletionItemKind.Text)
    .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function isAfterSales(measure: MeasureResult): boolean {
  return measure.file.endsWith('after-sales.kpi');
}

describe('language server in the editor', () => {
  before(async () => {
    await openSample(afterSalesUri());
  });

  it('reports a broken line and clears the report once it is fixed', async () => {
    await requireServer();
    const editor = await openSample(afterSalesUri());
    const document = editor.document;
    const brokenLine = document.lineCount;
    await edit(editor, new vscode.Range(endOf(document), endOf(document)), '\n@@ not a declaration @@');
    const reported = await waitForDiagnostics(afterSalesUri(), `an error on line ${brokenLine + 1}`, (diagnostics) =>
      diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === brokenLine));
    assert.ok(reported.length > 0);

    await edit(editor, new vscode.Range(document.lineAt(brokenLine - 1).range.end, endOf(document)), '');
    const after = await waitForDiagnostics(afterSalesUri(), 'no errors after the fix', (diagnostics) =>
      !diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
    assert.ok(after.every((d) => d.range.start.line < brokenLine), after.map(describeDiagnostic).join('; '));
    await document.save();
  });

  it('shows each KPI value as an inlay hint on its declaration', async () => {
    const editor = await openSample(afterSalesUri());
    const { scorecard, headline, measure } = await evaluateAfterSales();
    const document = editor.document;
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const hintsOn = (hints: vscode.InlayHint[], line: number): string =>
      hints.filter((hint) => hint.position.line === line).map(labelText).join(' ');

    const hints = await waitFor('an inlay hint with the headline value', async () => {
      const found = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, whole);
      return hintsOn(found, measure.line - 1).includes(headline.value) ? found : undefined;
    });
    const declaredHere = scorecard.measures.filter(isAfterSales);
    assert.ok(declaredHere.length > 1, 'after-sales.kpi should declare several KPIs and an index');
    for (const declared of declaredHere) {
      assert.notEqual(hintsOn(hints, declared.line - 1), '', `no inlay hint on the declaration of ${declared.name} (line ${declared.line})`);
    }
    const headlineLine = measure.line - 1;
    editor.revealRange(new vscode.Range(headlineLine, 0, headlineLine, 0), vscode.TextEditorRevealType.InCenter);
    await screenshotForDocs(hintsOn(hints, headlineLine).trim());
  });

  it('hovers a KPI name with its value and breakdown', async () => {
    const editor = await openSample(afterSalesUri());
    const { headline, measure } = await evaluateAfterSales();
    const segment = measure.breakdowns.flatMap((b) => b.segments)[0];
    assert.ok(segment, `the sample's headline ${measure.name} should be broken down by segment`);
    const at = positionOf(editor.document, new RegExp(`\\b(?:kpi|index)\\s+(${measure.name})\\b`));
    const text = await waitFor('a hover with the value and a segment', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      const shown = hoverText(hovers);
      return shown.includes(headline.value) && shown.includes(segment.segment) ? shown : undefined;
    });
    assert.ok(text.includes(headline.value));
  });

  it('completes the columns of a dataset after `tickets.`', async () => {
    await requireServer();
    const editor = await openSample(afterSalesUri());
    const document = editor.document;
    const probe = parseMarkers('\n\nkpi completion_probe "Completion probe" {\n  value mean(tickets.‸)\n}\n');
    const start = document.offsetAt(endOf(document));
    await edit(editor, new vscode.Range(endOf(document), endOf(document)), probe.text);
    try {
      const at = document.positionAt(start + probe.cursors[0]);
      const labels = await waitFor('a completion list with csat', async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider', document.uri, at, '.');
        const found = serverCompletionLabels(list);
        return found.includes('csat') ? found : undefined;
      });
      assert.ok(labels.includes('csat'));
    } finally {
      await edit(editor, new vscode.Range(document.positionAt(start), endOf(document)), '');
      await document.save();
    }
  });

  it('goes from `tickets` in after-sales.kpi to its declaration in datasets.kpi', async () => {
    await requireServer();
    const editor = await openSample(afterSalesUri());
    const at = positionOf(editor.document, /\b(tickets)\./);
    const targets = await waitFor('a definition of tickets', async () => {
      const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
        'vscode.executeDefinitionProvider', editor.document.uri, at);
      return found.length > 0 ? found : undefined;
    });
    const target = targets[0];
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    const range = 'targetUri' in target ? target.targetSelectionRange ?? target.targetRange : target.range;
    assert.equal(uri.toString(), sampleUri('after-sales', 'datasets.kpi').toString());
    const declaration = await vscode.workspace.openTextDocument(uri);
    assert.match(declaration.lineAt(range.start.line).text, /\bdataset\s+tickets\b/);
    assert.ok(declaration.getText(range).includes('tickets'), `the target range shows "${declaration.getText(range)}"`);
  });

  it('evaluates the active file with "KPI: Evaluate now"', async () => {
    await openSample(afterSalesUri());
    const result = await vscode.commands.executeCommand<{ scorecard: unknown } | undefined>('kpi.evaluateNow');
    assert.ok(result && result.scorecard, 'kpi.evaluateNow returned no scorecard');
    const scorecard = ScorecardResultSchema.parse(result.scorecard);
    assert.ok(scorecard.measures.some(isAfterSales), 'the scorecard has no measure of after-sales.kpi');
    assert.ok((await extension().activate()).headline(afterSalesUri()), 'no headline was reported after evaluating');
  });

  it('shows the headline\'s breakdown with "KPI: Show breakdown"', async () => {
    await openSample(afterSalesUri());
    const { measure } = await evaluateAfterSales();
    const breakdown = measure.breakdowns.find((b) => b.segments.length > 0);
    assert.ok(breakdown, `the sample's headline ${measure.name} should be broken down by segment`);
    const report = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      'kpi.showBreakdown', { uri: afterSalesUri().toString(), name: measure.name });
    assert.ok(report, 'kpi.showBreakdown opened no report');
    // Markdown escapes (`\_`) removed, to compare with the plain names.
    const text = (await vscode.workspace.openTextDocument(report)).getText().replace(/\\(.)/g, '$1');
    assert.ok(text.includes(`## By ${breakdown.column}`), text);
    for (const segment of breakdown.segments) assert.ok(text.includes(`| ${segment.segment} |`), `segment ${segment.segment} missing:\n${text}`);
  });
});
