/**
 * Fixture folders as throw-away workspaces: a folder under
 * test/server/fixtures/ is copied to a fresh temp folder, `.kpi` files with
 * their position markers (`‸`, `⟦...⟧`, test/support/markers.ts) stripped, so
 * the server reads clean files from disk while tests keep every marked
 * offset. Data files are copied as they are.
 */

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseMarkers, type Marked } from '../../support/markers';
import { fromRoot } from '../../support/paths';

export const FIXTURES = fromRoot('test', 'server', 'fixtures');

export class FixtureWorkspace {
  private readonly marked = new Map<string, Marked>();

  private constructor(readonly root: string) {}

  /** Copies `test/server/fixtures/<name>` to a new temp folder. */
  static copy(name: string): FixtureWorkspace {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `kpi-lsp-${name}-`)));
    const workspace = new FixtureWorkspace(root);
    workspace.copyFolder(path.join(FIXTURES, name), root, '');
    return workspace;
  }

  /** An empty temp workspace, for generated files. */
  static empty(label: string): FixtureWorkspace {
    return new FixtureWorkspace(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `kpi-lsp-${label}-`))));
  }

  path(relative: string): string {
    return path.join(this.root, ...relative.split('/'));
  }

  uri(relative: string): string {
    return pathToFileURL(this.path(relative)).href;
  }

  get rootUri(): string {
    return pathToFileURL(this.root).href;
  }

  /** A fixture `.kpi` file: its clean text and its markers. */
  marks(relative: string): Marked {
    const found = this.marked.get(relative);
    if (!found) throw new Error(`no .kpi fixture ${relative} in ${this.root}`);
    return found;
  }

  text(relative: string): string {
    return fs.readFileSync(this.path(relative), 'utf8');
  }

  write(relative: string, content: string): void {
    fs.mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    fs.writeFileSync(this.path(relative), content);
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  private copyFolder(from: string, to: string, relative: string): void {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      const target = path.join(to, entry.name);
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        this.copyFolder(source, target, rel);
      } else if (entry.name.endsWith('.kpi')) {
        const marked = parseMarkers(fs.readFileSync(source, 'utf8'));
        this.marked.set(rel, marked);
        fs.writeFileSync(target, marked.text);
      } else {
        fs.copyFileSync(source, target);
      }
    }
  }
}
