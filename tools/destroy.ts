/**
 * Destroys one site in one environment: `nx run <site>:destroy --env=<env>` runs this as
 * `tools/destroy.ts --site=<site> --env=<env>`. See docs/deploy.md.
 */
import { findRepoRoot } from "@edge/core";
import { deployMain } from "./src/deploy";

process.exitCode = deployMain(
  process.argv.slice(2),
  { repoRoot: findRepoRoot(__dirname), stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  "destroy",
);
