import * as assert from 'node:assert/strict';
import { renderGithub } from '../../server/formats/github';
import { kpiInProcess } from './in-process';
import { FILE, NASTY, fixtureDiagnostics, fixtureScorecard } from './fixture-report';

/** `::command key=value,...::message`: no raw `,` or `:` in values, no raw line break anywhere. */
const COMMAND = /^::(error|warning|notice) ((?:[A-Za-z]+=[^,:\r\n]*)(?:,[A-Za-z]+=[^,:\r\n]*)*)::([^\r\n]*)$/;
const PROPERTIES = ['file', 'line', 'endLine', 'col', 'endColumn', 'title'];

interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Checks one line against the workflow-command syntax and undoes GitHub's escaping. */
function parseCommand(line: string): Annotation {
  const match = COMMAND.exec(line);
  assert.ok(match, `not a workflow command: ${line}`);
  assert.doesNotMatch(line, /%(?!25|0D|0A|3A|2C)/, `a bare % in: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of match[2].split(',')) {
    const [key, value] = pair.split('=');
    assert.ok(PROPERTIES.includes(key), `unknown property ${key}`);
    properties[key] = unescape(value);
  }
  assert.doesNotMatch(match[3], /%(?!25|0D|0A)/, `message escapes more than GitHub unescapes: ${line}`);
  return { command: match[1], properties, message: unescape(match[3]) };
}

function unescape(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

function lines(text: string): string[] {
  assert.ok(text === '' || text.endsWith('\n'));
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

describe('GitHub annotations output', () => {
  it('writes one command per diagnostic: error, warning, notice with its range', () => {
    const annotations = lines(renderGithub({ diagnostics: fixtureDiagnostics() })).map(parseCommand);
    assert.deepEqual(annotations.map((a) => [a.command, a.properties]), [
      ['error', { file: FILE, line: '6', endLine: '6', col: '10', endColumn: '10', title: 'KPI001: Syntax error' }],
      ['warning', { file: FILE, line: '2', endLine: '3', title: 'KPI084: Rows rejected by the schema' }],
      ['notice', { file: 'cards/datasets.kpi', line: '1', endLine: '1', col: '9', endColumn: '15', title: 'KPI085: Column in the data file not declared' }],
    ]);
    assert.equal(annotations[1].message, fixtureDiagnostics()[1].message);
  });

  it('annotates KPIs and indices in breach or critical as errors and at warning level as warnings', () => {
    const annotations = lines(renderGithub({ scorecard: fixtureScorecard(), diagnostics: [] })).map(parseCommand);
    assert.deepEqual(annotations.map((a) => [a.command, a.properties.title, a.properties.line]), [
      ['error', 'KPI breach: fcr', '4'],
      ['error', 'KPI critical: escalations', '10'],
      ['warning', 'KPI warning: resolution_rate', '16'],
      ['error', 'Index breach: satisfaction', '38'],
    ]);
    assert.ok(annotations.every((a) => a.properties.file === FILE));
  });

  it('escapes %, line breaks, : and , so text from the data reads back intact', () => {
    const [fcr] = lines(renderGithub({ scorecard: fixtureScorecard(), diagnostics: [] })).map(parseCommand);
    assert.equal(fcr.message, `${NASTY} is 50%: breach (target >= 90%, warn >= 70%)\n- region = ${JSON.stringify(NASTY)}: 20% (breach)`);
    assert.equal(fcr.properties.title, 'KPI breach: fcr');
  });

  it('prints nothing when there is nothing to annotate', () => {
    assert.equal(renderGithub({ diagnostics: [], files: ['a.kpi'] }), '');
  });

  it('comes from `kpi eval --format github` on the sample, every line a valid command', async () => {
    const run = await kpiInProcess(['eval', 'samples/after-sales/after-sales.kpi', '--format', 'github']);
    assert.equal(run.status, 0, run.stderr);
    const annotations = run.stdoutLines.map(parseCommand);
    assert.ok(annotations.some((a) => a.command === 'error' && a.properties.title === 'KPI breach: csat'));
    assert.ok(annotations.every((a) => a.properties.file === 'samples/after-sales/after-sales.kpi'));
  });
});
