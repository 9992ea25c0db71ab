/**
 * Diagnostics pushed to the client (`textDocument/publishDiagnostics`):
 * after every analysis, for every file of the analysed closure, and an empty
 * list for files that no longer have any.
 *
 * A file can belong to several open entries' closures (a shared
 * `datasets.kpi`); its diagnostics are the union of what each entry found in
 * it, duplicates removed. An entry whose analysis saw an older text of an
 * open file than the editor now holds is left out for that file, so stale
 * offsets are never shown. Each diagnostic keeps its code (quick fixes key on
 * it) and its `data` (their details).
 */

import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import type { Diagnostic, Severity } from '../../../grammar/diagnostics';
import type { SourceFile } from '../../../grammar/program';
import { fileToUri, toRange } from '../convert';
import type { Snapshot, Workspace } from '../workspace';
import { diagnosticDocLink } from '../diagnostics-docs';

function codeLink(code: string): { codeDescription?: { href: string } } {
  const href = diagnosticDocLink(code);
  return href ? { codeDescription: { href } } : {};
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(
  diagnostic: Diagnostic,
  source: SourceFile,
  files: ReadonlyMap<string, SourceFile>,
  openUris: ReadonlyMap<string, string>,
): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const location of diagnostic.related ?? []) {
    const target = files.get(location.file);
    if (!target) continue;
    related.push({
      location: { uri: fileToUri(location.file, openUris), range: toRange(target.lines, location.span) },
      message: location.message,
    });
  }
  return {
    range: toRange(source.lines, diagnostic.span),
    severity: SEVERITY[diagnostic.severity],
    code: diagnostic.code,
    ...codeLink(diagnostic.code),
    source: 'kpi',
    message: diagnostic.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    ...(diagnostic.data ? { data: diagnostic.data } : {}),
  };
}

/** Every file of every entry's closure with its merged diagnostics (possibly none). */
export function diagnosticsByFile(
  snapshots: readonly Snapshot[],
  openText: (file: string) => string | undefined,
  openUris: ReadonlyMap<string, string>,
): Map<string, LspDiagnostic[]> {
  const merged = new Map<string, Map<string, LspDiagnostic>>();
  for (const snapshot of snapshots) {
    const byFile = groupByFile(snapshot.diagnostics);
    for (const [file, source] of snapshot.program.files) {
      let target = merged.get(file);
      if (!target) merged.set(file, (target = new Map()));
      const current = openText(file);
      if (current !== undefined && current !== source.text) continue;
      for (const diagnostic of byFile.get(file) ?? []) {
        const key = `${diagnostic.code}|${diagnostic.span.start}|${diagnostic.span.end}|${diagnostic.message}`;
        if (!target.has(key)) target.set(key, toLspDiagnostic(diagnostic, source, snapshot.program.files, openUris));
      }
    }
  }
  const result = new Map<string, LspDiagnostic[]>();
  for (const [file, diagnostics] of merged) {
    result.set(file, [...diagnostics.values()].sort(byPosition));
  }
  return result;
}

/** Sends diagnostics, remembering what each URI last received. */
export class DiagnosticsPublisher {
  private readonly published = new Map<string, string>();

  constructor(private readonly send: (params: PublishDiagnosticsParams) => void) {}

  /**
   * Publishes the workspace's merged diagnostics: always for the files of
   * `trigger`'s closure (clients expect a push after every change), for the
   * other files only when their list changed.
   */
  publish(workspace: Workspace, trigger: Snapshot | undefined): void {
    const openUris = workspace.openUris;
    const byFile = diagnosticsByFile(workspace.snapshots(), (file) => workspace.openText(file), openUris);
    const seen = new Set<string>();
    for (const [file, diagnostics] of byFile) {
      const uri = fileToUri(file, openUris);
      seen.add(uri);
      // Open documents' diagnostics say which version they describe (all of
      // them are for the current text, see diagnosticsByFile).
      const version = workspace.document(uri)?.version;
      const key = JSON.stringify([version, diagnostics]);
      if (this.published.get(uri) === key && !trigger?.program.files.has(file)) continue;
      this.published.set(uri, key);
      this.send(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    }
    for (const uri of [...this.published.keys()]) {
      if (seen.has(uri)) continue;
      this.published.delete(uri);
      this.send({ uri, diagnostics: [] });
    }
  }
}

function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const result = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    let list = result.get(diagnostic.file);
    if (!list) result.set(diagnostic.file, (list = []));
    list.push(diagnostic);
  }
  return result;
}

function byPosition(a: LspDiagnostic, b: LspDiagnostic): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || String(a.code).localeCompare(String(b.code));
}
