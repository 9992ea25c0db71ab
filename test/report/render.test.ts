/**
 * renderReport (server/report/render.ts): one self-contained document, every
 * user string escaped, the result recoverable from its data block, a strict
 * Content-Security-Policy that allows exactly the inline script and style,
 * nothing that could load from elsewhere, and "no data" never shown as 0.
 */

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ScorecardResult } from '../../grammar/results/schema';
import { renderReport } from '../../server/report/render';
import { HOSTILE, hostileResult, sampleResult } from './hostile-result';

interface Element {
  attributes: string;
  body: string;
}

function elements(html: string, tag: string): Element[] {
  const pattern = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  return [...html.matchAll(pattern)].map((match) => ({ attributes: match[1], body: match[2] }));
}

function onlyElement(html: string, tag: string, attribute?: string): Element {
  const found = elements(html, tag).filter((element) => attribute === undefined || element.attributes.includes(attribute));
  assert.equal(found.length, 1, `expected one <${tag}${attribute ? ` ${attribute}` : ''}>`);
  return found[0];
}

function dataBlock(html: string): Element {
  return onlyElement(html, 'script', 'type="application/json"');
}

function appScript(html: string): Element {
  const scripts = elements(html, 'script').filter((script) => !script.attributes.includes('application/json'));
  assert.equal(scripts.length, 1, 'expected one app <script>');
  return scripts[0];
}

/** The document without the bodies of its two scripts: the markup the renderer built. */
function markup(html: string): string {
  return html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');
}

function policyOf(html: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'no Content-Security-Policy meta tag');
  return meta[1].replace(/&#39;/g, "'");
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** The row of the KPI table whose header cell links to measure `name`. */
function rowOf(html: string, name: string): string {
  const table = onlyElement(html, 'table', 'class="kpis"').body;
  const row = table.split('\n').find((line) => line.startsWith('<tr>') && line.includes(`href="#kpi-${name}"`));
  assert.ok(row, `no row for ${name}`);
  return row;
}

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/**
 * Every tag of `built` with its attributes, read strictly (double-quoted
 * values, as the renderer writes them); fails when a `<` starts anything
 * else, which is how an unescaped user string would show.
 */
function tagsOf(built: string): Tag[] {
  const tags: Tag[] = [];
  const pattern = /<!DOCTYPE html>|<\/([a-z][a-z0-9]*)>|<([a-z][a-z0-9]*)((?:\s+[a-z][a-z-]*(?:="[^"<>]*")?)*)>/gy;
  let offset = 0;
  for (;;) {
    const next = built.indexOf('<', offset);
    if (next < 0) return tags;
    pattern.lastIndex = next;
    const match = pattern.exec(built);
    assert.ok(match, `not a tag the renderer writes: ${built.slice(next, next + 80)}`);
    const name = match[1] ?? match[2];
    if (name !== undefined) {
      const attributes = new Map([...(match[3] ?? '').matchAll(/\s+([a-z][a-z-]*)(?:="([^"]*)")?/g)].map((m) => [m[1], m[2] ?? '']));
      tags.push({ name, attributes });
    }
    offset = pattern.lastIndex;
  }
}

const ALLOWED_ATTRIBUTES = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'type', 'id', 'class', 'href', 'scope', 'colspan', 'title',
  'nonce', 'open', 'aria-label', 'data-theme', 'data-chart', 'data-measure', 'data-breakdown',
]);

const ALLOWED_TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'section', 'article', 'h1', 'h2', 'h3',
  'p', 'ul', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'span', 'strong', 'code', 'a', 'div', 'br',
  'figure', 'figcaption', 'details', 'summary', 'script',
]);

describe('report renderer', () => {
  it('renders one document with one stylesheet, the data block and the app script', () => {
    const html = renderReport(sampleResult());
    assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en" data-theme="auto">'));
    assert.equal(html.match(/<\/html>/g)?.length, 1);
    onlyElement(html, 'style');
    assert.equal(elements(html, 'script').length, 2);
    assert.ok(appScript(html).body.length > 10_000, 'the app (with chart.js) is inlined');
  });

  it('escapes hostile names, titles, segments, paths and messages everywhere', () => {
    const title = `Report ${HOSTILE}`;
    const html = renderReport(hostileResult(), { title });
    const built = markup(html);
    assert.ok(!built.includes(HOSTILE), 'a hostile string reached the markup unescaped');
    // The hostile text is there, escaped; every tag and attribute is one the renderer writes.
    const tags = tagsOf(built);
    assert.deepEqual(tags.filter((tag) => !ALLOWED_TAGS.has(tag.name)), []);
    assert.deepEqual(tags.flatMap((tag) => [...tag.attributes.keys()]).filter((name) => !ALLOWED_ATTRIBUTES.has(name)), []);
    // Still two scripts: nothing ended the data block early.
    assert.equal(elements(html, 'script').length, 2);
    assert.doesNotMatch(dataBlock(html).body, /[<>\u2028\u2029]/);
    assert.ok(built.includes('<h1>Report &lt;/script&gt;&lt;!--&lt;script&gt;x&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;'));
  });

  it('embeds the result so the browser gets it back exactly', () => {
    for (const result of [sampleResult(), hostileResult()]) {
      const parsed = JSON.parse(dataBlock(renderReport(result)).body) as ScorecardResult;
      assert.deepEqual(parsed, result);
    }
  });

  it('allows exactly its inline script and stylesheet by hash, and nothing from elsewhere', () => {
    const html = renderReport(sampleResult());
    const policy = policyOf(html);
    assert.ok(policy.startsWith("default-src 'none';"), policy);
    assert.ok(policy.includes(`script-src '${sha256(appScript(html).body)}'`), policy);
    assert.ok(policy.includes(`style-src '${sha256(onlyElement(html, 'style').body)}'`), policy);
    assert.ok(policy.includes('img-src data:'), policy);
    assert.doesNotMatch(policy, /unsafe-|https?:|\*/);
  });

  it('uses the host nonce on the script and the stylesheet instead of hashes', () => {
    const nonce = 'q2Vx8ZtP0fLr7Kd3mWn1Yg==';
    const html = renderReport(sampleResult(), { cspNonce: nonce, forWebview: true });
    const policy = policyOf(html);
    assert.ok(policy.includes(`script-src 'nonce-${nonce}'`) && policy.includes(`style-src 'nonce-${nonce}'`), policy);
    assert.doesNotMatch(policy, /sha256/);
    assert.ok(appScript(html).attributes.includes(`nonce="${nonce}"`));
    assert.ok(onlyElement(html, 'style').attributes.includes(`nonce="${nonce}"`));
    assert.ok(!dataBlock(html).attributes.includes('nonce'), 'the data block runs nothing and needs no nonce');
    assert.throws(() => renderReport(sampleResult(), { cspNonce: 'abc" onload="x' }), /cspNonce/);
  });

  it('references nothing outside the document', () => {
    const html = renderReport(hostileResult());
    const built = markup(html);
    const tags = tagsOf(built);
    assert.deepEqual(tags.filter((tag) => ['link', 'img', 'iframe', 'object', 'embed', 'base'].includes(tag.name)), []);
    assert.deepEqual(tags.filter((tag) => tag.attributes.has('src') || tag.attributes.has('action')), []);
    const hrefs = tags.flatMap((tag) => (tag.attributes.has('href') ? [tag.attributes.get('href') ?? ''] : []));
    assert.ok(hrefs.length > 0);
    assert.deepEqual(hrefs.filter((href) => !href.startsWith('#')), []);
    const css = onlyElement(html, 'style').body;
    assert.doesNotMatch(css, /url\(|@import|@font-face/i);
    // A user string may hold a URL (the hostile source does): it stays text, never a reference.
    assert.ok(built.includes('https://example.com/'));
  });

  it('shows "no data" where there is no value, never 0', () => {
    const html = renderReport(sampleResult());
    assert.match(rowOf(html, 'nps'), /<td class="num"><span class="nodata">no data<\/span><\/td>/);
    assert.match(rowOf(html, 'nps'), /status-no_data/);
    const february = markup(html).split('\n').find((line) => line.startsWith('<tr><th scope="row">2025-02'));
    assert.ok(february);
    assert.match(february, /<td class="num"><span class="nodata">no data<\/span><\/td>/);
    // The partial index's component without data: no value, score or contribution.
    const component = markup(html).split('\n').find((line) => line.includes('<code>nps</code></a></th>'));
    assert.ok(component);
    assert.equal(component.match(/no data/g)?.length, 3);
  });

  it('renders a chart slot with its table for every trend, breakdown and the headline index', () => {
    const result = sampleResult();
    const html = renderReport(result);
    const slots = (kind: string) => [...html.matchAll(new RegExp(`<figure class="chart" data-chart="${kind}" data-measure="([^"]*)"`, 'g'))]
      .map((match) => match[1]);
    assert.deepEqual(slots('trend'), result.measures.filter((m) => m.trend).map((m) => m.name));
    assert.deepEqual(slots('breakdown'), result.measures.flatMap((m) => m.breakdowns.map(() => m.name)));
    assert.deepEqual(slots('contributions'), ['satisfaction']);
    // Without JavaScript every table is open.
    assert.equal(elements(html, 'figure').length, (html.match(/<details open>/g) ?? []).length);
  });

  it('leads with the headline index: value, status, targets and components', () => {
    const html = renderReport(sampleResult());
    const headline = onlyElement(html, 'section', 'class="headline card"').body;
    assert.match(headline, /<div class="big">58.3<\/div>/);
    assert.match(headline, /status-breach/);
    assert.match(headline, /target &gt;= 80 \u00B7 warn &gt;= 70/);
    assert.match(headline, /<th scope="col" class="num">Effective<\/th>/, 'a partial index shows its renormalised weights');
  });

  it('shows the change of the latest period, marked better or worse by direction', () => {
    const html = renderReport(sampleResult());
    assert.match(rowOf(html, 'csat'), /<span class="better"[^>]*>\u25B2\u00A0\+2.1 pts<\/span><br><span class="muted">2025-Q2<\/span>/);
    assert.match(rowOf(html, 'nps'), /title="no trend"/);
  });

  it('picks its theme: auto by default, light or dark, VS Code variables in a webview', () => {
    assert.match(renderReport(sampleResult(), { theme: 'dark' }), /<html lang="en" data-theme="dark">/);
    assert.match(renderReport(sampleResult(), { theme: 'light' }), /<html lang="en" data-theme="light">/);
    const webview = renderReport(sampleResult(), { theme: 'light', forWebview: true });
    assert.match(webview, /<html lang="en" data-theme="vscode">/);
    assert.match(onlyElement(webview, 'style').body, /--bg: var\(--vscode-editor-background/);
  });

  it('is the same document for the same result (no timestamp, no random nonce)', () => {
    assert.equal(renderReport(sampleResult()), renderReport(sampleResult()));
    assert.match(renderReport(sampleResult()), /<title>KPI report: scorecard.kpi<\/title>/);
  });
});
