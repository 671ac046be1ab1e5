import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { environmentCatalog, SHIPPED_ENVIRONMENTS } from "@edge/environments";
import type { CliIo } from "../../src/lib/cli";
import { runCli } from "../support/run-cli";
import { FakeTfc } from "../support/fake-tfc";
import { makeOutdir, remoteRead } from "../support/stacks";

const TOKEN = "cli-test-token.atlasv1.feedface";

const cli = (argv: string[], io: Partial<CliIo> = {}) => runCli(argv, TOKEN, io);

describe("tfc (cli)", () => {
  const outdir = makeOutdir([
    { site: "region-hub", env: "staging" },
    { site: "local-zone-bos", env: "staging", reads: [remoteRead("region-hub")] },
    { site: "region-hub", env: "dev" },
  ]);
  let fake: FakeTfc;
  beforeEach(async () => {
    fake = new FakeTfc({ token: TOKEN, organization: "acme", workspaces: ["edge-region-hub-staging", "edge-local-zone-bos-staging"] });
    await fake.start();
  });
  afterEach(() => fake.stop());
  const common = (command = "publish") => [command, "--env=staging", `--stacks-dir=${outdir}`, "--organization=acme", `--address=${fake.address}`];

  it("sends nothing on --dry-run and prints the requests it would make", async () => {
    const { code, stdout, stderr } = await cli([...common(), "--dry-run", "--run=plan-only", "--create"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(fake.requests).toHaveLength(0);
    expect(stdout).toContain("dry run of tfc publish: nothing is sent (2 stacks of staging, app.terraform.io, run: plan-only, auto-apply: false)");
    expect(stdout).toContain("token: found in TF_TOKEN_app_terraform_io");
    expect(stdout).toContain("note: the stacks' cloud block names app.terraform.io/edge-blueprints/edge-local-zone-bos-staging; publishing to app.terraform.io/acme/edge-local-zone-bos-staging instead");
    expect(stdout).toContain("order: region-hub -> local-zone-bos");
    expect(stdout).toContain(`GET  ${fake.address}/api/v2/organizations/acme/workspaces/edge-region-hub-staging`);
    expect(stdout).toContain('{"data":{"type":"configuration-versions","attributes":{"auto-queue-runs":false,"speculative":true}}}');
    expect(stdout).toContain("no Authorization");
    expect(stdout).toMatch(/ {9}cdk\.tf\.json \(\d+ B\)/);
    expect(stdout).toContain(`POST ${fake.address}/api/v2/workspaces/<workspace id>/run-triggers   {"data":{"relationships":{"sourceable":{"data":{"id":"<id of edge-region-hub-staging>","type":"workspaces"}}}}}`);
    expect(stdout).toContain('"attributes":{"message":"edge-blueprints publish of region-hub-staging","plan-only":true,"auto-apply":false}');
    expect(stdout).not.toContain(TOKEN);
  });

  it("refuses an environment that Terraform Cloud does not deliver, dry run included, naming it and the fix", async () => {
    const { code, stderr } = await cli(["plan", "--env=dev", `--stacks-dir=${outdir}`, "--dry-run"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        "tfc: error EDGE_TFC_DELIVERY at environments.dev.backend",
        "  environment dev is delivered with cdktf deploy (its state is in the local backend), not by Terraform Cloud; a workspace run could neither read nor write that state",
        '  value: "local"',
        "  fix:   deploy it with npx cdktf deploy <site>-dev, or give environments.dev a tfc backend (and move its state) so that Terraform Cloud owns it",
        "",
      ].join("\n"),
    );
    expect(fake.requests).toHaveLength(0);
  });

  it("publishes through one 429 and one 503, printing progress lines and the final table", async () => {
    fake.inject((r) => r.method === "POST" && r.path.endsWith("/configuration-versions"), { status: 429, headers: { "X-RateLimit-Reset": "0.2" } });
    fake.inject((r) => r.method === "GET" && r.path.startsWith("/api/v2/runs/"), { status: 503 });
    const { code, stdout, stderr } = await cli([...common(), "--run=plan-only", "--concurrency=2"]);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(stderr).toContain("tfc publish: 2 stacks to app.terraform.io/acme (token from TF_TOKEN_app_terraform_io, run: plan-only, 2 at a time)");
    expect(stderr).toMatch(/: 429 rate limited, retrying in 0\.\d s \(attempt 2 of 6\)/);
    expect(stderr).toMatch(/GET \/runs\/run-\d+\?include=plan%2Cworkspace: 503 server error, retrying in \d\.\d s \(attempt 2 of 6\)/);
    expect(stderr).toMatch(/region-hub-staging: done \(\d\/2\): planned_and_finished/);
    const table = stdout.split("\n");
    expect(table[0]).toMatch(/^stack +workspace +configuration version +run id +plan +status$/);
    expect(table.slice(2, 4).map((l) => l.split(/ +/)[0])).toEqual(["local-zone-bos-staging", "region-hub-staging"]);
    expect(stdout).toContain("published 2 stacks");
    expect(`${stdout}${stderr}`).not.toContain(TOKEN);
  });

  it("exits 1 when a stack fails, with the failure in the table", async () => {
    fake.inject((r) => r.method === "POST" && r.path === "/api/v2/runs", { status: 409 });
    const { code, stdout } = await cli([...common(), "--site=region-hub", "--run=normal"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/region-hub-staging: EDGE_TFC_API: workspace edge-region-hub-staging in organization acme: POST \/runs: 409 wrong state/);
  });

  it("plan writes a record that summary turns into a Markdown job summary", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "edge-tfc-summary-"));
    const record = path.join(dir, "plan-staging.json");
    const plan = await cli([...common("plan"), `--json=${record}`]);
    expect(plan.code).toBe(0);
    const runs = fake.calls("POST", /^\/api\/v2\/runs$/);
    expect(runs.map((r) => r.json.data.attributes)).toEqual([
      { message: "edge-blueprints publish of region-hub-staging", "plan-only": true, "auto-apply": false },
      { message: "edge-blueprints publish of local-zone-bos-staging", "plan-only": true, "auto-apply": false },
    ]);
    const summary = await cli(["summary", record]);
    expect(summary.code).toBe(0);
    const lines = summary.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "### Terraform Cloud plan: staging (acme)",
      "",
      "| stack | to add | to change | to destroy | status | run |",
      "| --- | ---: | ---: | ---: | --- | --- |",
    ]);
    expect(lines[5]).toMatch(/^\| region-hub-staging \| 1 \| 0 \| 0 \| planned_and_finished \| \[run-\d+\]\(https:\/\/app\.terraform\.io\/app\/acme\/workspaces\/edge-region-hub-staging\/runs\/run-\d+\) \|$/);
    expect(summary.stdout).toContain("2 stacks: +2 ~0 -0");
    const bad = await cli(["summary", path.join(dir, "missing.json")]);
    expect(bad.stderr).toMatch(/error EDGE_TFC_SUMMARY at .*missing\.json\n {2}not a readable publish record \(ENOENT\)/);
  });

  it("apply confirms its own run and waits until it is applied; wait follows a run by id", async () => {
    await fake.stop();
    fake = new FakeTfc({ token: TOKEN, organization: "acme", workspaces: ["edge-region-hub-staging"], runStatuses: ["planning", "planned"] });
    await fake.start();
    const apply = await cli([...common("apply"), "--site=region-hub"]);
    expect(apply.code).toBe(0);
    const [run] = fake.calls("POST", /^\/api\/v2\/runs$/);
    expect(run.json.data.attributes).toEqual({ message: "edge-blueprints publish of region-hub-staging", "plan-only": false, "auto-apply": false });
    const [confirm] = fake.calls("POST", /^\/api\/v2\/runs\/run-\d+\/actions\/apply$/);
    expect(confirm.json).toEqual({ comment: "edge-blueprints publish of region-hub-staging" });
    expect(apply.stdout).toMatch(/region-hub-staging +edge-region-hub-staging +cv-\d+ +run-\d+ +\+1 ~0 -0 +applied/);

    const id = /run-\d+/.exec(apply.stdout)![0];
    const wait = await cli(["wait", `--run=${id}`, "--organization=acme", `--address=${fake.address}`]);
    expect(wait.code).toBe(0);
    expect(wait.stderr).toContain(`run ${id} (edge-region-hub-staging) applied: https://app.terraform.io/app/acme/workspaces/edge-region-hub-staging/runs/${id}`);
  });

  // run#get-run-details: 404 "Run not found or user not authorized"; api-docs, Authentication:
  // "If the token is absent or invalid, HCP Terraform responds with HTTP status 401".
  it("wait reports a run it cannot read as a failed row, not a stack trace", async () => {
    const { code, stdout, stderr } = await cli(["wait", "--run=run-typo", "--organization=acme", `--address=${fake.address}`]);
    expect(code).toBe(1);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stdout).toContain(
      "  -: EDGE_TFC_API: run run-typo: GET /runs/run-typo?include=plan%2Cworkspace: 404 missing or forbidden: it does not exist, or the token cannot see it (not found); " +
        "fix: check the run id (and --hostname, --address), and that the token's team may read runs of its workspace",
    );
  });

  // run#run-states: `planned_and_saved` "can be confirmed for apply" (only `planned_and_finished`,
  // `discarded` and `errored` are called "a final state"); run status group `discardable` includes it.
  it("wait does not count a saved plan that waits for confirmation as finished", async () => {
    await fake.stop();
    fake = new FakeTfc({ token: TOKEN, organization: "acme", workspaces: ["edge-region-hub-staging"], existingRuns: [{ workspace: "edge-region-hub-staging", status: "planned_and_saved" }] });
    await fake.start();
    const [id] = [...fake.runs.keys()];
    const { code, stdout } = await cli(["wait", `--run=${id}`, "--organization=acme", `--address=${fake.address}`]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${id}  -     planned_and_saved (needs confirmation)`);
    expect(stdout).toContain(
      `  -: EDGE_TFC_RUN_WAITS: run ${id} waits for confirmation: https://app.terraform.io/app/acme/workspaces/edge-region-hub-staging/runs/${id}; fix: confirm (or discard) it in Terraform Cloud`,
    );
  });

  // workspaces API, show workspace: `relationships.organization.data.id` is the organization's name;
  // run#get-run-details includes the workspace with `include=workspace`.
  it("wait without --organization takes the organization from the run's workspace for its links", async () => {
    await fake.stop();
    fake = new FakeTfc({ token: TOKEN, organization: "acme", workspaces: ["edge-region-hub-staging"], existingRuns: [{ workspace: "edge-region-hub-staging", status: "applied" }] });
    await fake.start();
    const [id] = [...fake.runs.keys()];
    const { code, stderr } = await cli(["wait", `--run=${id}`, `--address=${fake.address}`]);
    expect(code).toBe(0);
    expect(stderr).toContain(`run ${id} (edge-region-hub-staging) applied: https://app.terraform.io/app/acme/workspaces/edge-region-hub-staging/runs/${id}`);
  });

  it("destroy --all-workspaces with a rejected token prints one error, not a stack trace", async () => {
    const { code, stdout, stderr } = await runCli(["destroy", "--env=staging", "--all-workspaces", "--organization=acme", `--address=${fake.address}`], "expired-token");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      "tfc: error EDGE_TFC_API: the workspaces of staging in organization acme: GET /organizations/acme/projects?filter%5Bnames%5D=edge-staging: 401 unauthorized: the token is missing, expired or for another host (unauthorized); " +
        "fix: set a valid team or user token for app.terraform.io in TF_TOKEN_app_terraform_io (or run terraform login app.terraform.io), then destroy again\n",
    );
  });

  // workspaces#create-a-workspace: "Workspace names can only include letters, numbers, `-`, and `_`."
  it("refuses a workspace prefix that cannot be part of a workspace name, before sending anything", async () => {
    const { code, stderr } = await cli([...common(), "--workspace-prefix=edge.sites", "--dry-run"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      [
        "tfc: error EDGE_TFC_ARGS at --workspace-prefix",
        "  workspace names can only include letters, numbers, - and _ (workspaces API), so edge.sites-<site>-staging names no workspace",
        '  value: "edge.sites"',
        "  fix:   use letters, numbers, - and _ only, e.g. --workspace-prefix=edge",
        "",
      ].join("\n"),
    );
  });

  // workspaces/run/manage: "New runs remain in the Pending state until the workspace unlocks";
  // the dry run lists the lock look-up a pending run with nothing ahead of it makes.
  it("a --dry-run of a normal run lists the queue and lock look-ups a pending run makes", async () => {
    const { code, stdout } = await cli([...common(), "--site=region-hub", "--dry-run", "--run=normal"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `  GET  ${fake.address}/api/v2/workspaces/<workspace id>/runs?filter[status_group]=non_final&filter[operation]=plan_only,plan_and_apply,destroy,save_plan,refresh_only,empty_apply&page[size]=50   (only while the run is pending: the run ahead of it)\n` +
        `  GET  ${fake.address}/api/v2/workspaces/<workspace id>?include=locked_by   (only while the run is pending with nothing ahead: who locked the workspace)\n`,
    );
  });

  it("destroy --dry-run destroys readers first, with is-destroy runs on the workspaces' current configuration", async () => {
    const { code, stdout } = await cli([...common("destroy"), "--dry-run", "--delete-workspaces"]);
    expect(code).toBe(0);
    expect(stdout).toContain("order: local-zone-bos -> region-hub");
    expect(stdout).toContain('{"data":{"type":"runs","attributes":{"message":"edge-blueprints destroy of local-zone-bos-staging","plan-only":false,"auto-apply":false,"is-destroy":true},"relationships":{"workspace":{"data":{"type":"workspaces","id":"<workspace id>"}}}}}');
    expect(stdout).not.toContain("configuration-versions");
    expect(stdout).toContain("/api/v2/runs   (not when the workspace never received a configuration: with no resources there is nothing to destroy)");
    expect(stdout).toContain("/actions/safe-delete   (once applied)");
  });

  it.each([
    [["publish", "--env=staging", "--dry-run", "--run=later"], /error EDGE_TFC_ARGS at --run\n {2}not a run mode of tfc publish/],
    [["apply", "--env=staging", "--run=normal"], /error EDGE_TFC_ARGS at --run\n {2}tfc apply chooses its own run/],
    [["publish", "--env=staging", "--request-timeout=soon"], /error EDGE_TFC_ARGS at --request-timeout\n {2}not a duration/],
    [["publish", "--env=staging", "--upload-timeout=0s"], /error EDGE_TFC_ARGS at --upload-timeout\n {2}not a duration/],
    [["publish", "--env=staging", "--bogus"], /error EDGE_TFC_ARGS at arguments\n {2}unknown option '--bogus'/],
    [["publish"], /error EDGE_TFC_ARGS at --env\n {2}no environment given/],
    [["publish", "--env=Prod"], /error EDGE_ENV_NAME at EDGE_ENVS\n {2}not a valid environment name/],
    [["deploy", "--env=dev"], /unknown command deploy/],
    [["wait"], /error EDGE_TFC_ARGS at --run\n {2}no run given/],
  ])("reports %j as a configuration error without a stack trace", async (argv, message) => {
    const { code, stderr } = await cli(argv);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("needs a token for a real publish, and says where it comes from", async () => {
    const noToken = await cli([...common()], { env: { HOME: outdir } });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/error EDGE_TFC_TOKEN at TF_TOKEN_app_terraform_io\n {2}no api token for app.terraform.io/);
    expect(fake.requests).toHaveLength(0);
  });

  it("takes organization, prefix and hostname from the environment's tfc backend", async () => {
    const environments = {
      ...environmentCatalog,
      environments: {
        ...SHIPPED_ENVIRONMENTS,
        staging: { ...SHIPPED_ENVIRONMENTS.staging, backend: { type: "tfc" as const, organization: "edge-org", workspacePrefix: "sites", hostname: "tfe.example.com" } },
      },
    };
    const { code, stdout } = await cli(["publish", "--env=staging", `--stacks-dir=${outdir}`, "--dry-run"], {
      environments,
      env: { TF_TOKEN_tfe_example_com: TOKEN },
    });
    expect(code).toBe(0);
    expect(stdout).toContain("token: found in TF_TOKEN_tfe_example_com");
    expect(stdout).toContain("GET  https://tfe.example.com/api/v2/organizations/edge-org/workspaces/sites-region-hub-staging");
    expect(stdout).not.toContain("note:");
  });

  it("prints usage on --help", async () => {
    const { code, stdout } = await cli(["plan", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: tfc <command> --env <env>/);
    expect(stdout).toMatch(/\n {2}plan {7}upload and run a speculative plan/);
    expect(stdout).toContain("Exit status: 0 when every stack (or run) succeeded; 1 when one failed");
  });
});

describe("tfc publish refuses placeholders", () => {
  // Synth lists the placeholders a stack still holds in placeholders.json (@edge/core); a
  // workspace fed a placeholder hosted zone id would plan against nothing real.
  it("refuses every stack that still holds one, before any request, dry run included", async () => {
    const outdir = makeOutdir([
      { site: "region-hub", env: "staging" },
      {
        site: "global-dns",
        env: "staging",
        files: {
          "placeholders.json": JSON.stringify({
            stack: "global-dns-staging",
            site: "global-dns",
            placeholders: [{ path: "environments.staging.hostedZoneId", what: "hosted zone id" }],
          }),
        },
      },
    ]);
    const refusal = [
      "tfc: error EDGE_PLACEHOLDER at environments.staging.hostedZoneId",
      "  global-dns-staging still holds a placeholder for the hosted zone id, so publish would send a value that matches nothing real",
      '  value: "PLACEHOLDER(hosted zone id)"',
      "  fix:   set environments.staging.hostedZoneId of site global-dns (apps/global-dns/src/site.ts) to the real hosted zone id, then synth again",
    ].join("\n");
    const real = await cli(["publish", "--env=staging", `--stacks-dir=${outdir}`, "--organization=acme"]);
    expect(real).toMatchObject({ code: 1, stdout: "", stderr: `${refusal}\n` });
    // A dry run shows what a publish would send, then the same refusal, and fails like the real one.
    const dry = await cli(["publish", "--env=staging", `--stacks-dir=${outdir}`, "--organization=acme", "--dry-run"]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toMatch(/^dry run of tfc publish: nothing is sent \(2 stacks of staging/);
    expect(dry.stderr).toBe(`${refusal}\n\na real tfc publish refuses this placeholder and sends nothing\n`);
  });
});
