#!/usr/bin/env node
/**
 * The editor benchmark: `node bin/kpi.js lsp --stdio` driven over LSP on a
 * generated 2,000-line scorecard that reads a 100,000-row tickets CSV.
 *
 *   node bench/editor.mjs TICKETS_100K.csv [--edits N] [--profile DIR] [--server SCRIPT]   -> JSON on stdout
 *
 * --profile DIR: the server runs under `node --cpu-prof`; --server: another
 * build of the CLI than bin/kpi.js (e.g. an unminified one, for profiles).
 *
 * Measures, all as seen by the client (raw round trips, nothing subtracted):
 * - start: spawn to the `initialize` answer;
 * - open: didOpen to its first diagnostics, and to the first inlay hints
 *   (the data is read and evaluated for the first time);
 * - edit -> diagnostics: didChange to publishDiagnostics for that version.
 *   This includes the server's debounce (read from server/lsp/server.ts), so
 *   the time beyond the debounce is reported beside it;
 * - edit -> inlay value: didChange to the inlayHint answer that shows the
 *   new value (the request is sent when that version's diagnostics arrive;
 *   the server answers once that version is evaluated, data cached);
 * - completion, idle: requests at three kinds of places, nothing pending;
 * - completion while typing: a didChange immediately followed by a
 *   completion request, which must analyse the edit first.
 * The edits change the threshold of `edited_share` between 25 and 35
 * minutes, which changes its value and so its hint.
 */

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR, ROOT } from './datasets.mjs';
import { LspClient } from './lsp-client.mjs';
import { editLocation, generateScorecard } from './scorecard-generator.mjs';
import { median, percentile } from './stats.mjs';

const WARMUP_EDITS = 3;

function parseArgs(argv) {
  const options = { csv: undefined, edits: 40, completions: 60, typing: 20, profile: undefined, server: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--edits') options.edits = Number(argv[++i]);
    else if (arg === '--profile') options.profile = path.resolve(argv[++i]);
    else if (arg === '--server') options.server = path.resolve(argv[++i]);
    else if (!arg.startsWith('--')) options.csv = arg;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.csv) throw new Error('usage: node bench/editor.mjs TICKETS.csv [--edits N] [--profile DIR] [--server SCRIPT]');
  return options;
}

/** The server's debounce, as its source declares it. */
function serverDebounceMs() {
  const source = fs.readFileSync(path.join(ROOT, 'server', 'lsp', 'server.ts'), 'utf8');
  const match = /DEFAULT_DEBOUNCE_MS\s*=\s*(\d+)/.exec(source);
  return match ? Number(match[1]) : NaN;
}

function prepareWorkspace(csv) {
  const folder = path.join(DATA_DIR, 'editor-workspace');
  fs.mkdirSync(folder, { recursive: true });
  const data = path.join(folder, 'tickets.csv');
  if (!fs.existsSync(data) || fs.statSync(data).size !== fs.statSync(csv).size) fs.copyFileSync(csv, data);
  const text = generateScorecard(2000);
  const file = path.join(folder, 'scorecard.kpi');
  fs.writeFileSync(file, text);
  return { folder, file, text };
}

function summary(values) {
  return { p50: median(values), p95: percentile(values, 95), max: Math.max(...values), n: values.length };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const debounceMs = serverDebounceMs();
  const { folder, file, text } = prepareWorkspace(options.csv);
  const uri = pathToFileURL(file).href;
  const edit = editLocation(text);
  const lines = text.split('\n');
  const headerLine = lines.findIndex((line) => line.startsWith('kpi edited_share '));
  const hintRange = { start: { line: headerLine, character: 0 }, end: { line: headerLine + 1, character: 0 } };

  const spawned = performance.now();
  const client = new LspClient({ cpuProfileDir: options.profile, server: options.server });
  // Live results on the whole file, no git deltas (they would spawn git and add noise).
  await client.initialize(folder, { kpi: { evaluation: { enabled: true, maxRows: 200000 }, compare: { base: 'off' } } });
  const startMs = performance.now() - spawned;

  let version = 1;
  const diagnosticsFor = (v) => client.next('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v);
  const hintLabel = async () => {
    const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: hintRange });
    return hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''))).join(' | ');
  };

  const opened = performance.now();
  const firstDiagnostics = diagnosticsFor(version);
  await client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'kpi', version, text } });
  const { params: openDiagnostics, at: openDiagnosticsAt } = await firstDiagnostics;
  let label = await hintLabel();
  const open = { diagnosticsMs: openDiagnosticsAt - opened, hintsMs: performance.now() - opened, diagnostics: openDiagnostics.diagnostics.length, hint: label };
  if (openDiagnostics.diagnostics.some((d) => d.severity === 1)) {
    throw new Error(`the generated scorecard has errors: ${openDiagnostics.diagnostics.find((d) => d.severity === 1).message}`);
  }

  let threshold = 25;
  const change = async () => {
    threshold = threshold === 25 ? 35 : 25;
    version++;
    const range = { start: { line: edit.line, character: edit.character }, end: { line: edit.line, character: edit.character + edit.length } };
    return client.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range, text: String(threshold) }],
    });
  };

  const diagnosticsMs = [];
  const hintMs = [];
  const hintAfterDiagnosticsMs = [];
  let hintChanged = 0;
  for (let i = 0; i < WARMUP_EDITS + options.edits; i++) {
    const diagnostics = diagnosticsFor(version + 1);
    const sent = performance.now();
    await change();
    const { at } = await diagnostics;
    const before = label;
    label = await hintLabel();
    const done = performance.now();
    if (i < WARMUP_EDITS) continue;
    diagnosticsMs.push(at - sent);
    hintMs.push(done - sent);
    hintAfterDiagnosticsMs.push(done - at);
    if (label !== before) hintChanged++;
  }

  // Completion with nothing pending, at three kinds of places.
  const valueLine = lines[edit.line];
  const places = [
    { what: 'columns after `tickets.`', position: { line: edit.line, character: valueLine.indexOf('tickets.') + 'tickets.'.length } },
    { what: 'KPI keywords at a clause start', position: { line: edit.line + 1, character: 2 } },
    { what: 'measures and functions after `value`', position: { line: edit.line, character: valueLine.indexOf('share') } },
  ];
  const completionMs = [];
  const itemCounts = places.map(() => 0);
  for (let i = 0; i < options.completions; i++) {
    const place = i % places.length;
    const sent = performance.now();
    const items = await client.request('textDocument/completion', { textDocument: { uri }, position: places[place].position });
    completionMs.push(performance.now() - sent);
    itemCounts[place] = (Array.isArray(items) ? items : items.items).length;
  }

  // Completion right after a keystroke: the request waits for that edit's analysis.
  const typingMs = [];
  for (let i = 0; i < options.typing; i++) {
    const diagnostics = diagnosticsFor(version + 1);
    const sent = performance.now();
    await change();
    await client.request('textDocument/completion', { textDocument: { uri }, position: places[0].position });
    typingMs.push(performance.now() - sent);
    await diagnostics;
  }
  await hintLabel(); // let the last evaluation finish before shutting down

  const errors = client.log;
  const exitCode = await client.close();
  const result = {
    file: { lines: lines.length, data: path.relative(ROOT, path.join(folder, 'tickets.csv')) },
    debounceMs,
    startMs,
    open,
    editToDiagnostics: summary(diagnosticsMs),
    editToDiagnosticsBeyondDebounce: summary(diagnosticsMs.map((t) => t - debounceMs)),
    editToInlayHint: summary(hintMs),
    editToInlayHintBeyondDebounce: summary(hintMs.map((t) => t - debounceMs)),
    inlayHintAfterDiagnostics: summary(hintAfterDiagnosticsMs),
    hintChanged: `${hintChanged}/${options.edits}`,
    completion: { ...summary(completionMs), places: places.map((p, i) => `${p.what} (${itemCounts[i]} items)`) },
    completionWhileTyping: summary(typingMs),
    serverErrors: errors,
    serverExitCode: exitCode,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  process.stderr.write(`editor benchmark: ${error.message}\n`);
  process.exit(1);
});
