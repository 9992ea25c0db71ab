/**
 * What the loader asks of a file format: split bytes into rows of cells and
 * hand them to the table builder, keeping physical line numbers.
 *
 * Readers are fed the file piece by piece. `read` consumes only whole records
 * (a CSV record, a JSON array element, a JSON line) and returns how many bytes
 * it consumed; the loader keeps the rest and passes it again, followed by the
 * next chunk. So a chunk may end anywhere: inside a quoted field, between CR
 * and LF, inside a multi-byte character.
 */

import type { DataProblem } from './table';

export interface FormatReader {
  /**
   * Reads the whole records at the start of `bytes`, returns the number of
   * bytes consumed. With `final`, `bytes` is the rest of the file and all of it
   * is consumed.
   */
  read(bytes: Uint8Array, final: boolean): number;
  /** Column names as the file has them, in file order. */
  fileColumns(): string[];
  /** Declared columns the file does not have. */
  missingColumns(): string[];
  /** Physical line (1-based) where the next record starts: the line after the bytes consumed so far. */
  readonly nextLine: number;
  /** Set when the file cannot be read at all; reading stops there. */
  readonly fatal: DataProblem | undefined;
}

export const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Where the content starts: after a UTF-8 BOM if there is one. Returns -1
 * when too few bytes have arrived to tell (and more may come).
 */
export function afterBom(bytes: Uint8Array, final: boolean): number {
  if (bytes.length < 3 && !final) {
    for (let i = 0; i < bytes.length; i++) if (bytes[i] !== UTF8_BOM[i]) return 0;
    return -1;
  }
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2]
    ? 3 : 0;
}

/** Index of the declared column a file column name matches: exactly, else once trimmed. */
export function matchColumns(fileNames: readonly string[], declared: readonly string[]): Int32Array {
  const toColumn = new Int32Array(fileNames.length).fill(-1);
  const taken = new Set<number>();
  const claim = (same: (fileName: string, name: string) => boolean): void => {
    declared.forEach((name, column) => {
      if (taken.has(column)) return;
      const field = fileNames.findIndex((fileName, i) => toColumn[i] === -1 && same(fileName, name));
      if (field >= 0) {
        toColumn[field] = column;
        taken.add(column);
      }
    });
  };
  claim((fileName, name) => fileName === name);
  claim((fileName, name) => fileName.trim() === name);
  return toColumn;
}
