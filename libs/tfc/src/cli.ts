/**
 * `tfc publish`: the Terraform Cloud publisher's command line (the `publish` target of every
 * site runs it). `node --import tsx libs/tfc/src/cli.ts publish --env=staging --site=region-hub --dry-run`
 */
import { runTfcCli } from "./lib/cli";

runTfcCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // Not a user mistake: a bug, reported in full.
    process.stderr.write(`tfc: unexpected error\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);
