/**
 * The latest headline summary per document, as reported by the server's
 * `kpi/resultsChanged` notifications. Keyed by the URI's string form as VS Code
 * prints it, so lookups by `document.uri` match whatever spelling the server used.
 */
import * as vscode from 'vscode';
import { statusLabel } from '../../grammar/results/format';
import type { HeadlineChange } from './api';
import type { HeadlineSummary } from './protocol';

export class Headlines implements vscode.Disposable {
  private readonly byUri = new Map<string, HeadlineSummary | null>();
  private readonly changed = new vscode.EventEmitter<HeadlineChange>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri): HeadlineSummary | null | undefined {
    return this.byUri.get(uri.toString());
  }

  set(uri: vscode.Uri, summary: HeadlineSummary | null): void {
    this.byUri.set(uri.toString(), summary);
    this.changed.fire({ uri, summary });
  }

  /** Forgets every report, e.g. when the server restarts. */
  clear(): void {
    const uris = [...this.byUri.keys()];
    this.byUri.clear();
    for (const uri of uris) this.changed.fire({ uri: vscode.Uri.parse(uri), summary: null });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** One line for messages: `After-sales satisfaction index: 78.2 (warning)`. */
export function describeHeadline(summary: HeadlineSummary): string {
  return `${summary.title ?? summary.name}: ${summary.value} (${statusLabel(summary.status)})`;
}
