/**
 * The benchmark's ticket exports: generated once by
 * samples/after-sales/generate.mjs and kept in bench/data/ (gitignored).
 *
 * A file's name carries a hash of generate.mjs and the generator's arguments,
 * so a change to the generator makes new files on the next run; files of
 * other hashes are removed. A file is written under a temporary name and
 * renamed when complete, so an interrupted run never leaves a short CSV that
 * looks finished.
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.join(ROOT, 'bench', 'data');
const GENERATOR = path.join(ROOT, 'samples', 'after-sales', 'generate.mjs');
const SEED = 20250101;

function generatorHash() {
  return createHash('sha256').update(fs.readFileSync(GENERATOR)).digest('hex').slice(0, 12);
}

/** Path of the tickets CSV with `rows` rows, generating it when missing. */
export function ticketsCsv(rows) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const hash = generatorHash();
  const file = path.join(DATA_DIR, `tickets-${rows}-s${SEED}-${hash}.csv`);
  for (const name of fs.readdirSync(DATA_DIR)) {
    if (/^tickets-\d+-s\d+-[0-9a-f]{12}\.csv(\.partial)?$/.test(name) && !name.includes(hash)) {
      fs.rmSync(path.join(DATA_DIR, name), { force: true });
    }
  }
  if (fs.existsSync(file)) return file;
  const partial = `${file}.partial`;
  process.stdout.write(`generating ${rows.toLocaleString('en')} tickets -> ${path.relative(ROOT, file)}\n`);
  const run = spawnSync(process.execPath, [GENERATOR, '--rows', String(rows), '--seed', String(SEED), '--out', partial], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`generate.mjs failed (exit code ${run.status})`);
  fs.renameSync(partial, file);
  return file;
}
