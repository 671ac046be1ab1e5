#!/usr/bin/env node
// @ts-check
/**
 * `npm run synth` and the cdktf.json app: runs the compiled synth (dist/tools/synth.js) with
 * plain node. When the bundle is missing or older than any source it was built from, it is built
 * first through Nx (`nx run workspace-tools:build`, restored from the Nx cache when it can be).
 * The bundle runs with V8's code cache (load-bundle.js). Same environment variables as
 * tools/synth.ts (EDGE_SITES, EDGE_ENVS, CDKTF_OUTDIR).
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { isCurrent } = require("../nx-plugin/fingerprint");
const { loadBundle } = require("./load-bundle");

const workspaceRoot = path.resolve(__dirname, "..", "..");
const bundle = path.join(workspaceRoot, "dist", "tools", "synth.js");
const inputs = `${bundle}.inputs.json`;

function current() {
  if (!fs.existsSync(bundle) || !fs.existsSync(inputs)) return false;
  return isCurrent(workspaceRoot, JSON.parse(fs.readFileSync(inputs, "utf8")));
}

if (!current()) {
  const nx = require.resolve("nx/bin/nx", { paths: [workspaceRoot] });
  const built = spawnSync(
    process.execPath,
    [nx, "run", "workspace-tools:build", "--outputStyle=static"],
    {
      cwd: workspaceRoot,
      // cdktf reads the app's stdout; the build's log goes to stderr.
      stdio: ["ignore", process.stderr, process.stderr],
      env: { NX_DAEMON: "false", NX_NO_CLOUD: "true", ...process.env },
    },
  );
  if (built.status !== 0) {
    process.stderr.write("building dist/tools/synth.js failed (see above)\n");
    process.exit(1);
  }
}
// A complete run synthesizes every site and environment (its code cache serves every later
// run); --help, a bad argument or EDGE_SITES / EDGE_ENVS make a partial one.
const OUTPUT_FLAGS = new Set(["--quiet", "-q", "--verbose", "-v"]);
const partial =
  process.argv.slice(2).some((a) => !OUTPUT_FLAGS.has(a)) ||
  Boolean(process.env.EDGE_SITES) ||
  Boolean(process.env.EDGE_ENVS);
loadBundle(bundle, { complete: !partial });
