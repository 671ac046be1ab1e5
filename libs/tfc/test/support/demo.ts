/**
 * Runs the real CLI against the local fake Terraform Cloud with this repository's synthesized
 * stacks (cdktf.out), in one of three scenarios:
 *
 *   npm run synth
 *   node --import tsx libs/tfc/test/support/demo.ts [retries|created-then-502|queued]
 *
 * retries          plan in staging through one 429 and one 503
 * created-then-502 apply of region-hub in staging whose POST /runs is carried out, then answered 502
 * queued           publish --run=normal of region-hub in staging behind a run that waits for confirmation
 *
 * Prints the CLI's progress lines (stderr), its final table (stdout), then the requests the
 * server saw, per endpoint.
 */
import * as path from "node:path";
import { runTfcCli } from "../../src/lib/cli";
import { FakeTfc } from "./fake-tfc";

const SCENARIOS = {
  retries: {
    server: { workspaces: ["edge-region-hub-staging"] },
    argv: ["plan", "--env=staging", "--create", "--concurrency=2"],
    setup: (fake: FakeTfc) => {
      fake.inject((r) => r.method === "POST" && r.path.endsWith("/configuration-versions"), { status: 429, headers: { "X-RateLimit-Reset": "0.5" } });
      fake.inject((r) => r.method === "GET" && r.path.startsWith("/api/v2/runs/"), { status: 503 });
    },
  },
  "created-then-502": {
    server: { workspaces: ["edge-region-hub-staging"], runStatuses: ["planning", "planned"] },
    argv: ["apply", "--env=staging", "--site=region-hub"],
    setup: (fake: FakeTfc) => fake.inject((r) => r.method === "POST" && r.path === "/api/v2/runs", { status: 502, after: true }),
  },
  queued: {
    server: { workspaces: ["edge-region-hub-staging"], existingRuns: [{ workspace: "edge-region-hub-staging", status: "planned", message: "main at 4f2c9e1" }] },
    argv: ["publish", "--env=staging", "--site=region-hub", "--run=normal"],
    setup: () => undefined,
  },
} as const;

async function demo(name: keyof typeof SCENARIOS): Promise<number> {
  const scenario = SCENARIOS[name];
  const token = "demo-token.atlasv1.0000000000";
  const fake = new FakeTfc({ token, organization: "edge-blueprints", ...scenario.server });
  const address = await fake.start();
  scenario.setup(fake);
  try {
    const argv = [...scenario.argv, `--address=${address}`];
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
      const key = `${r.method} ${r.path.replace(/\?secret=.*/, "").replace(/(ws|cv|run)-[\w]+/g, ":$1")}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    process.stdout.write(`\nexit code ${code}; runs in the fake: ${fake.runs.size}; the server saw ${fake.requests.length} requests:\n`);
    for (const [key, n] of counts) process.stdout.write(`  ${String(n).padStart(2)}  ${key}\n`);
    return code;
  } finally {
    await fake.stop();
  }
}

const name = (process.argv[2] ?? "retries") as keyof typeof SCENARIOS;
if (!(name in SCENARIOS)) {
  process.stderr.write(`unknown scenario ${name}: use ${Object.keys(SCENARIOS).join(", ")}\n`);
  process.exitCode = 2;
} else {
  demo(name).then((code) => {
    process.exitCode = code;
  });
}
