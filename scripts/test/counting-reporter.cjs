// A mocha reporter for scripts/test-all.mjs: mocha's `spec` output as usual,
// plus `{ "passed": N, "failed": N }` written to the file given as
// `--reporter-option output=<file>` when the run ends. The file is written
// only at the end, so its absence means the run never finished.
'use strict';

const fs = require('node:fs');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const output = options && options.reporterOption && options.reporterOption.output;
    if (!output) throw new Error('counting-reporter needs --reporter-option output=<file>');
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats || { passes: 0, failures: 0 };
      fs.writeFileSync(output, JSON.stringify({ passed: stats.passes, failed: stats.failures }));
    });
  }
}

module.exports = CountingReporter;
