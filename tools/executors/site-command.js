// @ts-check
/**
 * Executors of the per-site `publish`, `deploy`, `diff` and `destroy` targets. They exist because nx:run-commands
 * owns an option called `env` (environment variables), so `--env=dev` cannot reach a
 * run-commands target. Each executor only turns its options into flags and runs the TypeScript
 * entry point, which does all validation and prints its own errors.
 */
const { spawn } = require("node:child_process");
const path = require("node:path");

/** `{ dryRun: true, env: "dev" }` -> `["--dry-run", "--env=dev"]`; false and empty values are dropped. */
function toFlags(options) {
  const flags = [];
  for (const [key, value] of Object.entries(options)) {
    if (key.startsWith("_") || value === undefined || value === null || value === false || value === "") continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    flags.push(value === true ? flag : `${flag}=${value}`);
  }
  return flags;
}

function run(entry, args, context) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(context.root, entry), ...args], {
      cwd: context.root,
      stdio: "inherit",
      env: process.env,
    });
    child.on("error", (err) => {
      process.stderr.write(`could not start ${entry}: ${err.message}\n`);
      resolve({ success: false });
    });
    child.on("close", (code) => resolve({ success: code === 0 }));
  });
}

/** `nx run <site>:publish --env=<env> [--dry-run] [...]` */
async function publish(options, context) {
  return run("libs/tfc/src/cli.ts", ["publish", `--site=${context.projectName}`, ...toFlags(options)], context);
}

/** `nx run <site>:deploy --env=<env> [--auto-approve] [--dry-run]` */
async function deploy(options, context) {
  return run("tools/deploy.ts", [`--site=${context.projectName}`, ...toFlags(options)], context);
}

/** `nx run <site>:diff --env=<env> [--dry-run]` */
async function diff(options, context) {
  return run("tools/diff.ts", [`--site=${context.projectName}`, ...toFlags(options)], context);
}

/** `nx run <site>:destroy --env=<env> [--auto-approve] [--dry-run]` */
async function destroy(options, context) {
  return run("tools/destroy.ts", [`--site=${context.projectName}`, ...toFlags(options)], context);
}

module.exports = { publish, deploy, diff, destroy, toFlags };
