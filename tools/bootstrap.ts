/**
 * Creates the S3 state bucket of an environment, once: `npm run bootstrap -- --env=<env>`.
 * See tools/src/bootstrap.ts and docs/deploy.md.
 */
import { spawnSync } from "node:child_process";
import { findRepoRoot } from "@edge/core";
import { edgePolicyPack } from "@edge/policy";
import { BOOTSTRAP_USAGE, bootstrapMain } from "./src/bootstrap";

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(`${BOOTSTRAP_USAGE}\n`);
} else {
  process.exitCode = bootstrapMain(argv, {
    repoRoot: findRepoRoot(__dirname),
    policy: edgePolicyPack,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    run: (command, args, cwd) => spawnSync(command, args, { cwd, stdio: "inherit" }).status ?? 1,
  });
}
