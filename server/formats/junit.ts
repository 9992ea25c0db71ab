/**
 * `--format junit` for `kpi eval` and `kpi check`: JUnit XML, the test
 * report format CI servers and test-report actions read.
 *
 * - eval: one `<testsuite>` named after the evaluated file; each KPI/index is
 *   a `<testcase classname="<file>" name="<name>">`. breach and critical fail
 *   (`<failure type="breach|critical">`), no data is `<skipped message="no
 *   data"/>`; on target, warning and no target pass, with the value (and for
 *   a warning, the word warning) in `<system-out>`.
 * - diagnostics (eval and check): a `definitions` suite; every error is a
 *   failing test case `KPI0xx line:col` of its file; a file without errors is
 *   one passing case `no errors`. Warnings and infos go to the `<system-out>`
 *   of their file's first case. `kpi check` lists every file it analysed, so
 *   clean files show as passing; `kpi eval` adds the suite only when there
 *   are diagnostics.
 *
 * No timestamps or durations: the same result gives the same bytes.
 */

import type { DiagnosticResult, MeasureResult } from '../../grammar/results/schema';
import { measureHeadline, segmentsAtFault } from './measure-text';
import type { CiReport } from './ci-report';
import { failsGate } from './statuses';
import { openTag, xmlText } from './xml';

interface TestCase {
  classname: string;
  name: string;
  outcome: { kind: 'pass' } | { kind: 'failure'; type: string; message: string; details: string } | { kind: 'skipped'; message: string };
  output?: string;
}

interface TestSuite {
  name: string;
  cases: TestCase[];
}

export const DEFINITIONS_SUITE = 'definitions';

export function renderJunit(report: CiReport): string {
  const suites: TestSuite[] = [];
  if (report.scorecard) {
    suites.push({ name: report.scorecard.file, cases: report.scorecard.measures.map((m) => measureCase(report.scorecard!.file, m)) });
  }
  if (report.files !== undefined || report.diagnostics.length > 0) suites.push(definitionsSuite(report));

  const totals = countAll(suites.flatMap((s) => s.cases));
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', openTag('testsuites', { name: 'kpi', ...totals })];
  for (const suite of suites) {
    out.push(`  ${openTag('testsuite', { name: suite.name, ...countAll(suite.cases) })}`);
    for (const c of suite.cases) out.push(...caseLines(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

function measureCase(file: string, m: MeasureResult): TestCase {
  const base = { classname: file, name: m.name };
  if (m.status === 'no_data') return { ...base, outcome: { kind: 'skipped', message: 'no data' } };
  const headline = measureHeadline(m);
  if (failsGate(m.status, 'breach')) {
    const details = [headline, `${m.file}:${m.line}`, ...segmentsAtFault(m).map((s) => `  ${s}`)];
    return { ...base, outcome: { kind: 'failure', type: m.status, message: headline, details: details.join('\n') } };
  }
  return { ...base, outcome: { kind: 'pass' }, output: headline };
}

function definitionsSuite(report: CiReport): TestSuite {
  const byFile = new Map<string, DiagnosticResult[]>();
  for (const file of report.files ?? []) byFile.set(file, []);
  for (const d of report.diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  const cases: TestCase[] = [];
  for (const [file, diagnostics] of byFile) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const others = diagnostics.filter((d) => d.severity !== 'error').map(diagnosticLine);
    const fileCases: TestCase[] = errors.length > 0
      ? errors.map((d) => ({
        classname: file,
        name: `${d.code} ${d.line}:${d.column}`,
        outcome: { kind: 'failure', type: d.code, message: d.message, details: diagnosticLine(d) },
      }))
      : [{ classname: file, name: 'no errors', outcome: { kind: 'pass' } }];
    if (others.length > 0) fileCases[0].output = others.join('\n');
    cases.push(...fileCases);
  }
  return { name: DEFINITIONS_SUITE, cases };
}

function diagnosticLine(d: DiagnosticResult): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`;
}

function caseLines(c: TestCase): string[] {
  const open = openTag('testcase', { classname: c.classname, name: c.name });
  const inner: string[] = [];
  if (c.outcome.kind === 'failure') {
    inner.push(`      ${openTag('failure', { message: c.outcome.message, type: c.outcome.type })}${xmlText(c.outcome.details)}</failure>`);
  } else if (c.outcome.kind === 'skipped') {
    inner.push(`      ${openTag('skipped', { message: c.outcome.message }, true)}`);
  }
  if (c.output !== undefined) inner.push(`      <system-out>${xmlText(c.output)}</system-out>`);
  if (inner.length === 0) return [`    ${openTag('testcase', { classname: c.classname, name: c.name }, true)}`];
  return [`    ${open}`, ...inner, '    </testcase>'];
}

function countAll(cases: readonly TestCase[]): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: cases.length,
    failures: cases.filter((c) => c.outcome.kind === 'failure').length,
    errors: 0,
    skipped: cases.filter((c) => c.outcome.kind === 'skipped').length,
  };
}
