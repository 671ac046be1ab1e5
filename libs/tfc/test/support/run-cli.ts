import * as path from "node:path";
import { runTfcCli, type CliIo } from "../../src/lib/cli";

/** The repository root: the CLI finds cdktf.json and the environment catalog from it. */
export const REPO_ROOT = path.resolve(__dirname, "../../../..");

/**
 * Runs the tfc CLI in-process as a test runs it: output captured, `token` as
 * TF_TOKEN_app_terraform_io, no real waiting between polls or retries.
 */
export async function runCli(argv: string[], token: string, io: Partial<CliIo> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runTfcCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { TF_TOKEN_app_terraform_io: token },
    cwd: REPO_ROOT,
    sleep: async () => undefined,
    retry: { sleep: async () => undefined },
    pollMs: { upload: 1, run: 1 },
    ...io,
  });
  return { code, stdout, stderr };
}
