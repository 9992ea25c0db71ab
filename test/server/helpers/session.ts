/**
 * One test's language-server session: a fixture workspace copied to a temp
 * folder, an in-process server wired as `kpi lsp` wires it, and a client
 * initialised on the workspace. `open` opens a fixture file with its clean
 * text and waits until its first analysis is published.
 */

import type { Marked } from '../../support/markers';
import { rangeLabelled } from '../../support/markers';
import type { KpiLanguageServer, ServerOptions } from '../../../server/lsp/server';
import { FixtureWorkspace } from './fixture-workspace';
import { FULL_CAPABILITIES, startInProcess, type TestClient } from './test-client';
import type { ClientCapabilities, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export interface Session {
  workspace: FixtureWorkspace;
  client: TestClient;
  server: KpiLanguageServer;
  /** Opens a fixture `.kpi` file and waits for its diagnostics; returns its URI. */
  open(relative: string): Promise<string>;
  marks(relative: string): Marked;
  /** Start offset of the range labelled `label` in a fixture file. */
  at(relative: string, label: string): number;
  /** The LSP range of the range labelled `label`. */
  range(relative: string, label: string): Range;
  stop(): Promise<void>;
}

/** Short debounce: tests wait on events, and a short delay keeps them fast. */
export const TEST_DEBOUNCE_MS = 5;

export async function startSession(
  fixture: string,
  options: ServerOptions & { capabilities?: ClientCapabilities; settings?: unknown; initializationOptions?: unknown } = {},
): Promise<Session> {
  const workspace = FixtureWorkspace.copy(fixture);
  const { client, server, stop } = startInProcess({ debounceMs: options.debounceMs ?? TEST_DEBOUNCE_MS, maxListedFiles: options.maxListedFiles });
  client.settings = options.settings ?? null;
  await client.initialize(workspace.rootUri, options.capabilities ?? FULL_CAPABILITIES, options.initializationOptions);
  const session: Session = {
    workspace,
    client,
    server,
    open: async (relative) => {
      const uri = workspace.uri(relative);
      await client.open(uri, workspace.marks(relative).text);
      await client.diagnostics(uri);
      return uri;
    },
    marks: (relative) => workspace.marks(relative),
    at: (relative, label) => rangeLabelled(workspace.marks(relative), label).start,
    range: (relative, label) => {
      const marks = workspace.marks(relative);
      const marked = rangeLabelled(marks, label);
      return rangeIn(marks.text, marked.start, marked.end);
    },
    stop: async () => {
      await stop();
      workspace.dispose();
    },
  };
  return session;
}

/** The LSP range of `[start, end)` in `text`, computed independently of the server's conversion. */
export function rangeIn(text: string, start: number, end: number): Range {
  const document = TextDocument.create('file:///fixture.kpi', 'kpi', 1, text);
  return { start: document.positionAt(start), end: document.positionAt(end) };
}
