/**
 * What the sample data generators share: a seeded PRNG and the draws built on
 * it, CSV field quoting, argument parsing, and streaming rows to a file in
 * batches (so a million rows take little memory). Output depends only on the
 * arguments: no clock, no locale, the same bytes on every machine.
 */

import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box-Muller; one value per call keeps the stream simple). */
export function normal(random) {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Picks a value from [value, weight] pairs. */
export function pick(random, weighted) {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

export const pad2 = (n) => String(n).padStart(2, '0');

/** RFC 4180 quoting: only fields holding a comma, a quote or a line break. */
export function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const USAGE = 'usage: node generate.mjs [--rows N] [--seed S] [--out PATH]';

function parseArgs(argv, defaults) {
  const options = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === '--rows' || flag === '--seed') {
      if (!/^\d+$/.test(value)) throw new Error(`${flag} expects a whole number, got "${value}"`);
      options[flag.slice(2)] = Number(value);
    } else if (flag === '--out') {
      options.out = resolve(value);
    } else {
      throw new Error(`unknown option ${flag}`);
    }
  }
  return options;
}

/**
 * The generator's command line: parses `--rows`, `--seed`, `--out` (with the
 * given defaults) and writes the header and `row(random, index)` for each row.
 * Usage errors exit 2, other failures 1, each with one line on stderr.
 */
export function runGenerator({ header, defaults, row }) {
  const main = async () => {
    let options;
    try {
      options = parseArgs(process.argv.slice(2), defaults);
    } catch (error) {
      process.stderr.write(`generate.mjs: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    mkdirSync(dirname(options.out), { recursive: true });
    const out = createWriteStream(options.out);
    const random = seededRandom(options.seed);
    let batch = `${header.join(',')}\n`;
    for (let i = 0; i < options.rows; i++) {
      batch += `${row(random, i)}\n`;
      if (batch.length > 1 << 16) {
        if (!out.write(batch)) await once(out, 'drain');
        batch = '';
      }
    }
    out.end(batch);
    await once(out, 'finish');
  };
  main().catch((error) => {
    process.stderr.write(`generate.mjs: ${error.message}\n`);
    process.exit(1);
  });
}
