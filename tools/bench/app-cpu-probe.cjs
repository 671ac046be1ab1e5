// Preloaded into the processes of `npx cdktf synth`: the process that runs the synth app
// (tools/bin/synth.js, cdktf.json `app`) writes its own CPU time (user + sys, ms) on exit to the
// file named by EDGE_BENCH_APP_FILE, so the bench can tell the app's share from cdktf-cli's.
const fs = require("node:fs");
const path = require("node:path");
if (process.argv[1] && process.argv[1].split(path.sep).join("/").endsWith("tools/bin/synth.js")) {
  process.on("exit", () => {
    const file = process.env.EDGE_BENCH_APP_FILE;
    const { user, system } = process.cpuUsage();
    if (file) fs.appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
