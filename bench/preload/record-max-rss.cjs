// Preloaded into the measured kmsctl process (node --require): records its peak resident memory when
// it exits, into the file KMSCTL_BENCH_RSS_FILE names. Kept out of the product's code.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.KMSCTL_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKiB: usage.maxRSS, userCpuUs: usage.userCPUTime, systemCpuUs: usage.systemCPUTime }));
  });
}
