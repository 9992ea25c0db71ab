import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DIAGNOSTIC_CODES } from '../../grammar/diagnostics';
import { DIAGNOSTIC_HELP } from '../../server/formats/diagnostic-help';
import { fromRoot } from '../support/paths';

/** The first prose paragraph under each `### KPI0xx: ...` heading of docs/diagnostics.md (up to a code block, heading or HTML anchor). */
function documentedHelp(): Map<string, string> {
  const docs = fs.readFileSync(fromRoot('docs', 'diagnostics.md'), 'utf8');
  const help = new Map<string, string>();
  for (const section of docs.split(/^### /m).slice(1)) {
    const [heading, ...body] = section.split('\n');
    const code = /^(KPI\d{3}):/.exec(heading)?.[1];
    if (!code) continue;
    const paragraph: string[] = [];
    for (const line of body) {
      if (/^(```|#|<)/.test(line) || (line.trim() === '' && paragraph.length > 0)) break;
      if (line.trim() !== '') paragraph.push(line.trim());
    }
    help.set(code, paragraph.join(' '));
  }
  return help;
}

describe('SARIF rule help', () => {
  it('has a text for every diagnostic code, equal to its paragraph in docs/diagnostics.md', () => {
    const documented = documentedHelp();
    for (const code of Object.keys(DIAGNOSTIC_CODES) as Array<keyof typeof DIAGNOSTIC_CODES>) {
      assert.ok(documented.has(code), `${code} is not documented in docs/diagnostics.md`);
      assert.equal(DIAGNOSTIC_HELP[code], documented.get(code), `${code}: server/formats/diagnostic-help.ts is out of date with the docs`);
    }
  });
});
