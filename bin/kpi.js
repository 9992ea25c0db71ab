#!/usr/bin/env node
// The `kpi` command: a thin launcher for the bundled CLI (built by `npm run build`,
// which `npm ci` runs through `prepare`).
//
// The bundle runs as CommonJS, as `require` would run it, but compiled with V8's
// code cache when the build left one (dist/kpi.js.cache, written by
// scripts/bundle.mjs after a sample run): node then skips parsing and compiling
// most of the CLI at every start (about a tenth of a 100,000-row `kpi eval`, see
// bench/README.md). The cache starts with a checksum of the bundle it was made
// from: another bundle, or V8 refusing the data (another node version or flags),
// means a plain compile, never a stale one (V8 itself only compares the source's
// length). The checksum is zlib's CRC-32 (node >= 20.15; a SHA-1 before): it
// tells a rebuilt or replaced bundle, it is no defence against tampering (who can
// write the cache can write the bundle), and it takes about 1.5 ms where loading
// node:crypto and hashing took 4.5. KPI_CODE_CACHE_OUT=<file> writes a fresh
// cache when the process exits (the build's sample run).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'kpi.js');

let bytes;
try {
  bytes = fs.readFileSync(bundle);
} catch (error) {
  if (error && error.code === 'ENOENT') {
    process.stderr.write('kpi: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n');
    process.exit(70);
  }
  throw error;
}

const Module = require('node:module');
const vm = require('node:vm');

const source = bytes.toString('utf8');
const digest = checksum(bytes);
const cacheOut = process.env.KPI_CODE_CACHE_OUT;
let cachedData;
if (!cacheOut) {
  try {
    const stored = fs.readFileSync(`${bundle}.cache`);
    if (stored.subarray(0, digest.length).equals(digest)) cachedData = stored.subarray(digest.length);
  } catch {
    // no cache (or unreadable): compile as usual
  }
}

const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
if (cacheOut) {
  delete process.env.KPI_CODE_CACHE_OUT;
  process.on('exit', () => fs.writeFileSync(cacheOut, Buffer.concat([digest, script.createCachedData()])));
}
const bundleModule = { exports: {}, id: bundle, filename: bundle, loaded: false };
script.runInThisContext()(bundleModule.exports, Module.createRequire(bundle), bundleModule, bundle, path.dirname(bundle));
bundleModule.loaded = true;

/** The key a cache is stored under: one byte naming the algorithm, then the checksum of `data`. */
function checksum(data) {
  const { crc32 } = require('node:zlib');
  if (typeof crc32 === 'function') {
    const key = Buffer.alloc(5);
    key[0] = 1;
    key.writeUInt32BE(crc32(data), 1);
    return key;
  }
  const { createHash } = require('node:crypto');
  return Buffer.concat([Buffer.of(2), createHash('sha1').update(data).digest()]);
}
