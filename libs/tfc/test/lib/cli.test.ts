import * as path from "node:path";
import { SHIPPED_ENVIRONMENTS } from "@edge/core";
import { runTfcCli, type CliIo } from "../../src/lib/cli";
import { FakeTfc } from "../support/fake-tfc";
import { localRead, makeOutdir } from "../support/stacks";

const TOKEN = "cli-test-token.atlasv1.feedface";
const REPO_ROOT = path.resolve(__dirname, "../../../..");

async function cli(argv: string[], io: Partial<CliIo> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runTfcCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { TF_TOKEN_app_terraform_io: TOKEN },
    cwd: REPO_ROOT,
    sleep: async () => undefined,
    retry: { sleep: async () => undefined },
    pollMs: { upload: 1, run: 1 },
    ...io,
  });
  return { code, stdout, stderr };
}

describe("tfc publish (cli)", () => {
  const outdir = makeOutdir([{ site: "region-hub" }, { site: "local-zone-bos", reads: [localRead("region-hub")] }]);
  let fake: FakeTfc;
  beforeEach(async () => {
    fake = new FakeTfc({ token: TOKEN, organization: "acme", workspaces: ["edge-region-hub-dev", "edge-local-zone-bos-dev"] });
    await fake.start();
  });
  afterEach(() => fake.stop());
  const common = () => ["publish", "--env=dev", `--stacks-dir=${outdir}`, "--organization=acme", "--workspace-prefix=edge", `--address=${fake.address}`];

  it("sends nothing on --dry-run and prints the requests it would make", async () => {
    const { code, stdout, stderr } = await cli([...common(), "--dry-run", "--run=plan-only", "--create"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(fake.requests).toHaveLength(0);
    expect(stdout).toContain("dry run: nothing is sent (2 stacks, app.terraform.io, run: plan-only)");
    expect(stdout).toContain("token: found in TF_TOKEN_app_terraform_io");
    expect(stdout).toContain(`GET  ${fake.address}/api/v2/organizations/acme/workspaces/edge-region-hub-dev`);
    expect(stdout).toContain('{"data":{"type":"configuration-versions","attributes":{"auto-queue-runs":false,"speculative":true}}}');
    expect(stdout).toContain("no Authorization");
    expect(stdout).toMatch(/ {9}cdk\.tf\.json \(\d+ B\)/);
    expect(stdout).toContain("(if created; lets edge-local-zone-bos-dev read its state)");
    expect(stdout).not.toContain(TOKEN);
  });

  it("publishes through one 429 and one 503, printing progress lines and the final table", async () => {
    fake.inject((r) => r.method === "POST" && r.path.endsWith("/configuration-versions"), { status: 429, headers: { "X-RateLimit-Reset": "0.2" } });
    fake.inject((r) => r.method === "GET" && r.path.startsWith("/api/v2/runs/"), { status: 503 });
    const { code, stdout, stderr } = await cli([...common(), "--run=plan-only", "--concurrency=2"]);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stderr).toContain("publishing 2 stacks to app.terraform.io/acme (token from TF_TOKEN_app_terraform_io, run: plan-only, 2 at a time)");
    expect(stderr).toMatch(/: 429 rate limited, retrying in 0\.\d s \(attempt 2 of 6\)/);
    expect(stderr).toMatch(/GET \/runs\/run-\d+: 503 server error, retrying in \d\.\d s \(attempt 2 of 6\)/);
    expect(stderr).toMatch(/region-hub-dev: done \(\d\/2\): planned_and_finished/);
    const table = stdout.split("\n");
    expect(table[0]).toMatch(/^stack +workspace +configuration version +run id +status$/);
    expect(table.slice(2, 4).map((l) => l.split(/ +/)[0])).toEqual(["local-zone-bos-dev", "region-hub-dev"]);
    expect(stdout).toContain("published 2 stacks");
    expect(`${stdout}${stderr}`).not.toContain(TOKEN);
  });

  it("exits 1 when a stack fails, with the failure in the table", async () => {
    fake.inject((r) => r.method === "POST" && r.path === "/api/v2/runs", { status: 409 });
    const { code, stdout } = await cli([...common(), "--site=region-hub", "--run=normal"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/region-hub-dev: POST \/runs: 409 wrong state/);
  });

  it.each([
    [["publish", "--env=dev", "--dry-run", "--run=later"], /error EDGE_TFC_ARGS at --run\n {2}not a run mode/],
    [["publish", "--env=dev", "--bogus"], /error EDGE_TFC_ARGS at arguments\n {2}unknown option '--bogus'/],
    [["publish"], /error EDGE_TFC_ARGS at --env\n {2}no environment given/],
    [["publish", "--env=Prod"], /error EDGE_ENV_NAME at EDGE_ENVS\n {2}not a valid environment name/],
    [["deploy", "--env=dev"], /unknown command deploy/],
  ])("reports %j as a configuration error without a stack trace", async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("needs an organization and a token for a real publish, and says where they come from", async () => {
    const noOrg = await cli(["publish", "--env=dev", `--stacks-dir=${outdir}`]);
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toMatch(/error EDGE_TFC_ORGANIZATION at --organization\n {2}no terraform cloud organization\n.*\n {2}fix: {3}pass --organization, set TF_CLOUD_ORGANIZATION, or give environments.dev a tfc backend/);
    const noToken = await cli([...common()], { env: { HOME: outdir } });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/error EDGE_TFC_TOKEN at TF_TOKEN_app_terraform_io\n {2}no api token for app.terraform.io/);
    expect(fake.requests).toHaveLength(0);
  });

  it("takes organization, prefix and hostname from the environment's tfc backend", async () => {
    const environments = {
      ...SHIPPED_ENVIRONMENTS,
      dev: { ...SHIPPED_ENVIRONMENTS.dev, backend: { type: "tfc" as const, organization: "edge-org", workspacePrefix: "sites", hostname: "tfe.example.com" } },
    };
    const { code, stdout } = await cli(["publish", "--env=dev", `--stacks-dir=${outdir}`, "--dry-run"], {
      environments,
      env: { TF_TOKEN_tfe_example_com: TOKEN },
    });
    expect(code).toBe(0);
    expect(stdout).toContain("token: found in TF_TOKEN_tfe_example_com");
    expect(stdout).toContain("GET  https://tfe.example.com/api/v2/organizations/edge-org/workspaces/sites-region-hub-dev");
    expect(stdout).not.toContain("note:");
  });

  it("prints usage on --help", async () => {
    const { code, stdout } = await cli(["publish", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: tfc publish --env <env>/);
  });
});
