/**
 * The language server's behaviour, independent of any transport: LSP
 * requests in, answers out, answered from the workspace's snapshots by one
 * feature module each (server/lsp/features/). connection.ts routes a real
 * connection to these methods; tests drive it in-process the same way.
 *
 * Invariants: requests never trigger an analysis of their own (they take the
 * latest snapshot, see workspace.ts); nothing here writes to stdout; a
 * failure inside a feature is logged and answered with an empty result
 * rather than crashing the server.
 */

import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionParams,
  type DefinitionParams,
  type DidChangeConfigurationParams,
  type DidChangeTextDocumentParams,
  type DidChangeWatchedFilesParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type DocumentFormattingParams,
  type DocumentRangeFormattingParams,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type FoldingRange,
  type FoldingRangeParams,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type InlayHint,
  type InlayHintParams,
  type Location,
  type PrepareRenameParams,
  type PublishDiagnosticsParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type SemanticTokens,
  type SemanticTokensParams,
  type SignatureHelp,
  type SignatureHelpParams,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import type { SourceFile } from '../../grammar/program';
import { toOffset, uriToFile } from './convert';
import { codeActions } from './features/code-actions';
import { codeLenses } from './features/code-lens';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { DiagnosticsPublisher } from './features/diagnostics';
import { documentSymbols } from './features/document-symbols';
import { foldingRanges } from './features/folding';
import { formatDocument, formatRange } from './features/formatting';
import { headline } from './features/headline';
import { hover } from './features/hover';
import { inlayHints } from './features/inlay-hints';
import { references } from './features/references';
import { reportHtml } from './features/report';
import { prepareRename, rename } from './features/rename';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semantic-tokens';
import { signatureHelp } from './features/signature-help';
import { workspaceSymbols } from './features/workspace-symbols';
import type { EvaluateParams, EvaluateResult, ReportParams, ReportResult, ResultsChangedParams } from './protocol';
import { parseSettings, SETTINGS_SECTION } from './settings';
import { Workspace, type Snapshot } from './workspace';

/** What the server needs from its client: implemented over a connection in connection.ts. */
export interface ClientChannel {
  publishDiagnostics(params: PublishDiagnosticsParams): void;
  resultsChanged(params: ResultsChangedParams): void;
  refreshInlayHints(): void;
  refreshCodeLenses(): void;
  /** `workspace/configuration` for the `kpi` section. */
  fetchSettings(): Promise<unknown>;
  /** Dynamic registrations (configuration changes, file watchers). */
  register(method: 'configuration' | 'watchedFiles'): void;
  log(message: string): void;
  error(message: string): void;
}

export interface ServerOptions {
  /** Delay between the last edit and the analysis; default 150 ms. */
  debounceMs?: number;
  /** How many `.kpi` files rename and references look at; default 20,000 (workspace.ts). */
  maxListedFiles?: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

/** Files whose change on disk matters: imports and data. */
export const WATCHED_FILES = '**/*.{kpi,csv,json,jsonl,ndjson}';

export class KpiLanguageServer {
  readonly workspace: Workspace;
  private readonly diagnostics: DiagnosticsPublisher;
  private capabilities: ClientCapabilities = {};

  constructor(private readonly client: ClientChannel, options: ServerOptions = {}) {
    this.diagnostics = new DiagnosticsPublisher((params) => client.publishDiagnostics(params));
    this.workspace = new Workspace(
      {
        analysed: (snapshot) => this.diagnostics.publish(this.workspace, snapshot),
        evaluated: (snapshot) => this.onEvaluated(snapshot),
        closed: () => this.diagnostics.publish(this.workspace, undefined),
        failed: (uri, error) => this.client.error(`kpi: analysing ${uri} failed: ${describe(error)}`),
      },
      { debounceMs: options.debounceMs ?? DEFAULT_DEBOUNCE_MS, maxListedFiles: options.maxListedFiles },
    );
  }

  // --- lifecycle -----------------------------------------------------------

  initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((folder) => uriToFile(folder.uri))
      ?? (params.rootUri ? [uriToFile(params.rootUri)] : []);
    this.workspace.setWorkspaceFolders(folders);
    // Settings may also come as initializationOptions `{ kpi: {...} }` (Helix's `config`).
    const options = params.initializationOptions as Record<string, unknown> | null | undefined;
    this.workspace.setSettings(parseSettings(options?.[SETTINGS_SECTION]));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '('] },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
      },
      serverInfo: { name: 'kpi-lang' },
    };
  }

  async initialized(): Promise<void> {
    if (this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) this.client.register('configuration');
    if (this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) this.client.register('watchedFiles');
    await this.refreshSettings();
  }

  shutdown(): void {
    this.workspace.dispose();
  }

  // --- notifications -------------------------------------------------------

  didOpen(params: DidOpenTextDocumentParams): void {
    const { uri, version, text } = params.textDocument;
    this.workspace.open(uri, version, text);
  }

  didChange(params: DidChangeTextDocumentParams): void {
    this.workspace.change(params.textDocument.uri, params.textDocument.version, params.contentChanges);
  }

  didClose(params: DidCloseTextDocumentParams): void {
    this.workspace.close(params.textDocument.uri);
  }

  async didChangeConfiguration(params: DidChangeConfigurationParams): Promise<void> {
    if (this.capabilities.workspace?.configuration) {
      await this.refreshSettings();
    } else {
      const settings = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
      this.workspace.setSettings(parseSettings(settings));
    }
  }

  didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    this.workspace.filesChanged(params.changes.map((change) => uriToFile(change.uri)));
  }

  // --- requests ------------------------------------------------------------

  hover(params: HoverParams): Promise<Hover | null> {
    return this.withEvaluated(params.textDocument.uri, null, (snapshot, source) =>
      hover(snapshot, source, toOffset(source.lines, params.position)));
  }

  completion(params: CompletionParams): CompletionItem[] {
    return this.withSnapshot(params.textDocument.uri, [], (snapshot, source) =>
      completion(snapshot, source, toOffset(source.lines, params.position)));
  }

  signatureHelp(params: SignatureHelpParams): SignatureHelp | null {
    return this.withSnapshot(params.textDocument.uri, null, (_snapshot, source) =>
      signatureHelp(source, toOffset(source.lines, params.position)));
  }

  definition(params: DefinitionParams): Location[] {
    return this.withSnapshot(params.textDocument.uri, [], (snapshot, source) =>
      definition(snapshot, source, toOffset(source.lines, params.position), this.workspace.openUris));
  }

  references(params: ReferenceParams): Location[] {
    return this.withSnapshot(params.textDocument.uri, [], (snapshot, source) =>
      references(this.currentSnapshots(), snapshot, source, toOffset(source.lines, params.position),
        params.context.includeDeclaration, this.workspace.openUris, (names) => this.workspace.closedProgramsMentioning(names)));
  }

  prepareRename(params: PrepareRenameParams): { range: Range; placeholder: string } | null {
    return this.withSnapshot(params.textDocument.uri, null, (snapshot, source) =>
      prepareRename(snapshot, source, toOffset(source.lines, params.position)));
  }

  /** Throws a ResponseError (shown to the user) when the new name is refused. */
  rename(params: RenameParams): WorkspaceEdit | null {
    const snapshot = this.workspace.latest(params.textDocument.uri);
    const source = snapshot?.program.files.get(snapshot.file);
    if (!snapshot || !source) return null;
    return rename(this.currentSnapshots(), snapshot, source, toOffset(source.lines, params.position),
      params.newName, this.workspace.openUris, (names) => this.workspace.closedProgramsMentioning(names));
  }

  documentSymbols(params: DocumentSymbolParams): DocumentSymbol[] {
    return this.withSnapshot(params.textDocument.uri, [], (_snapshot, source) => documentSymbols(source));
  }

  workspaceSymbols(params: WorkspaceSymbolParams): SymbolInformation[] {
    return this.guard([], () => workspaceSymbols(
      [...this.currentSnapshots().map((snapshot) => snapshot.program), ...this.workspace.closedPrograms()],
      params.query, this.workspace.openUris));
  }

  foldingRanges(params: FoldingRangeParams): FoldingRange[] {
    return this.withSnapshot(params.textDocument.uri, [], (_snapshot, source) => foldingRanges(source));
  }

  semanticTokens(params: SemanticTokensParams): SemanticTokens {
    return this.withSnapshot(params.textDocument.uri, { data: [] }, (snapshot, source) => semanticTokens(snapshot, source));
  }

  formatting(params: DocumentFormattingParams): TextEdit[] {
    return this.withSnapshot(params.textDocument.uri, [], (snapshot, source) =>
      formatDocument(source, hasSyntaxErrors(snapshot, source)));
  }

  rangeFormatting(params: DocumentRangeFormattingParams): TextEdit[] {
    return this.withSnapshot(params.textDocument.uri, [], (snapshot, source) =>
      formatRange(source, hasSyntaxErrors(snapshot, source), params.range));
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return this.withSnapshot(params.textDocument.uri, [], (snapshot, source) =>
      codeActions(snapshot, source, params.textDocument.uri, params.context.diagnostics, this.workspace.openUris,
        (dataset, column) => {
          const binding = snapshot.program.datasets.find((candidate) => candidate.name === dataset);
          return binding && this.workspace.guessColumn(binding, column, snapshot.root);
        }));
  }

  codeLenses(params: CodeLensParams): Promise<CodeLens[]> {
    return this.withEvaluated(params.textDocument.uri, [], (snapshot, source) =>
      codeLenses(snapshot, source, params.textDocument.uri));
  }

  inlayHints(params: InlayHintParams): Promise<InlayHint[]> {
    if (!this.workspace.settings.inlayHints.enabled) return Promise.resolve([]);
    return this.withEvaluated(params.textDocument.uri, [], (snapshot, source) =>
      inlayHints(snapshot, source, params.range));
  }

  async evaluate(params: EvaluateParams): Promise<EvaluateResult> {
    const snapshot = await this.workspace.evaluateNow(params.uri);
    return { scorecard: snapshot?.scorecard ?? null };
  }

  async report(params: ReportParams): Promise<ReportResult> {
    const snapshot = await this.workspace.evaluateNow(params.uri);
    const scorecard = snapshot?.scorecard;
    return { html: scorecard ? this.guard(null, () => reportHtml(scorecard)) : null };
  }

  // --- plumbing ------------------------------------------------------------

  private async refreshSettings(): Promise<void> {
    if (!this.capabilities.workspace?.configuration) return;
    try {
      this.workspace.setSettings(parseSettings(await this.client.fetchSettings()));
    } catch (error) {
      this.client.error(`kpi: reading settings failed, using defaults: ${describe(error)}`);
    }
  }

  private onEvaluated(snapshot: Snapshot): void {
    this.client.resultsChanged({ uri: snapshot.uri, summary: this.guard(null, () => headline(snapshot)) });
    if (this.capabilities.workspace?.inlayHint?.refreshSupport) this.client.refreshInlayHints();
    if (this.capabilities.workspace?.codeLens?.refreshSupport) this.client.refreshCodeLenses();
  }

  /** Current snapshots of every open document, for features that span files. */
  private currentSnapshots(): Snapshot[] {
    return this.workspace.openDocumentUris
      .map((uri) => this.workspace.latest(uri))
      .filter((snapshot): snapshot is Snapshot => snapshot !== undefined);
  }

  private withSnapshot<T>(uri: string, empty: T, answer: (snapshot: Snapshot, source: SourceFile) => T): T {
    return this.guard(empty, () => {
      const snapshot = this.workspace.latest(uri);
      const source = snapshot?.program.files.get(snapshot.file);
      return snapshot && source ? answer(snapshot, source) : empty;
    });
  }

  private async withEvaluated<T>(uri: string, empty: T, answer: (snapshot: Snapshot, source: SourceFile) => T): Promise<T> {
    const snapshot = await this.workspace.evaluated(uri);
    const source = snapshot?.program.files.get(snapshot.file);
    return snapshot && source ? this.guard(empty, () => answer(snapshot, source)) : empty;
  }

  /** A feature's bug is logged and answered with an empty result: the server keeps serving. */
  private guard<T>(empty: T, answer: () => T): T {
    try {
      return answer();
    } catch (error) {
      this.client.error(`kpi: ${describe(error)}`);
      return empty;
    }
  }
}

function hasSyntaxErrors(snapshot: Snapshot, source: SourceFile): boolean {
  return snapshot.diagnostics.some((diagnostic) => diagnostic.code === 'KPI001' && diagnostic.file === source.file);
}

function describe(error: unknown): string {
  if (error instanceof Error) return process.env.KPI_DEBUG ? String(error.stack) : error.message;
  return String(error);
}
