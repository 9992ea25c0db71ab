/**
 * The process entry of `kpi` bundled to dist/kpi.js, which bin/kpi.js loads
 * when the startup snapshot is not used (see bin/kpi): the CLI run as this
 * process (run-process.ts).
 */

import { runKpiProcess } from './run-process';

runKpiProcess(process.argv.slice(2));
