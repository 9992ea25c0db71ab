/**
 * The fast lane's record reader, written for one file's fields: the source
 * of a function that reads plain records one after another, with each
 * field's type, range, optionality and column slot written into the code,
 * and the function made from it.
 *
 * Otherwise V8 sees one loop over field rules, asking each rule its type:
 * one branchy body shared by every field, whose loads of rule properties and
 * type switches cost more than the bytes it reads. Here each field has a
 * small function of its own (a few checks in straight-line code), and the
 * record loop calls them in file order. Small functions matter as much as
 * straight-line code: V8 optimises a function only once it is hot, then
 * compiles it beside the main thread, and one big reader took ~50 ms to
 * compile, so a 100,000-row file was mostly read before the optimised code
 * arrived. Only unquoted values are read here; a field that starts with a
 * quote goes to the lane's `quotedField`.
 *
 * The code made here is a function of the rules alone (no value from the
 * file ends up in it; numbers are written as exact literals). What a plain
 * record is, and what declining means, is plain-csv-lane.ts's contract;
 * this module only writes it out per file. test/grammar/data/plain-lane.test.ts
 * holds it to the general way on random schemas and files.
 */

/** What a field of the file holds (the lane's kinds). */
export const FIELD_IGNORED = 0; // no declared column: not read
export const FIELD_TEXT = 1;
export const FIELD_NUMBER = 2; // number and int
export const FIELD_BOOL = 3;
export const FIELD_DATE = 4;
export const FIELD_DATETIME = 5;

/** A field as the written reader needs it. */
export interface FieldCode {
  readonly kind: number;
  readonly required: boolean;
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** Text: the value needs its dictionary code. */
  readonly coded: boolean;
  /** Whether the value is stored (the column has a slot). */
  readonly stored: boolean;
  /** Whether this field is the file's checked key. */
  readonly key: boolean;
}

/**
 * What the written reader calls and writes: the lane (quoted fields, keys),
 * the builder (rows, text codes), and per field its rule and slot, by
 * field index; slots of stored optional columns the file lacks, by kind.
 */
export interface ReaderParts {
  readonly lane: unknown;
  readonly builder: unknown;
  readonly rules: readonly unknown[];
  readonly plans: readonly unknown[];
  readonly slots: readonly unknown[];
  readonly absentNumbers: readonly unknown[];
  readonly absentFlags: readonly unknown[];
  readonly absentCodes: readonly unknown[];
  readonly parseBool: (bytes: Uint8Array, start: number, end: number) => number;
  readonly parseDate: (bytes: Uint8Array, start: number, end: number) => number;
  readonly parseDateTime: (bytes: Uint8Array, start: number, end: number) => number;
  readonly powersOfTen: readonly number[];
  /** Missing markers of bool and text columns. */
  readonly boolMissing: number;
  readonly textMissing: number;
}

/**
 * Reads the plain records from `start` on (the first on line `line`, one
 * line each) up to the first it declines, a blank line or the end of the
 * bytes: returns where it stopped, and leaves how many records it took in
 * the lane's `taken`.
 */
export type RecordReader = (bytes: Uint8Array, start: number, end: number, line: number) => number;

/** A number as a JS literal that reads back as the same double. */
function literal(value: number): string {
  if (Object.is(value, -0)) return '-0';
  return String(value); // Infinity, -Infinity and every finite double round-trip through String
}

/** The range check of a value `v` already known to be a number, or '' when the range is unbounded. */
function rangeCheck(field: FieldCode): string {
  const checks: string[] = [];
  if (field.min !== -Infinity) checks.push(`v >= ${literal(field.min)}`);
  if (field.max !== Infinity) checks.push(`v <= ${literal(field.max)}`);
  return checks.length === 0 ? '' : `if (!(${checks.join(' && ')})) return -1;`;
}

/** The statements that store the missing value of field `i` (or decline, when it is required). */
function missing(field: FieldCode, i: number): string {
  if (field.required) return 'return -1;';
  if (!field.stored) return '';
  switch (field.kind) {
    case FIELD_TEXT: return `slot${i}[row] = textMissing;`;
    case FIELD_BOOL: return `slot${i}[row] = boolMissing;`;
    default: return `slot${i}[row] = NaN;`;
  }
}

/** An unquoted number at `p`, scanned and checked in one pass (the spellings the lane takes). */
function numberField(field: FieldCode, i: number): string {
  return `{
      const s = p;
      const negative = bytes[p] === 45;
      if (negative) p++;
      let m = 0, d = 0;
      const ds = p;
      while (p < end && (d = bytes[p] - 48) >= 0 && d <= 9) { m = m * 10 + d; p++; }
      let digits = p - ds, fd = 0;
      if (p < end && bytes[p] === 46) {
        const fs = ++p;
        while (p < end && (d = bytes[p] - 48) >= 0 && d <= 9) { m = m * 10 + d; p++; }
        fd = p - fs;
        digits += fd;
      }
      if (p >= end) return -1;
      const b = bytes[p];
      if (b !== 44 && b !== 10 && b !== 13) return -1;
      if (p === s) {
        ${missing(field, i)}
      } else {
        if (digits === 0 || digits > 15) return -1;
        let v = fd === 0 ? m : m / powersOfTen[fd];
        if (negative) v = -v;
        ${field.integer ? 'if (v !== Math.floor(v)) return -1;' : ''}
        ${rangeCheck(field)}
        ${field.stored ? `slot${i}[row] = v;` : ''}
        ${field.key ? 'lane.numberKey(v);' : ''}
      }
    }`;
}

/** The checks and store of an unquoted, non-empty value `[s, p)` that is not a number. */
function valueOf(field: FieldCode, i: number): string {
  switch (field.kind) {
    case FIELD_TEXT: return `
        ${field.key ? 'lane.textKey(s, p);' : ''}
        ${field.coded ? `const code = builder.textCode(plan${i}, bytes, s, p);
        if (code < 0) return -1;
        ${field.stored ? `slot${i}[row] = code;` : ''}` : ''}`;
    case FIELD_BOOL: return `
        const flag = parseBool(bytes, s, p);
        if (flag < 0) return -1;
        ${field.stored ? `slot${i}[row] = flag;` : ''}
        ${field.key ? 'lane.numberKey(flag);' : ''}`;
    default: return `
        const v = ${dateParser(field)}(bytes, s, p);
        ${checkedDate(field, i)}`;
  }
}

/** The parser (a ReaderParts name) of a date or datetime field. */
function dateParser(field: FieldCode): string {
  return field.kind === FIELD_DATETIME ? 'parseDateTime' : 'parseDate';
}

/** The range check and store of a date or datetime `v` (NaN when it is not valid). */
function checkedDate(field: FieldCode, i: number): string {
  return `if (!(v >= ${literal(field.min)} && v <= ${literal(field.max)})) return -1;
        ${field.stored ? `slot${i}[row] = v;` : ''}
        ${field.key ? 'lane.numberKey(v);' : ''}`;
}

/**
 * A date or datetime field: first as the usual spelling (`2025-03-14`,
 * `2025-03-14T09:23:11`), parsed at its fixed width without a scan; a value
 * that is valid there holds no separator, so the scan would have ended at
 * the same byte. Any other spelling is scanned as any field.
 */
function dateField(field: FieldCode, i: number): string {
  const datetime = field.kind === FIELD_DATETIME;
  const width = datetime ? 19 : 10;
  const marker = datetime ? 'bytes[p + 10] === 84' : 'bytes[p + 4] === 45';
  return `{
      const w = p + ${width};
      let v = NaN;
      if (w < end && ${marker}) {
        const b = bytes[w];
        if (b === 44 || b === 10 || b === 13) v = ${dateParser(field)}(bytes, p, w);
      }
      if (v === v) {
        ${checkedDate(field, i)}
        p = w;
      } else ${otherField(field, i)}
    }`;
}

/** An unquoted field that is not a number: scanned to its separator, then checked and stored. */
function otherField(field: FieldCode, i: number): string {
  const scan = `// Every byte above ',' is plain content; below it only the separators end a field.
      while (p < end && bytes[p] > 44) p++;
      while (p < end) { const b = bytes[p]; if (b === 44 || b === 10 || b === 13) break; p++; }
      if (p >= end) return -1;`;
  if (field.kind === FIELD_IGNORED) return `{ ${scan} }`;
  return `{
      const s = p;
      ${scan}
      if (s === p) {
        ${missing(field, i)}
      } else {
        const first = bytes[s], last = bytes[p - 1];
        if (first === 32 || first === 9 || last === 32 || last === 9) return -1;
        ${valueOf(field, i)}
      }
    }`;
}

/** The code that reads an unquoted field `i` up to its separator. */
function readerOf(field: FieldCode, i: number): string {
  switch (field.kind) {
    case FIELD_NUMBER: return numberField(field, i);
    case FIELD_DATE:
    case FIELD_DATETIME: return dateField(field, i);
    default: return otherField(field, i);
  }
}

/** The separator after field `i` of `count`: a comma between fields, a line break after the last. */
function separator(i: number, count: number): string {
  if (i < count - 1) return 'if (bytes[p] !== 44) return -1;\n    p++;';
  return `{
      const b = bytes[p];
      if (b === 10) p++;
      else if (b === 13) {
        if (p + 1 >= end) return -1; // is it CRLF? the next chunk tells
        p += bytes[p + 1] === 10 ? 2 : 1;
      } else return -1;
    }`;
}

/** The source of the record reader for `fields` (see ReaderParts for the names it uses). */
export function recordReaderSource(fields: readonly FieldCode[], absent: { numbers: number; flags: number; codes: number }): string {
  const hasKey = fields.some((field) => field.key);
  const lines: string[] = [
    '"use strict";',
    'const { lane, builder, rules, plans, slots, absentNumbers, absentFlags, absentCodes } = parts;',
    'const { parseBool, parseDate, parseDateTime, powersOfTen, boolMissing, textMissing } = parts;',
  ];
  fields.forEach((field, i) => {
    lines.push(`const rule${i} = rules[${i}];`);
    if (field.coded) lines.push(`const plan${i} = plans[${i}];`);
    if (field.stored) lines.push(`const slotOf${i} = slots[${i}];`);
  });
  // A function per field, each small enough to be optimised on its own soon after reading starts;
  // the record loop calls them in file order.
  fields.forEach((field, i) => {
    const body = `  if (p >= end) return -1;
  if (bytes[p] === 34) {
    p = lane.quotedField(rule${i}, bytes, p, end, row);
    if (p < 0) return -1;
  } else ${readerOf(field, i)}
  ${separator(i, fields.length)}
  return p;`;
    lines.push(`function readField${i}(bytes, p, end, row) {`);
    // The slot is read at each call: growing the columns replaces their arrays.
    if (field.stored) lines.push(`  const slot${i} = slotOf${i}.values;`);
    lines.push(body);
    lines.push('}');
  });
  lines.push('return function readPlainRecords(bytes, start, end, firstLine) {');
  lines.push('  let at = start;');
  lines.push('  let taken = 0;');
  lines.push('  while (at < end) {');
  lines.push('    const first = bytes[at];');
  lines.push('    if (first === 10 || first === 13) break; // a blank line: the CSV reader skips it');
  lines.push('    const row = builder.openRow();');
  if (hasKey) lines.push('    lane.forgetKey();');
  lines.push('    let p = at;');
  fields.forEach((_, i) => {
    lines.push(`    p = readField${i}(bytes, p, end, row);`);
    lines.push('    if (p < 0) break; // declined: the general way reads this record');
  });
  if (hasKey) lines.push('    if (lane.keySeenBefore(bytes, firstLine + taken)) break; // the general way reports the duplicate');
  for (let k = 0; k < absent.numbers; k++) lines.push(`    absentNumbers[${k}].values[row] = NaN;`);
  for (let k = 0; k < absent.flags; k++) lines.push(`    absentFlags[${k}].values[row] = boolMissing;`);
  for (let k = 0; k < absent.codes; k++) lines.push(`    absentCodes[${k}].values[row] = textMissing;`);
  lines.push('    builder.acceptRow();');
  lines.push('    at = p;');
  lines.push('    taken++;');
  lines.push('  }');
  lines.push('  lane.taken = taken;');
  lines.push('  return at;');
  lines.push('};');
  return lines.join('\n');
}

type ReaderMaker = (parts: ReaderParts) => RecordReader;

/**
 * Makers by source: a schema read again (the language server reloading a
 * changed file, `kpi eval` on the schema the startup snapshot warmed up)
 * gets the same function code, with the bytecode and type feedback V8
 * gathered before, instead of starting cold. Few schemas exist at a time;
 * the map is emptied if it ever holds many.
 */
const makers = new Map<string, ReaderMaker>();
const MAKERS_KEPT = 64;

/** The record reader for `fields`, made from recordReaderSource and bound to `parts`. */
export function recordReader(fields: readonly FieldCode[], parts: ReaderParts): RecordReader {
  const source = recordReaderSource(fields, {
    numbers: parts.absentNumbers.length, flags: parts.absentFlags.length, codes: parts.absentCodes.length,
  });
  let make = makers.get(source);
  if (make === undefined) {
    if (makers.size >= MAKERS_KEPT) makers.clear();
    // The one place kpi writes code: a function of the schema's rules only (see the header).
    make = new Function('parts', source) as ReaderMaker;
    makers.set(source, make);
  }
  return make(parts);
}
