/**
 * Open documents and their analyses: the server's one source of truth.
 *
 * Every open `.kpi` document is an entry: it is analysed with its import
 * closure into a Snapshot (Program + data + diagnostics, then evaluation
 * results), one per state of its inputs. Edits are debounced; a newer edit
 * supersedes older work (a generation number per entry, and a cancellation
 * token checked by the evaluation). Requests never analyse on their own:
 * they ask for `latest(uri)`, which returns the snapshot of the current
 * inputs, running the debounced analysis at once when one is due.
 *
 * Invariants:
 * - `snapshot.generation === entry.generation` means the snapshot reflects
 *   the current text of every file of its closure and the current settings.
 * - Parsing, checking and loading cached data run together synchronously;
 *   only evaluation is deferred, so a snapshot's diagnostics are final when
 *   it is published and its results follow.
 * - An edit to a file re-analyses every entry whose closure holds that file.
 * - The entry evaluated at the git base (compare/base-scorecards.ts) is an
 *   input too: when it becomes known or changes, the entry is re-analysed,
 *   so hints and hovers read deltas from the snapshot like everything else.
 */

import * as path from 'node:path';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../../grammar/diagnostics';
import type { DatasetBinding, DatasetData, Program } from '../../grammar/program';
import type { ScorecardResult } from '../../grammar/results/schema';
import { analyze } from '../../grammar/analyze';
import { findKpiFiles } from '../host/project-files';
import { guessColumn, type ColumnGuess } from '../host/column-guess';
import { createIncrementalParser, type IncrementalParser } from '../../grammar/syntax/incremental';
import { NAME_CHARACTER } from '../../grammar/syntax/tokens';
import { checkData, evaluateScorecard, evaluateScorecardAsync } from '../../grammar/scorecard';
import { displayPathFor, isInside } from '../host/data-path';
import { findWorkspaceRoot } from '../host/workspace-root';
import { uriToFile } from './convert';
import { BaseScorecards, type BaseComparison } from './compare/base-scorecards';
import { DataCache } from './data-cache';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { WorkspaceSourceHost } from './source-host';

export interface Snapshot {
  uri: string;
  /** The entry's file identity. */
  file: string;
  /** The document version analysed. */
  version: number;
  generation: number;
  /** The folder data paths must stay inside. */
  root: string;
  program: Program;
  /** Loaded data by dataset name. */
  data: ReadonlyMap<string, DatasetData>;
  /** Datasets of which only the first `maxRows` rows were read. */
  truncated: ReadonlySet<string>;
  maxRows: number;
  /** Syntax, semantic and data diagnostics of every file of the closure. */
  diagnostics: readonly Diagnostic[];
  /** undefined until evaluated; null when evaluation is off or was superseded. */
  scorecard: ScorecardResult | null | undefined;
  /** Settles once evaluation finished (or was skipped or superseded). */
  results: Promise<ScorecardResult | null>;
  /** The entry at the git base (`kpi.compare.base`); undefined when there is none or it is not known yet. */
  base: BaseComparison | undefined;
}

/** What the workspace tells the server about. */
export interface WorkspaceListener {
  /** A fresh snapshot (diagnostics final, results not yet). */
  analysed(snapshot: Snapshot): void;
  /** A snapshot's results are in (`snapshot.scorecard` is set). */
  evaluated(snapshot: Snapshot): void;
  /** An entry is gone (its document closed). */
  closed(uri: string, last: Snapshot | undefined): void;
  /** Something failed inside the analysis: a bug, logged, never fatal. */
  failed(uri: string, error: unknown): void;
}

export interface WorkspaceOptions {
  /** Delay between the last edit and the analysis. */
  debounceMs: number;
  /** How many `.kpi` files rename and references look at; default MAX_LISTED_FILES. */
  maxListedFiles?: number;
}

interface Entry {
  uri: string;
  file: string;
  generation: number;
  snapshot: Snapshot | undefined;
  timer: NodeJS.Timeout | undefined;
  evaluation: Cancellation | undefined;
}

/** Set when newer inputs make a pending evaluation pointless. */
class Cancellation {
  cancelled = false;
  cancel(): void {
    this.cancelled = true;
  }
}

/** How many closed `.kpi` files workspace symbols read at most. */
const MAX_CLOSED_FILES = 500;
/** How many `.kpi` files rename and references look at by default (reading only the ones that name the symbol). */
export const MAX_LISTED_FILES = 20_000;

/** Closed files analysed for a request; `complete` is false when some were not looked at. */
export interface ClosedPrograms {
  programs: Program[];
  complete: boolean;
}

/** Whether `text` holds `name` as a whole name (not inside a longer one). */
export function mentionsName(text: string, name: string): boolean {
  if (name === '') return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text[at - 1] : '';
    const after = text[at + name.length] ?? '';
    // A name character next to it: the match is part of a longer name.
    if (!NAME_CHARACTER.test(before) && !NAME_CHARACTER.test(after)) return true;
  }
  return false;
}

export class Workspace {
  private readonly documents = new Map<string, TextDocument>();
  private readonly uriByFile = new Map<string, string>();
  private readonly entries = new Map<string, Entry>();
  /** One incremental parser per `.kpi` file read by an analysis: an edit re-parses only what it changed. */
  private readonly parsers = new Map<string, IncrementalParser>();
  /** closedPrograms(), until something they may depend on changes. */
  private closed: Program[] | undefined;
  /** closedProgramsMentioning() answers, by names, kept as long as `closed`. */
  private readonly closedMentioning = new Map<string, ClosedPrograms>();
  /** guessColumn() answers, until files change on disk: editors ask for code actions at every cursor move. */
  private readonly columnGuesses = new Map<string, ColumnGuess | undefined>();
  private folders: string[] = [];
  private settingsValue: Settings = DEFAULT_SETTINGS;
  private disposed = false;
  readonly dataCache = new DataCache();
  readonly bases: BaseScorecards;

  constructor(
    private readonly listener: WorkspaceListener,
    private readonly options: WorkspaceOptions,
  ) {
    this.bases = new BaseScorecards({
      changed: (file) => {
        for (const entry of this.entries.values()) if (entry.file === file) this.invalidate(entry);
      },
      failed: (file, error) => listener.failed(this.uriByFile.get(file) ?? file, error),
    });
  }

  // --- documents -----------------------------------------------------------

  open(uri: string, version: number, text: string): void {
    this.forgetClosed();
    const file = uriToFile(uri);
    const previous = this.entries.get(uri);
    if (previous) this.stop(previous);
    this.documents.set(uri, TextDocument.create(uri, 'kpi', version, text));
    this.uriByFile.set(file, uri);
    this.entries.set(uri, { uri, file, generation: 0, snapshot: undefined, timer: undefined, evaluation: undefined });
    // A newly open file may be what another entry's import was looking for.
    for (const entry of this.entries.values()) this.invalidate(entry);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.forgetClosed();
    const document = this.documents.get(uri);
    if (!document) return;
    this.documents.set(uri, TextDocument.update(document, changes, version));
    this.invalidateDependents(uriToFile(uri));
  }

  close(uri: string): void {
    this.forgetClosed();
    const file = uriToFile(uri);
    this.documents.delete(uri);
    if (this.uriByFile.get(file) === uri) this.uriByFile.delete(file);
    this.parsers.delete(file);
    const entry = this.entries.get(uri);
    if (entry) {
      this.stop(entry);
      this.entries.delete(uri);
      this.listener.closed(uri, entry.snapshot);
    }
    // Importers now read the file from disk, which may differ from the buffer.
    this.invalidateDependents(file);
  }

  document(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The open document's text for a file identity, if it is open. */
  openText(file: string): string | undefined {
    const uri = this.uriByFile.get(file);
    return uri === undefined ? undefined : this.documents.get(uri)?.getText();
  }

  /** URIs of open documents by file identity, for convert.fileToUri. */
  get openUris(): ReadonlyMap<string, string> {
    return this.uriByFile;
  }

  get openDocumentUris(): string[] {
    return [...this.documents.keys()];
  }

  // --- environment ---------------------------------------------------------

  get settings(): Settings {
    return this.settingsValue;
  }

  setSettings(settings: Settings): void {
    this.settingsValue = settings;
    this.invalidateAll();
  }

  setWorkspaceFolders(folders: string[]): void {
    this.forgetClosed();
    this.folders = folders.map((folder) => path.resolve(folder));
  }

  /** Files changed on disk (created, changed or deleted). */
  filesChanged(files: string[]): void {
    this.forgetClosed();
    if (files.length === 0) return;
    for (const file of files) this.dataCache.invalidate(file);
    this.columnGuesses.clear();
    this.bases.stale();
    // Cheap: data stays cached except for the files that changed, and a
    // `.kpi` created on disk may be what an import was looking for.
    this.invalidateAll();
  }

  /**
   * The programs of the workspace's `.kpi` files that are not open: parsed and
   * checked, no data read. Workspace symbols use them so that a file counts
   * without being open. At most MAX_CLOSED_FILES files are read (sorted by
   * path). Kept until a document opens, changes or closes, or files change
   * on disk, so typing a workspace-symbol query does not analyse them again
   * at every keystroke.
   */
  closedPrograms(): Program[] {
    this.closed ??= this.analyseClosedFiles(MAX_CLOSED_FILES, () => true).programs;
    return this.closed;
  }

  /**
   * The programs of the closed `.kpi` files whose text holds one of `names`
   * as a whole name: the only ones where renaming or finding a symbol of
   * that name can matter (a use, or a clash with the new name). Every file
   * is looked at, up to `maxListedFiles`; `complete` is false beyond that.
   * Kept like closedPrograms, per list of names.
   */
  closedProgramsMentioning(names: readonly string[]): ClosedPrograms {
    const key = names.join('\u0000');
    let found = this.closedMentioning.get(key);
    if (found === undefined) {
      found = this.analyseClosedFiles(this.options.maxListedFiles ?? MAX_LISTED_FILES,
        (text) => names.some((name) => mentionsName(text, name)));
      this.closedMentioning.set(key, found);
    }
    return found;
  }

  private forgetClosed(): void {
    this.closed = undefined;
    this.closedMentioning.clear();
  }

  /**
   * Analyses up to `limit` closed files (in path order) whose text `wanted`
   * accepts; the host keeps each text it read, so analysis reads none again.
   */
  private analyseClosedFiles(limit: number, wanted: (text: string) => boolean): ClosedPrograms {
    // A plain parse: the incremental parsers are for the files being edited.
    const host = new WorkspaceSourceHost((f) => this.openText(f), () => this.folders[0]);
    const programs: Program[] = [];
    let listed = 0;
    let complete = true;
    for (const folder of this.folders) {
      const files = findKpiFiles(folder, folder, limit - listed + 1);
      if (typeof files === 'string') continue;
      if (listed + files.length > limit) complete = false;
      for (const file of files.slice(0, limit - listed)) {
        listed++;
        if (this.uriByFile.has(file)) continue;
        const text = host.readKpi(file);
        if (text === undefined || !wanted(text)) continue;
        programs.push(analyze(file, host));
      }
      if (!complete) break;
    }
    return { programs, complete };
  }

  /**
   * The type `column` of `binding`'s data file most likely has (the KPI085
   * quick fix), read from the file's first rows once per change on disk.
   */
  guessColumn(binding: DatasetBinding, column: string, root: string): ColumnGuess | undefined {
    const key = [root, binding.file, binding.source, column].join('\u0000');
    if (!this.columnGuesses.has(key)) this.columnGuesses.set(key, guessColumn(binding, column, root));
    return this.columnGuesses.get(key);
  }

  /** The folder that data paths of `file` must stay inside. */
  rootFor(file: string): string {
    if (!path.isAbsolute(file)) return this.folders[0] ?? process.cwd();
    let best: string | undefined;
    for (const folder of this.folders) {
      if (isInside(folder, file) && (best === undefined || folder.length > best.length)) best = folder;
    }
    return best ?? findWorkspaceRoot(file);
  }

  // --- snapshots -----------------------------------------------------------

  /** The snapshot of the document's current inputs; undefined when it is not open. */
  latest(uri: string): Snapshot | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (entry.snapshot && entry.snapshot.generation === entry.generation) return entry.snapshot;
    return this.run(entry);
  }

  /** The latest snapshot once its evaluation settled (waiting through newer edits). */
  async evaluated(uri: string): Promise<Snapshot | undefined> {
    for (;;) {
      const snapshot = this.latest(uri);
      if (!snapshot) return undefined;
      await snapshot.results;
      if (this.entries.get(uri)?.generation === snapshot.generation) return snapshot;
    }
  }

  /**
   * Results now, even when live evaluation is off: the latest snapshot's, or
   * a one-off evaluation. For a file that is not open, a one-off analysis of
   * the file on disk.
   */
  async evaluateNow(uri: string): Promise<Snapshot | undefined> {
    if (!this.entries.has(uri) && !this.readable(uriToFile(uri))) return undefined;
    const snapshot = this.entries.has(uri) ? await this.evaluated(uri) : this.analyse(uri, uriToFile(uri), 0, 0);
    if (snapshot && !snapshot.scorecard) {
      snapshot.scorecard = this.evaluate(snapshot);
      snapshot.results = Promise.resolve(snapshot.scorecard);
    }
    return snapshot;
  }

  /** The last snapshot of every entry (current or not), for merged diagnostics and workspace symbols. */
  snapshots(): Snapshot[] {
    const result: Snapshot[] = [];
    for (const entry of this.entries.values()) if (entry.snapshot) result.push(entry.snapshot);
    return result;
  }

  /** Stops every timer and evaluation; for shutdown and tests. */
  dispose(): void {
    this.disposed = true;
    for (const entry of this.entries.values()) this.stop(entry);
  }

  // --- scheduling ----------------------------------------------------------

  private invalidateAll(): void {
    for (const entry of this.entries.values()) this.invalidate(entry);
  }

  private invalidateDependents(file: string): void {
    for (const entry of this.entries.values()) {
      if (entry.file === file || entry.snapshot?.program.files.has(file)) this.invalidate(entry);
    }
  }

  private invalidate(entry: Entry): void {
    // Background work (a base evaluated at git) may finish after shutdown: nothing is scheduled then.
    if (this.disposed) return;
    entry.generation++;
    entry.evaluation?.cancel();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.entries.get(entry.uri) === entry) this.run(entry);
    }, this.options.debounceMs);
  }

  private stop(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.evaluation?.cancel();
  }

  private run(entry: Entry): Snapshot | undefined {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = undefined;
    const version = this.documents.get(entry.uri)?.version ?? 0;
    let snapshot: Snapshot;
    try {
      snapshot = this.analyse(entry.uri, entry.file, version, entry.generation);
      // Open entries only: a one-off evaluation of a closed file has no hints or hovers to show a delta in.
      snapshot.base = this.bases.lookup(entry.file, this.settingsValue.compare.base, snapshot.maxRows);
    } catch (error) {
      this.listener.failed(entry.uri, error);
      return entry.snapshot;
    }
    entry.snapshot = snapshot;
    this.listener.analysed(snapshot);
    this.scheduleEvaluation(entry, snapshot);
    return snapshot;
  }

  /** Whether a file that is not open can be read (the core would analyse a missing file as empty). */
  private readable(file: string): boolean {
    return this.sourceHost().readKpi(file) !== undefined;
  }

  private sourceHost(): WorkspaceSourceHost {
    return new WorkspaceSourceHost(
      (f) => this.openText(f),
      () => this.folders[0],
      (file, text) => {
        let parser = this.parsers.get(file);
        if (parser === undefined) {
          parser = createIncrementalParser();
          this.parsers.set(file, parser);
        }
        return parser.parse(text);
      },
    );
  }

  /** Parse, check and load data (from the cache): one snapshot, results pending. */
  private analyse(uri: string, file: string, version: number, generation: number): Snapshot {
    const host = this.sourceHost();
    const program = analyze(file, host);
    const root = this.rootFor(file);
    const maxRows = this.settingsValue.evaluation.maxRows;
    const data = new Map<string, DatasetData>();
    const truncated = new Set<string>();
    for (const binding of program.datasets) {
      if (data.has(binding.name)) continue;
      const cached = this.dataCache.get(binding, root, maxRows);
      data.set(binding.name, cached.data);
      if (cached.truncated) truncated.add(binding.name);
    }
    const diagnostics = [...program.diagnostics, ...checkData(program, data)];
    return {
      uri, file, version, generation, root, program, data, truncated, maxRows, diagnostics,
      scorecard: undefined,
      results: Promise.resolve(null),
      base: undefined,
    };
  }

  /** Evaluation off the request path: after the current turn, unless superseded first. */
  private scheduleEvaluation(entry: Entry, snapshot: Snapshot): void {
    entry.evaluation?.cancel();
    if (!this.settingsValue.evaluation.enabled) {
      snapshot.scorecard = null;
      snapshot.results = Promise.resolve(null);
      this.listener.evaluated(snapshot);
      return;
    }
    const cancellation = new Cancellation();
    entry.evaluation = cancellation;
    snapshot.results = (async () => {
      const pause = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
      await pause(); // start after the current turn: a burst of edits evaluates once
      try {
        // One pass over the data per turn of the event loop: edits and requests
        // are served in between, and a newer edit cancels this evaluation.
        const scorecard = await evaluateScorecardAsync(snapshot.program, snapshot.data, this.displayOptions(snapshot), {
          pause,
          cancelled: () => cancellation.cancelled,
        });
        if (scorecard === undefined) return null;
        snapshot.scorecard = scorecard;
      } catch (error) {
        this.listener.failed(entry.uri, error);
        snapshot.scorecard = null;
      }
      if (entry.evaluation === cancellation) entry.evaluation = undefined;
      if (!cancellation.cancelled) this.listener.evaluated(snapshot);
      return snapshot.scorecard ?? null;
    })();
  }

  private evaluate(snapshot: Snapshot): ScorecardResult {
    return evaluateScorecard(snapshot.program, snapshot.data, this.displayOptions(snapshot));
  }

  private displayOptions(snapshot: Snapshot): { displayFile(file: string): string } {
    const root = snapshot.root;
    return { displayFile: (file: string) => displayPathFor(file, root, file) };
  }
}
