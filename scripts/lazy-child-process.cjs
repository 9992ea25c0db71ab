// node:child_process as commander sees it in the bundles (scripts/bundle.mjs):
// loaded on first use instead of when commander loads. commander needs it only
// to run executable subcommands, which kpi has none of, and loading it (with
// net and dgram) costs every `kpi` run about a millisecond.
'use strict';
let childProcess;
const load = () => (childProcess ??= require('node:child_process'));
module.exports = new Proxy({}, {
  get: (_target, name) => load()[name],
  has: (_target, name) => name in load(),
});
