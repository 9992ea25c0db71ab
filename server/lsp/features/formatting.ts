/**
 * Document and range formatting: the canonical layout of format-text.ts as
 * small edits, one per changed line. A file with syntax errors gets no edits
 * (its structure is uncertain); so does a file the formatter refuses.
 * Range formatting applies the same plan to the lines the range touches.
 */

import type { Range, TextEdit } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import { planFormat, type FormatPlan } from './format-text';

export function formatDocument(source: SourceFile, hasSyntaxErrors: boolean): TextEdit[] {
  if (hasSyntaxErrors) return [];
  const plan = planFormat(source.text);
  return plan ? editsOf(plan, () => true) : [];
}

export function formatRange(source: SourceFile, hasSyntaxErrors: boolean, range: Range): TextEdit[] {
  if (hasSyntaxErrors) return [];
  const plan = planFormat(source.text);
  if (!plan) return [];
  // A range ending at the start of a line does not touch that line.
  const lastLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return editsOf(plan, (line) => line >= range.start.line && line <= lastLine);
}

function editsOf(plan: FormatPlan, wanted: (line: number) => boolean): TextEdit[] {
  const edits: TextEdit[] = [];
  const last = plan.lines.length - 1;
  plan.lines.forEach((text, line) => {
    if (!wanted(line)) return;
    const original = plan.original[line];
    const range = { start: { line, character: 0 }, end: { line, character: original.length } };
    if (text === null) {
      // The whole line goes, with its line break (the last line never goes: see planFormat).
      edits.push({ range: { start: range.start, end: { line: line + 1, character: 0 } }, newText: '' });
    } else if (line === last && plan.addFinalNewline) {
      edits.push({ range, newText: text + plan.eol });
    } else if (text !== original) {
      edits.push({ range, newText: text });
    }
  });
  return edits;
}
