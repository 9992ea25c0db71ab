import * as assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ScorecardResultSchema } from '../../grammar/results/schema';
import { renderJunit } from '../../server/formats/junit';
import { FIXTURES } from '../cli/run-kpi';
import { kpiInProcess } from './in-process';
import { FILE, NASTY, fixtureDiagnostics, fixtureScorecard } from './fixture-report';

interface Case {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}

interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  testcase?: Case[];
}

interface Parsed {
  testsuites: { '@_tests': string; '@_failures': string; '@_skipped': string; testsuite: Suite[] };
}

/** Parses JUnit XML back, after checking it is well-formed; suites and cases always as arrays. */
function parseJunit(xml: string): Parsed {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    htmlEntities: true,
    trimValues: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase',
  });
  return parser.parse(xml) as Parsed;
}

function counts(suite: { '@_tests': string; '@_failures': string; '@_skipped': string }): [number, number, number] {
  return [Number(suite['@_tests']), Number(suite['@_failures']), Number(suite['@_skipped'])];
}

describe('JUnit output', () => {
  it('makes each KPI and index a test case: breach and critical fail, no data is skipped', () => {
    const parsed = parseJunit(renderJunit({ scorecard: fixtureScorecard(), diagnostics: [] }));
    const [suite] = parsed.testsuites.testsuite;
    assert.equal(suite['@_name'], FILE);
    assert.deepEqual(counts(suite), [7, 3, 1]);
    const outcome = (c: Case) => (c.failure ? `failure:${c.failure['@_type']}` : c.skipped ? `skipped:${c.skipped['@_message']}` : 'pass');
    assert.deepEqual(suite.testcase!.map((c) => [c['@_classname'], c['@_name'], outcome(c)]), [
      [FILE, 'fcr', 'failure:breach'],
      [FILE, 'escalations', 'failure:critical'],
      [FILE, 'resolution_rate', 'pass'],
      [FILE, 'csat', 'pass'],
      [FILE, 'tickets', 'pass'],
      [FILE, 'nps', 'skipped:no data'],
      [FILE, 'satisfaction', 'failure:breach'],
    ]);
    const warning = suite.testcase!.find((c) => c['@_name'] === 'resolution_rate')!;
    assert.equal(warning['system-out'], 'Title of resolution_rate is 50%: warning (target >= 90%, warn >= 70%)');
  });

  it('escapes markup, quotes, line breaks and control characters so they read back intact', () => {
    const parsed = parseJunit(renderJunit({ scorecard: fixtureScorecard(), diagnostics: [] }));
    const fcr = parsed.testsuites.testsuite[0].testcase!.find((c) => c['@_name'] === 'fcr')!;
    const readable = NASTY.replace('\u0001', '\uFFFD'); // XML 1.0 cannot carry U+0001
    assert.equal(fcr.failure!['@_message'], `${readable} is 50%: breach (target >= 90%, warn >= 70%)`);
    assert.ok(fcr.failure!['#text'].includes(`region = ${JSON.stringify(NASTY)}: 20% (breach)`), fcr.failure!['#text']);
  });

  it('puts error diagnostics as failures in a `definitions` suite, warnings and infos in its output', () => {
    const parsed = parseJunit(renderJunit({ scorecard: fixtureScorecard(), diagnostics: fixtureDiagnostics() }));
    assert.deepEqual(counts(parsed.testsuites), [9, 4, 1]);
    const definitions = parsed.testsuites.testsuite[1];
    assert.equal(definitions['@_name'], 'definitions');
    assert.deepEqual(definitions.testcase!.map((c) => [c['@_classname'], c['@_name'], c.failure ? c.failure['@_type'] : 'pass']), [
      [FILE, 'KPI001 6:10', 'KPI001'],
      ['cards/datasets.kpi', 'no errors', 'pass'],
    ]);
    assert.match(definitions.testcase![0]['system-out']!, /^cards\/after sales\.kpi:2:22: warning KPI084 /);
    assert.match(definitions.testcase![1]['system-out']!, /^cards\/datasets\.kpi:1:9: info KPI085 /);
  });

  it('counts match the evaluated sample scorecard (`kpi eval --format junit`)', async () => {
    const json = await kpiInProcess(['eval', 'samples/after-sales/after-sales.kpi', '--format', 'json']);
    const junit = await kpiInProcess(['eval', 'samples/after-sales/after-sales.kpi', '--format', 'junit']);
    assert.equal(junit.status, json.status);
    const result = ScorecardResultSchema.parse(JSON.parse(json.stdout));
    const parsed = parseJunit(junit.stdout);
    const expected: [number, number, number] = [
      result.measures.length,
      result.measures.filter((m) => m.status === 'breach' || m.status === 'critical').length,
      result.measures.filter((m) => m.status === 'no_data').length,
    ];
    assert.deepEqual(counts(parsed.testsuites.testsuite[0]), expected);
    assert.ok(expected[1] > 0, 'the sample has KPIs in breach');
  });

  it('lists every checked file for `kpi check --format junit`, failing the ones with errors', async () => {
    const run = await kpiInProcess(['check', `${FIXTURES}/clean`, `${FIXTURES}/syntax-error`, '--format', 'junit']);
    assert.equal(run.status, 1);
    const [definitions] = parseJunit(run.stdout).testsuites.testsuite;
    const failing = definitions.testcase!.filter((c) => c.failure).map((c) => c['@_classname']);
    const passing = definitions.testcase!.filter((c) => !c.failure).map((c) => c['@_classname']);
    assert.ok(failing.length > 0 && failing.every((f) => f === `${FIXTURES}/syntax-error/broken.kpi`), run.stdout);
    assert.deepEqual(passing, [`${FIXTURES}/clean/datasets.kpi`, `${FIXTURES}/clean/scorecard.kpi`]);
  });
});
