/**
 * Preloaded into a benchmarked node process (`node -r bench/max-rss.cjs ...`):
 * when the process exits, writes its peak resident set size and CPU time as
 * JSON to the file named by KPI_BENCH_USAGE. Does nothing when the variable
 * is unset, so it cannot change what the process prints.
 *
 * {"maxRssKiB": 171234, "userMs": 2100.5, "systemMs": 480.2}
 */

'use strict';

const file = process.env.KPI_BENCH_USAGE;
if (file) {
  // Children of the measured process (none today) must not overwrite the record.
  delete process.env.KPI_BENCH_USAGE;
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const record = { maxRssKiB: usage.maxRSS, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000 };
    require('node:fs').writeFileSync(file, JSON.stringify(record));
  });
}
