/**
 * Publishes this repository's synthesized dev stacks (cdktf.out) to the local fake Terraform
 * Cloud with one injected 429 and one injected 503, through the real CLI and real waits:
 *
 *   npm run synth   (or npx nx run region-hub:synth)
 *   node --import tsx libs/tfc/test/support/demo.ts
 *
 * Prints the CLI's progress lines (stderr), its final table (stdout), then the requests the
 * server saw, per endpoint.
 */
import * as path from "node:path";
import { runTfcCli } from "../../src/lib/cli";
import { FakeTfc } from "./fake-tfc";

async function demo(): Promise<number> {
  const token = "demo-token.atlasv1.0000000000";
  const fake = new FakeTfc({ token, organization: "acme", workspaces: ["edge-region-hub-dev"] });
  const address = await fake.start();
  fake.inject((r) => r.method === "POST" && r.path.endsWith("/configuration-versions"), { status: 429, headers: { "X-RateLimit-Reset": "0.5" } });
  fake.inject((r) => r.method === "GET" && r.path.startsWith("/api/v2/runs/"), { status: 503 });
  try {
    const argv = ["publish", "--env=dev", "--organization=acme", "--workspace-prefix=edge", `--address=${address}`, "--create", "--run=plan-only", "--concurrency=2"];
    process.stderr.write(`$ tfc ${argv.join(" ")}\n`);
    const code = await runTfcCli(argv, {
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      env: { TF_TOKEN_app_terraform_io: token },
      cwd: path.resolve(__dirname, "../../../.."),
      pollMs: { upload: 200, run: 500 },
    });
    const counts = new Map<string, number>();
    for (const r of fake.requests) {
      const key = `${r.method} ${r.path.replace(/\?.*/, "").replace(/(ws|cv|run)-[\w]+/g, ":$1")}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    process.stdout.write(`\nexit code ${code}; the server saw ${fake.requests.length} requests:\n`);
    for (const [key, n] of counts) process.stdout.write(`  ${String(n).padStart(2)}  ${key}\n`);
    process.stdout.write(`token in any request other than the API's Authorization header: ${fake.requests.some((r) => r.path.startsWith("/upload/") && r.headers.authorization) ? "yes" : "no"}\n`);
    return code;
  } finally {
    await fake.stop();
  }
}

demo().then((code) => {
  process.exitCode = code;
});
