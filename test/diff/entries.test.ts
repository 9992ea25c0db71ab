import * as assert from 'node:assert/strict';
import type { FileTree, TreeRead } from '../../server/host/file-tree';
import { entryFiles, entryFilesOfBoth } from '../../server/diff/entries';

/** A FileTree over texts in memory. */
class MemoryTree implements FileTree {
  readonly label = 'memory';
  constructor(private readonly texts: Record<string, string>) {}
  files(): readonly string[] {
    return Object.keys(this.texts).sort();
  }
  read(file: string): TreeRead {
    const text = this.texts[file];
    return text === undefined ? { status: 'missing', message: '' } : { status: 'ok', bytes: new TextEncoder().encode(text) };
  }
}

const KPI = 'kpi k {\n  value count(tickets)\n}\n';
const DATASET = 'dataset tickets from "t.csv" {\n  id text\n}\n';

describe('scorecard entry files', () => {
  it('are the .kpi files with a KPI or index that no other file imports', () => {
    const tree = new MemoryTree({
      'cards/main.kpi': `import "shared/datasets.kpi"\nimport "../lib/common.kpi"\n${KPI}`,
      'cards/shared/datasets.kpi': DATASET,
      'lib/common.kpi': KPI,
      'other/standalone.kpi': KPI,
      'notes.txt': KPI,
    });
    assert.deepEqual(entryFiles(tree), ['cards/main.kpi', 'other/standalone.kpi']);
  });

  it('keep both files of an import cycle, so nothing is left out', () => {
    const tree = new MemoryTree({ 'a.kpi': `import "b.kpi"\n${KPI}`, 'b.kpi': `import "a.kpi"\n${KPI}` });
    assert.deepEqual(entryFiles(tree), ['a.kpi', 'b.kpi']);
  });

  it('ignore an import that leaves the root', () => {
    const tree = new MemoryTree({ 'a.kpi': `import "../../b.kpi"\n${KPI}`, 'b.kpi': KPI });
    assert.deepEqual(entryFiles(tree), ['a.kpi', 'b.kpi']);
  });

  it('are united over both sides of a diff', () => {
    const base = new MemoryTree({ 'a.kpi': KPI, 'b.kpi': KPI });
    const head = new MemoryTree({ 'a.kpi': `import "b.kpi"\n${KPI}`, 'b.kpi': KPI, 'c.kpi': KPI });
    assert.deepEqual(entryFilesOfBoth(base, head), ['a.kpi', 'b.kpi', 'c.kpi']);
  });
});
