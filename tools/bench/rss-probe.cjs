// Preloaded into benchmarked processes: on exit, writes the process's peak RSS (KiB) to the
// file named by EDGE_BENCH_RSS_FILE.
const fs = require("node:fs");
process.on("exit", () => {
  const file = process.env.EDGE_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
