/**
 * The CI output formats `kpi eval` and `kpi check` share (`--format
 * markdown|junit|sarif|github`): their names, and the one switch from a
 * format to its pure renderer in server/formats/.
 */

import { renderGithub } from '../formats/github';
import { renderJunit } from '../formats/junit';
import { renderMarkdown } from '../formats/markdown';
import type { CiReport } from '../formats/ci-report';
import { renderSarif } from '../formats/sarif';
import { cliVersion } from './version';

export const CI_FORMATS = ['markdown', 'junit', 'sarif', 'github'] as const;

export type CiFormat = (typeof CI_FORMATS)[number];

export function isCiFormat(format: string): format is CiFormat {
  return (CI_FORMATS as readonly string[]).includes(format);
}

export function renderCiFormat(format: CiFormat, report: CiReport): string {
  switch (format) {
    case 'markdown': return renderMarkdown(report);
    case 'junit': return renderJunit(report);
    case 'sarif': return renderSarif(report, { toolVersion: cliVersion() });
    case 'github': return renderGithub(report);
  }
}
