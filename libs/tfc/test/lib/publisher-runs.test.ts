/**
 * The publisher against the parts of the HCP Terraform API where a careless client does damage:
 * non-idempotent creates after a lost answer, auto-apply, working directories, runs queued
 * behind others, project names. Each case asserts the exact requests sent.
 *
 * Contract (HCP Terraform API reference, developer.hashicorp.com/terraform/cloud-docs/api-docs):
 * - run#create-a-run: `auto-apply` defaults to the workspace's setting; `plan-only`, `is-destroy`,
 *   `message`; without a configuration-version relationship the workspace's latest is used.
 * - run#list-runs-in-a-workspace: `filter[status_group]=non_final`, `filter[operation]` (plan-only
 *   runs are left out unless listed); 30 requests a minute.
 * - run#apply-a-run and run#discard-a-run: `POST /runs/:id/actions/apply|discard`, body `{comment}`.
 * - workspaces: `working-directory`, `global-remote-state`; remote-state-consumers relationship.
 * - run-triggers#create-a-run-trigger: `POST /workspaces/:id/run-triggers` with
 *   `relationships.sourceable` (go-tfe run_trigger.go); list needs `filter[run-trigger][type]`.
 * - projects#list-projects: `filter[names]` matches case-insensitively.
 */
import * as path from "node:path";
import { publish } from "../support/publish";
import { listTarGz, localRead, type StackSpec } from "../support/stacks";

const hub: StackSpec = { site: "region-hub" };
const zone: StackSpec = { site: "local-zone-bos", reads: [localRead("region-hub")] };
const HUB_WS = "edge-region-hub-dev";
const seq = (fake: { requests: { method: string; path: string }[] }) =>
  fake.requests.map((r) => `${r.method} ${r.path.replace(/\?secret=.*/, "")}`);

describe("a POST that failed after the server acted", () => {
  it("follows the run a created-then-502 POST /runs made, and creates no second one", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      publish: { run: "plan-only" },
      setup: (f) => f.inject((r) => r.method === "POST" && r.path === "/api/v2/runs", { status: 502, after: true }),
    });
    const wsId = fake.workspaces.get(HUB_WS)!.id;
    const [runId] = [...fake.runs.keys()];
    expect(fake.runs.size).toBe(1);
    expect(results[0]).toMatchObject({ ok: true, runId, status: "planned_and_finished" });
    const sent = seq(fake);
    expect(sent.slice(sent.indexOf("POST /api/v2/runs"))).toEqual([
      "POST /api/v2/runs",
      `GET /api/v2/workspaces/${wsId}/runs?filter%5Boperation%5D=plan_only%2Cplan_and_apply%2Cdestroy%2Csave_plan%2Crefresh_only%2Cempty_apply&page%5Bsize%5D=20`,
      `GET /api/v2/runs/${runId}?include=plan%2Cworkspace`,
      `GET /api/v2/runs/${runId}?include=plan%2Cworkspace`,
    ]);
    expect(lines).toContain("region-hub-dev: POST /runs: 502 server error: the service failed or is unavailable (bad gateway); the run may exist: looking it up before sending it again");
    expect(lines).toContain(`region-hub-dev: run ${runId} was created by the failed request (pending): following it`);
  });

  it("sends POST /runs again only when the lost request created nothing", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      publish: { run: "plan-only" },
      setup: (f) => f.inject((r) => r.method === "POST" && r.path === "/api/v2/runs", { status: 502 }),
    });
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)).toHaveLength(2);
    expect(fake.runs.size).toBe(1);
    expect(results[0].ok).toBe(true);
    expect(lines).toContain("region-hub-dev: no run was created: sending POST /runs again");
  });
});

describe("auto-apply", () => {
  it("sends auto-apply false, so a normal run on an auto-apply workspace waits for confirmation", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: { [HUB_WS]: { "auto-apply": true } }, runStatuses: ["planning", "planned"] },
      publish: { run: "normal" },
    });
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)[0].json.data.attributes).toEqual({
      message: "edge-blueprints publish of region-hub-dev",
      "plan-only": false,
      "auto-apply": false,
    });
    expect(results[0]).toMatchObject({ ok: true, status: "planned (needs confirmation)" });
    expect(fake.calls("POST", /actions\/apply$/)).toHaveLength(0);
  });

  it("sends auto-apply true when the environment opts in, and then confirms nothing itself", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS], runStatuses: ["planning", "planned"] },
      publish: { run: "apply", autoApply: true },
    });
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)[0].json.data.attributes["auto-apply"]).toBe(true);
    expect(fake.calls("POST", /actions\/apply$/)).toHaveLength(0);
    expect(results[0]).toMatchObject({ ok: true, status: "applied", plan: { add: 1, change: 0, destroy: 0 } });
  });
});

describe("working directory", () => {
  it("puts the stack at the workspace's working directory in the archive", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: { [HUB_WS]: { "working-directory": "stacks/region-hub-dev" } } },
    });
    expect(results[0].ok).toBe(true);
    const members = await listTarGz(fake.calls("PUT", /^\/upload\//)[0].body);
    expect([...members.keys()]).toEqual(["stacks/", "stacks/region-hub-dev/", "stacks/region-hub-dev/cdk.tf.json"]);
  });

  // workspaces#create-a-workspace: "working-directory ... A relative path that Terraform will
  // execute within"; the same page's monorepo samples set it as "/networking", which Terraform Cloud
  // reads from the root of the configuration.
  it("reads a working directory written with a leading slash, as the API samples write it, from the archive's root", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: { [HUB_WS]: { "working-directory": "/networking" } } },
    });
    expect(results[0]).toMatchObject({ ok: true, status: "uploaded" });
    expect([...(await listTarGz(fake.calls("PUT", /^\/upload\//)[0].body)).keys()]).toEqual(["networking/", "networking/cdk.tf.json"]);
    const same = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: { [HUB_WS]: { "working-directory": "/networking" } } },
      publish: { workingDirectory: "networking" },
    });
    expect(same.results[0]).toMatchObject({ ok: true, status: "uploaded" });
  });

  it("refuses, with a coded error and before any upload, a workspace that runs elsewhere than asked", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: { [HUB_WS]: { "working-directory": "infra" } } },
      publish: { workingDirectory: "" },
    });
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_WORKING_DIRECTORY",
      error: `EDGE_TFC_WORKING_DIRECTORY: workspace ${HUB_WS} runs in working directory "infra", not ""; fix: set the workspace's working directory to "" (Settings > General), or publish with --working-directory="infra"`,
    });
    expect(seq(fake)).toEqual([`GET /api/v2/organizations/acme/workspaces/${HUB_WS}`]);
  });

  it("sets the working directory on a workspace it creates, and packs the stack there", async () => {
    const { fake, results } = await publish([hub], { publish: { create: true, workingDirectory: "./edge/" } });
    expect(results[0].ok).toBe(true);
    expect(fake.calls("POST", /\/workspaces$/)[0].json.data.attributes["working-directory"]).toBe("edge");
    expect([...(await listTarGz(fake.calls("PUT", /^\/upload\//)[0].body)).keys()]).toEqual(["edge/", "edge/cdk.tf.json"]);
  });

  it("uploads what a run needs (the JSON, assets, the provider lock file) and leaves synth's reports out", async () => {
    const files = {
      "policy.json": "{}",
      "paths.json": "{}",
      "placeholders.json": "{}",
      ".terraform.lock.hcl": "# lock",
      ".terraform/providers/x": "cache",
      "assets/updater/archive.zip": "zip",
    };
    const { fake } = await publish([{ site: "region-hub", files }], { server: { workspaces: [HUB_WS] } });
    expect([...(await listTarGz(fake.calls("PUT", /^\/upload\//)[0].body)).keys()]).toEqual([
      ".terraform.lock.hcl",
      "assets/",
      "assets/updater/",
      "assets/updater/archive.zip",
      "cdk.tf.json",
    ]);
  });
});

describe("a run queued behind another", () => {
  const ahead = { workspace: HUB_WS, status: "planned", message: "main at 1234abc" };

  it("names the run ahead within one poll and fails instead of waiting for the timeout", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], existingRuns: [ahead] },
      publish: { run: "normal" },
    });
    const wsId = fake.workspaces.get(HUB_WS)!.id;
    const blocker = [...fake.runs.values()].find((r) => r.message === "main at 1234abc")!.id;
    const runId = results[0].runId!;
    const url = (id: string) => `https://app.terraform.io/app/acme/workspaces/${HUB_WS}/runs/${id}`;
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_RUN_QUEUED",
      status: `pending (behind ${blocker})`,
      error: `EDGE_TFC_RUN_QUEUED: run ${runId} waits behind run ${blocker} (planned, needs confirmation, "main at 1234abc") at ${url(blocker)}; fix: confirm or discard run ${blocker} in Terraform Cloud, then tfc wait --run ${runId}; or publish again with --discard-pending`,
    });
    expect(lines).toContain(`region-hub-dev: run ${runId} is queued behind run ${blocker} (planned, needs confirmation): ${url(blocker)}`);
    const sent = seq(fake);
    expect(sent.slice(sent.indexOf("POST /api/v2/runs"))).toEqual([
      "POST /api/v2/runs",
      `GET /api/v2/runs/${runId}?include=plan%2Cworkspace`,
      `GET /api/v2/workspaces/${wsId}/runs?filter%5Bstatus_group%5D=non_final&filter%5Boperation%5D=plan_only%2Cplan_and_apply%2Cdestroy%2Csave_plan%2Crefresh_only%2Cempty_apply&page%5Bsize%5D=50`,
    ]);
  });

  it("with discardPending, discards the superseded run and goes on", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], existingRuns: [ahead] },
      publish: { run: "plan-only", discardPending: true },
    });
    // A speculative plan does not queue behind anything: nothing is discarded for it.
    expect(results[0].ok).toBe(true);
    expect(fake.calls("POST", /actions\/discard$/)).toHaveLength(0);

    const normal = await publish([hub], {
      server: { workspaces: [HUB_WS], existingRuns: [ahead], runStatuses: ["planning", "planned"] },
      publish: { run: "normal", discardPending: true },
    });
    const blocker = [...normal.fake.runs.values()].find((r) => r.message === "main at 1234abc")!;
    const [discard] = normal.fake.calls("POST", /actions\/discard$/);
    expect(discard.path).toBe(`/api/v2/runs/${blocker.id}/actions/discard`);
    expect(discard.json).toEqual({ comment: "edge-blueprints publish of region-hub-dev" });
    expect(blocker.fixed).toBe("discarded");
    expect(normal.results[0]).toMatchObject({ ok: true, status: "planned (needs confirmation)" });
    expect(normal.lines).toContain(`region-hub-dev: run ${blocker.id} (planned) discarded: superseded by run ${normal.results[0].runId}`);
    expect(lines.some((l) => l.includes("discarded"))).toBe(false);
  });

  it("keeps waiting, without failing, behind a run that is applying", async () => {
    const { results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], existingRuns: [{ workspace: HUB_WS, status: "applying" }] },
      publish: { run: "normal", runTimeoutMs: 5, runPollMs: 1 },
    });
    expect(results[0]).toMatchObject({ ok: false, code: "EDGE_TFC_RUN_TIMEOUT", status: "pending (timed out waiting)" });
    expect(lines.filter((l) => l.includes("is queued behind run"))).toHaveLength(1);
  });
});

describe("workspace setup", () => {
  it("finds the project whatever the case of its name", async () => {
    const { fake, results } = await publish([hub], {
      server: { projects: { "Edge-Staging": "prj-st4g" } },
      publish: { create: true, project: "edge-staging" },
    });
    expect(results[0].ok).toBe(true);
    expect(fake.calls("GET", /projects/)[0].path).toBe("/api/v2/organizations/acme/projects?filter%5Bnames%5D=edge-staging");
    expect(fake.calls("POST", /\/workspaces$/)[0].json.data.relationships).toEqual({ project: { data: { type: "projects", id: "prj-st4g" } } });
  });

  it("connects an existing reader to its producer once: state sharing and a run trigger", async () => {
    const opts = { server: { workspaces: [HUB_WS, "edge-local-zone-bos-dev"] }, publish: { create: true }, sites: ["local-zone-bos"] };
    const first = await publish([hub, zone], opts);
    const hubId = first.fake.workspaces.get(HUB_WS)!.id;
    const zoneId = first.fake.workspaces.get("edge-local-zone-bos-dev")!.id;
    const [trigger] = first.fake.calls("POST", /run-triggers$/);
    expect(trigger.path).toBe(`/api/v2/workspaces/${zoneId}/run-triggers`);
    expect(trigger.json).toEqual({ data: { relationships: { sourceable: { data: { id: hubId, type: "workspaces" } } } } });
    expect(first.fake.calls("POST", /remote-state-consumers$/).map((r) => [r.path, r.json])).toEqual([
      [`/api/v2/workspaces/${hubId}/relationships/remote-state-consumers`, { data: [{ type: "workspaces", id: zoneId }] }],
    ]);
  });
});

describe("apply and destroy order", () => {
  it("does not apply a reader whose producer failed", async () => {
    const { fake, results } = await publish([hub, zone], {
      server: { workspaces: [HUB_WS, "edge-local-zone-bos-dev"], runStatuses: ["planning", "errored"] },
      publish: { run: "apply" },
    });
    expect(results.map((r) => [r.stack, r.status, r.code])).toEqual([
      ["local-zone-bos-dev", "skipped", "EDGE_TFC_SKIPPED"],
      ["region-hub-dev", "errored", "EDGE_TFC_RUN_FAILED"],
    ]);
    expect(fake.calls("GET", /local-zone-bos/)).toHaveLength(0);
  });

  it("destroys readers first, on the workspaces' current configuration, and deletes the workspaces when asked", async () => {
    const { fake, results } = await publish([hub, zone], {
      server: { workspaces: [HUB_WS, "edge-local-zone-bos-dev"], runStatuses: ["planning", "planned"] },
      publish: { run: "destroy", deleteWorkspaces: true },
    });
    expect(results.map((r) => [r.stack, r.status, r.error])).toEqual([
      ["local-zone-bos-dev", "applied, workspace deleted", undefined],
      ["region-hub-dev", "applied, workspace deleted", undefined],
    ]);
    const runs = fake.calls("POST", /^\/api\/v2\/runs$/);
    expect(runs.map((r) => r.json.data.attributes.message)).toEqual(["edge-blueprints destroy of local-zone-bos-dev", "edge-blueprints destroy of region-hub-dev"]);
    expect(runs[0].json.data.attributes).toMatchObject({ "is-destroy": true, "auto-apply": false, "plan-only": false });
    expect(runs[0].json.data.relationships["configuration-version"]).toBeUndefined();
    expect(fake.calls("POST", /configuration-versions$/)).toHaveLength(0);
    expect(fake.deleted).toEqual(["edge-local-zone-bos-dev", HUB_WS]);
    expect(path.basename(fake.calls("POST", /safe-delete$/)[0].path)).toBe("safe-delete");
  });

  it("counts a missing workspace as deleted when destroy deletes workspaces, so a second destroy succeeds", async () => {
    const { fake, results, lines } = await publish([hub, zone], {
      server: { workspaces: [HUB_WS], runStatuses: ["planning", "planned"] },
      publish: { run: "destroy", deleteWorkspaces: true },
    });
    expect(results.map((r) => [r.stack, r.ok, r.status])).toEqual([
      ["local-zone-bos-dev", true, "no workspace"],
      ["region-hub-dev", true, "applied, workspace deleted"],
    ]);
    expect(lines).toContain(
      "local-zone-bos-dev: workspace edge-local-zone-bos-dev not found (deleted before, never created, or not visible to the token): nothing to destroy",
    );
    expect(fake.calls("POST", /^\/api\/v2\/runs$/).map((r) => r.json.data.attributes.message)).toEqual(["edge-blueprints destroy of region-hub-dev"]);
    expect(fake.deleted).toEqual([HUB_WS]);
  });

  it("still fails on a missing workspace when destroy keeps the workspaces", async () => {
    const { results } = await publish([zone], { server: { workspaces: [] }, publish: { run: "destroy" } });
    expect(results[0]).toMatchObject({ ok: false, status: "failed" });
    expect(results[0].error).toBe(
      "EDGE_TFC_WORKSPACE_MISSING: workspace edge-local-zone-bos-dev in organization acme: 404 missing or forbidden (it does not exist, or the token cannot see it); fix: create it with --create, or give the token's team access to it (and check the organization)",
    );
  });
});
