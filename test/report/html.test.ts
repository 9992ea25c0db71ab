/**
 * The escaping helpers of the report (server/report/html.ts).
 */

import * as assert from 'node:assert/strict';
import { anchorId, attributes, escapeHtml, jsonForScript } from '../../server/report/html';

describe('report html helpers', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('writes JSON that cannot end a script element and parses back to the same value', () => {
    const value = { text: '</script><!-- \u2028\u2029 & >', n: [1, null] };
    const json = jsonForScript(value);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('leaves out undefined attributes and escapes the rest', () => {
    assert.equal(attributes({ a: 'x"y', b: undefined, c: 3 }), ' a="x&quot;y" c="3"');
  });

  it('makes distinct, safe fragment ids of any name', () => {
    assert.equal(anchorId('kpi', 'csat_2'), 'kpi-csat_2');
    assert.match(anchorId('kpi', '"></a><b>'), /^kpi-[A-Za-z0-9_.-]+$/);
    assert.notEqual(anchorId('kpi', 'a b'), anchorId('kpi', 'a.20b'));
  });
});
