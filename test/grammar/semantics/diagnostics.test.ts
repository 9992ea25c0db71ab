/**
 * Every checker diagnostic code at its exact range. Each fixture under
 * fixtures/diagnostics is a `.kpi` file (or a folder whose entry is
 * main.kpi) whose expected diagnostics are marked as `⟦KPI0xx|...⟧`; the test
 * asserts the analysis reports exactly those (code, file, range), no more and
 * no fewer, and that each `// expect-message:` text appears in a message.
 */

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../grammar/analyze';
import { DIAGNOSTIC_CODES } from '../../../grammar/diagnostics';
import { parseMarkers } from '../../support/markers';
import { MemoryHost } from '../../support/memory-host';
import { fromRoot } from '../../support/paths';

const fixtures = fromRoot('test/grammar/semantics/fixtures/diagnostics');

interface Fixture {
  name: string;
  entry: string;
  /** file -> marked text */
  files: Map<string, string>;
}

function loadFixtures(): Fixture[] {
  return fs.readdirSync(fixtures).sort().map((name) => {
    const full = path.join(fixtures, name);
    const files = new Map<string, string>();
    if (fs.statSync(full).isDirectory()) {
      for (const f of fs.readdirSync(full)) files.set(`/ws/${f}`, fs.readFileSync(path.join(full, f), 'utf8'));
      return { name, entry: '/ws/main.kpi', files };
    }
    files.set('/ws/main.kpi', fs.readFileSync(full, 'utf8'));
    return { name, entry: '/ws/main.kpi', files };
  });
}

describe('checker diagnostics (fixtures)', () => {
  const all = loadFixtures();
  const covered = new Set<string>();

  for (const fixture of all) {
    it(fixture.name, () => {
      const clean = new Map<string, string>();
      const expected: string[] = [];
      const messages: string[] = [];
      for (const [file, marked] of fixture.files) {
        const parsed = parseMarkers(marked);
        clean.set(file, parsed.text);
        for (const r of parsed.ranges) expected.push(`${path.posix.basename(file)} ${r.label} ${r.start}-${r.end} ${JSON.stringify(r.text)}`);
        for (const m of parsed.text.matchAll(/\/\/ expect-message: (.*)/g)) messages.push(m[1]);
      }
      const program = analyze(fixture.entry, new MemoryHost(clean));
      const actual = program.diagnostics.map((d) => {
        const text = clean.get(d.file)!.slice(d.span.start, d.span.end);
        return `${path.posix.basename(d.file)} ${d.code} ${d.span.start}-${d.span.end} ${JSON.stringify(text)}`;
      });
      assert.deepEqual(actual.sort(), expected.sort(), program.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
      for (const m of messages) {
        assert.ok(program.diagnostics.some((d) => d.message.includes(m)), `no message contains ${JSON.stringify(m)}:\n${program.diagnostics.map((d) => d.message).join('\n')}`);
      }
      for (const d of program.diagnostics) covered.add(d.code);
    });
  }

  it('covers every checker code (data codes are covered by the data-check tests)', () => {
    const checkerCodes = Object.keys(DIAGNOSTIC_CODES).filter((c) => Number(c.slice(3)) < 80);
    const missing = checkerCodes.filter((c) => !covered.has(c) && c !== 'KPI001');
    assert.deepEqual(missing, []);
  });
});
