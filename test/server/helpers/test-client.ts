/**
 * A small LSP client for tests: speaks real LSP messages to a server, either
 * in-process over a pair of in-memory streams (`startInProcess`) or to a
 * spawned `kpi lsp --stdio` (any reader/writer pair).
 *
 * It keeps the documents it opened (text and version), answers the server's
 * requests (configuration, registrations, refreshes), and records what the
 * server pushes. Waiting is event-driven: `waitFor` re-checks its condition
 * on every message from the server and fails after a timeout; never a sleep.
 */

import { PassThrough } from 'node:stream';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  createConnection,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InlayHintRequest,
  LogMessageNotification,
  PrepareRenameRequest,
  ProposedFeatures,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  RenameRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  SignatureHelpRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceSymbolRequest,
  type ClientCapabilities,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InitializeResult,
  type InlayHint,
  type Location,
  type MessageReader,
  type MessageWriter,
  type Position,
  type ProtocolConnection,
  type Range,
  type SemanticTokens,
  type SignatureHelp,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { wireConnection } from '../../../server/lsp/connection';
import type { ServerOptions } from '../../../server/lsp/server';
import type { KpiLanguageServer } from '../../../server/lsp/server';
import { EvaluateRequest, ResultsChangedNotification, type EvaluateResult, type ResultsChangedParams } from '../../../server/lsp/protocol';

export const DEFAULT_TIMEOUT_MS = 5000;

/** What a client like VS Code announces: refreshes, configuration, dynamic registration. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    inlayHint: { refreshSupport: true },
    codeLens: { refreshSupport: true },
    workspaceFolders: true,
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
  },
};

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly documents = new Map<string, TextDocument>();
  private readonly published = new Map<string, { version: number | undefined; diagnostics: Diagnostic[] }>();
  private readonly listeners = new Set<() => void>();
  readonly resultsChanged: ResultsChangedParams[] = [];
  readonly logs: string[] = [];
  readonly registrations: string[] = [];
  /** How many publishDiagnostics arrived, per URI. */
  readonly publishCount = new Map<string, number>();
  refreshes = 0;
  /** What `workspace/configuration` answers for the `kpi` section (null: nothing set). */
  settings: unknown = null;

  constructor(reader: MessageReader, writer: MessageWriter) {
    this.connection = createProtocolConnection(reader, writer);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.set(params.uri, { version: params.version, diagnostics: params.diagnostics });
      this.publishCount.set(params.uri, (this.publishCount.get(params.uri) ?? 0) + 1);
      this.changed();
    });
    this.connection.onNotification(ResultsChangedNotification, (params) => {
      this.resultsChanged.push(params);
      this.changed();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.changed();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      for (const registration of params.registrations) this.registrations.push(registration.method);
      this.changed();
    });
    this.connection.onRequest('workspace/inlayHint/refresh', () => {
      this.refreshes++;
      this.changed();
      return null;
    });
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.listen();
  }

  // --- lifecycle -------------------------------------------------------------

  async initialize(
    rootUri: string,
    capabilities: ClientCapabilities = FULL_CAPABILITIES,
    initializationOptions?: unknown,
  ): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
  }

  async exit(): Promise<void> {
    await this.connection.sendNotification(ExitNotification.type);
  }

  dispose(): void {
    this.connection.dispose();
  }

  // --- documents -------------------------------------------------------------

  async open(uri: string, text: string): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'kpi', 1, text));
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'kpi', version: 1, text },
    });
  }

  /** Replaces the whole text (a full-content change). */
  async replace(uri: string, text: string): Promise<void> {
    const document = this.document(uri);
    const next = TextDocument.update(document, [{ text }], document.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: [{ text }],
    });
  }

  /** Replaces `[start, end)` (offsets) with `text`: an incremental change. */
  async edit(uri: string, start: number, end: number, text: string): Promise<void> {
    const document = this.document(uri);
    const range = { start: document.positionAt(start), end: document.positionAt(end) };
    const next = TextDocument.update(document, [{ range, text }], document.version + 1);
    this.documents.set(uri, next);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: [{ range, text }],
    });
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async filesChanged(uris: string[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: uris.map((uri) => ({ uri, type: FileChangeType.Changed })),
    });
  }

  async configurationChanged(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { kpi: settings } });
  }

  document(uri: string): TextDocument {
    const document = this.documents.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    return document;
  }

  text(uri: string): string {
    return this.document(uri).getText();
  }

  position(uri: string, offset: number): Position {
    return this.document(uri).positionAt(offset);
  }

  range(uri: string, start: number, end: number): Range {
    return { start: this.position(uri, start), end: this.position(uri, end) };
  }

  // --- waiting ---------------------------------------------------------------

  /** Resolves with `check()`'s first defined value, re-checked on every message from the server. */
  waitFor<T>(check: () => T | undefined, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value === undefined) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => void attempt();
      this.listeners.add(listener);
      attempt();
    });
  }

  /** The diagnostics published for the document's current version (or for a closed file's last push). */
  diagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.waitFor(() => {
      const published = this.published.get(uri);
      if (!published) return undefined;
      const open = this.documents.get(uri);
      if (open && published.version !== open.version) return undefined;
      return predicate(published.diagnostics) ? published.diagnostics : undefined;
    }, `diagnostics of ${uri}`, timeoutMs);
  }

  /** The last diagnostics published for `uri`, without waiting. */
  lastDiagnostics(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.diagnostics;
  }

  // --- requests --------------------------------------------------------------

  hover(uri: string, offset: number): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: this.position(uri, offset) });
  }

  async completion(uri: string, offset: number): Promise<CompletionItem[]> {
    const result: CompletionItem[] | CompletionList | null = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri }, position: this.position(uri, offset),
    });
    return Array.isArray(result) ? result : result?.items ?? [];
  }

  signatureHelp(uri: string, offset: number): Promise<SignatureHelp | null> {
    return this.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: this.position(uri, offset) });
  }

  async definition(uri: string, offset: number): Promise<Location[]> {
    const result = await this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: this.position(uri, offset) });
    if (!result) return [];
    return (Array.isArray(result) ? result : [result]) as Location[];
  }

  async references(uri: string, offset: number, includeDeclaration: boolean): Promise<Location[]> {
    return (await this.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri }, position: this.position(uri, offset), context: { includeDeclaration },
    })) ?? [];
  }

  async prepareRename(uri: string, offset: number): Promise<{ range: Range; placeholder: string } | null> {
    const result = await this.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: this.position(uri, offset) });
    return result as { range: Range; placeholder: string } | null;
  }

  rename(uri: string, offset: number, newName: string): Promise<WorkspaceEdit | null> {
    return this.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: this.position(uri, offset), newName });
  }

  async documentSymbols(uri: string): Promise<DocumentSymbol[]> {
    return ((await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ?? []) as DocumentSymbol[];
  }

  async workspaceSymbols(query: string): Promise<SymbolInformation[]> {
    return ((await this.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? []) as SymbolInformation[];
  }

  async foldingRanges(uri: string): Promise<FoldingRange[]> {
    return (await this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) ?? [];
  }

  async semanticTokens(uri: string): Promise<SemanticTokens> {
    return (await this.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } })) ?? { data: [] };
  }

  async formatting(uri: string): Promise<TextEdit[]> {
    return (await this.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri }, options: { tabSize: 2, insertSpaces: true },
    })) ?? [];
  }

  async rangeFormatting(uri: string, range: Range): Promise<TextEdit[]> {
    return (await this.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri }, range, options: { tabSize: 2, insertSpaces: true },
    })) ?? [];
  }

  async codeActions(uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const result = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } });
    return (result ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
  }

  async codeLenses(uri: string): Promise<CodeLens[]> {
    return (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  }

  async inlayHints(uri: string): Promise<InlayHint[]> {
    const document = this.document(uri);
    const range = { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) };
    return (await this.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range })) ?? [];
  }

  evaluate(uri: string): Promise<EvaluateResult> {
    return this.connection.sendRequest(EvaluateRequest, { uri });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export interface InProcess {
  client: TestClient;
  server: KpiLanguageServer;
  /** Shuts the server down (no `exit`: that would end the test process) and closes both ends. */
  stop(): Promise<void>;
}

/** A server wired exactly as `kpi lsp` wires it, over in-memory streams, and a client on the other end. */
export function startInProcess(options: ServerOptions = {}): InProcess {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = wireConnection(connection, options);
  connection.listen();
  const client = new TestClient(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return {
    client,
    server,
    stop: async () => {
      await client.shutdown();
      client.dispose();
      connection.dispose();
      toServer.end();
      toClient.end();
    },
  };
}

/** Applies LSP edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.kpi', 'kpi', 1, text), edits);
}
