/**
 * Signature help inside an aggregation's parentheses: the function's
 * signature(s) from the catalogue (grammar/semantics/functions.ts), with the
 * argument under the cursor highlighted.
 */

import type { ParameterInformation, SignatureHelp, SignatureInformation } from 'vscode-languageserver/node';
import type { SourceFile } from '../../../grammar/program';
import { functionDoc } from '../../../grammar/semantics/functions';
import { cursorContext } from './context';

export function signatureHelp(source: SourceFile, offset: number): SignatureHelp | null {
  const context = cursorContext(source.text, offset);
  const call = context.call;
  const doc = call && !context.inert ? functionDoc(call.callee.image) : undefined;
  if (!call || !doc) return null;
  const signatures = doc.signature.split(' | ').map((label) => signatureOf(label, doc.doc));
  // The first alternative with enough parameters for the commas typed so far.
  const active = Math.max(0, signatures.findIndex((signature) => (signature.parameters?.length ?? 0) > call.commas));
  return { signatures, activeSignature: active, activeParameter: call.commas };
}

/** `percentile(dataset.column, p [where condition])` -> parameters at their offsets in the label. */
function signatureOf(label: string, documentation: string): SignatureInformation {
  const open = label.indexOf('(');
  const close = label.lastIndexOf(')');
  const parameters: ParameterInformation[] = [];
  let start = open + 1;
  for (let i = open + 1; i <= close; i++) {
    if (i === close || label.charAt(i) === ',') {
      const text = label.slice(start, i);
      const lead = text.length - text.trimStart().length;
      parameters.push({ label: [start + lead, i] });
      start = i + 1;
    }
  }
  return { label, documentation, parameters };
}
