/**
 * The `kpi.showBreakdown` command: a KPI's or index's report (breakdown-report.ts)
 * in a read-only virtual document `kpi-breakdown:/<name>.md`, shown as a
 * Markdown preview beside the editor. Run by the server's "Show breakdown"
 * code lens with `{ uri, name }`, or from the palette, which asks for a KPI of
 * the active file.
 *
 * Virtual documents keep it working in remote and web hosts: nothing is written
 * to disk. Returns the document's URI, so callers and tests can read it.
 */
import * as vscode from 'vscode';
import type { MeasureResult, ScorecardResult } from '../../grammar/results/schema';
import { breakdownReport } from './breakdown-report';
import { ShowBreakdownCommand, type ShowBreakdownArguments } from './protocol';
import { ServerSession, messageOf } from './server-session';

export const BREAKDOWN_SCHEME = 'kpi-breakdown';

class BreakdownDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This report is no longer available: run "Show breakdown" again.';
  }
}

export function registerBreakdownView(context: vscode.ExtensionContext, session: ServerSession): void {
  const documents = new BreakdownDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(BREAKDOWN_SCHEME, documents),
    vscode.commands.registerCommand(ShowBreakdownCommand, (args?: ShowBreakdownArguments) =>
      showBreakdown(session, documents, args)),
  );
}

async function showBreakdown(
  session: ServerSession,
  documents: BreakdownDocuments,
  args: ShowBreakdownArguments | undefined,
): Promise<vscode.Uri | undefined> {
  const source = args ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  if (!source || (!args && vscode.window.activeTextEditor?.document.languageId !== 'kpi')) {
    void vscode.window.showWarningMessage('KPI: open a .kpi file to see a breakdown.');
    return undefined;
  }
  let measures: MeasureResult[];
  try {
    const result = await session.evaluate(source);
    if (!isScorecard(result.scorecard)) throw new Error('the file could not be evaluated (see its problems)');
    measures = result.scorecard.measures;
  } catch (error) {
    void vscode.window.showErrorMessage(`KPI: no breakdown: ${messageOf(error)}`);
    return undefined;
  }
  const name = args?.name ?? (await pickMeasure(measures));
  if (!name) return undefined;
  const measure = measures.find((m) => m.name === name);
  if (!measure) {
    void vscode.window.showErrorMessage(`KPI: ${name} has no result in this file.`);
    return undefined;
  }
  const uri = vscode.Uri.from({ scheme: BREAKDOWN_SCHEME, path: `/${measure.name}.md`, query: source.toString() });
  documents.set(uri, breakdownReport(measure));
  await openPreview(uri);
  return uri;
}

/**
 * The server is the schema's owner and validates its output; a shape check is
 * enough here and keeps zod (which schema.ts loads) out of the extension bundle.
 */
function isScorecard(value: unknown): value is ScorecardResult {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { version?: unknown; measures?: unknown };
  return typeof candidate.version === 'number' && Array.isArray(candidate.measures);
}

async function pickMeasure(measures: MeasureResult[]): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    measures.map((m) => ({ label: m.name, description: m.title ?? undefined })),
    { placeHolder: 'Which KPI or index?' },
  );
  return picked?.label;
}

/** The Markdown preview when the built-in Markdown extension is there, else the text. */
async function openPreview(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  } catch {
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}
