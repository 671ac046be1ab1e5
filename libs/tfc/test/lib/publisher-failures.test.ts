/**
 * A publish that fails half way, as a platform engineer meets it: what the publisher does against
 * the documented HCP Terraform API, and the exact line the user reads (the workspace, the HTTP
 * status, Terraform Cloud's own error detail, and what to do).
 *
 * Contract (HCP Terraform API reference, https://developer.hashicorp.com/terraform/cloud-docs/api-docs):
 * - index, Authentication: "The 401 status code is reserved for problems with the authentication
 *   token; forbidden requests with a valid token result in a 404."
 * - index, Rate limits: "You can make up to 30 requests per second to most API endpoints";
 *   run#list-runs-in-a-workspace: "This endpoint has an adjusted rate limit of 30 requests per minute."
 * - run#create-a-run and configuration-versions#create-a-configuration-version: "This endpoint
 *   cannot be accessed with organization tokens."
 * - run#apply-a-run: "This endpoint queues the request to perform an apply; the apply might not
 *   happen immediately." 409: "Run was not paused for confirmation; apply not allowed."
 * - run#discard-a-run: 409 "Run was not paused for confirmation or priority; discard not allowed."
 * - workspaces/run/manage, Locking Workspaces: "A lock prevents HCP Terraform from performing any
 *   applies in the workspace, and also prevents many kinds of plans. New runs remain in the
 *   Pending state until the workspace unlocks." / "Locking does not affect plan-only runs" /
 *   "Open the Actions menu and select Lock workspace or Unlock workspace. Go to Settings > Locking."
 * - workspaces#available-related-resources: "`locked_by` - The user, team, or run responsible for
 *   locking the workspace, if the workspace is currently locked."
 * - configuration-versions, Configuration Files Upload URL: "The `upload-url` attribute is only
 *   provided in the response when creating configuration versions." / "After creation, the URL is
 *   hidden on the resource and no longer available."
 * - go-tfe errors.go: safe-delete answers 409 "workspace cannot be safely deleted because it is
 *   still managing resources" and "Workspace is currently locked. Workspace must be unlocked
 *   before it can be safely deleted".
 */
import { publish } from "../support/publish";
import { localRead, type StackSpec } from "../support/stacks";

const hub: StackSpec = { site: "region-hub" };
const HUB_WS = "edge-region-hub-dev";
const url = (id: string) => `https://app.terraform.io/app/acme/workspaces/${HUB_WS}/runs/${id}`;
const seq = (fake: { requests: { method: string; path: string }[] }) => fake.requests.map((r) => `${r.method} ${r.path.replace(/\?secret=.*/, "")}`);

describe("confirming and discarding runs whose state moved on", () => {
  it("follows its run when the confirmation was carried out but its answer lost (502, retried, 409)", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], runStatuses: ["planning", "planned"] },
      publish: { run: "apply" },
      setup: (f) => f.inject((r) => r.method === "POST" && r.path.endsWith("/actions/apply"), { status: 502, after: true }),
    });
    const runId = results[0].runId!;
    expect(fake.calls("POST", /actions\/apply$/)).toHaveLength(2);
    expect(results[0]).toMatchObject({ ok: true, status: "applied" });
    expect(lines).toContain(
      `region-hub-dev: run ${runId} no longer waits for confirmation (409: conflict: run is not paused for confirmation), so it was confirmed already: following it`,
    );
  });

  it("goes on when the run ahead can no longer be discarded (409), and discards it once it can", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], existingRuns: [{ workspace: HUB_WS, status: "planned" }], runStatuses: ["planning", "planned"] },
      publish: { run: "normal", discardPending: true },
      setup: (f) =>
        f.inject((r) => r.method === "POST" && r.path.endsWith("/actions/discard"), {
          status: 409,
          body: { errors: [{ status: "409", title: "conflict", detail: "Run was not paused for confirmation or priority; discard not allowed." }] },
        }),
    });
    const blocker = [...fake.runs.values()].find((r) => r.message === "queued earlier")!.id;
    expect(results[0]).toMatchObject({ ok: true, status: "planned (needs confirmation)" });
    expect(fake.calls("POST", /actions\/discard$/).map((r) => r.path)).toEqual([
      `/api/v2/runs/${blocker}/actions/discard`,
      `/api/v2/runs/${blocker}/actions/discard`,
    ]);
    expect(lines).toContain(
      `region-hub-dev: run ${blocker} was not discarded (409: conflict: Run was not paused for confirmation or priority; discard not allowed.): it moved on meanwhile`,
    );
  });
});

// run#apply-a-run: the runs that wait for a person are those "paused waiting for confirmation",
// which the run's `actions.is-confirmable` says (sample responses); a run whose cost estimate just
// finished (`cost_estimated`, "The cost estimation phase of a run has completed") may be moving on.
describe("a run ahead that has finished a phase but waits for nobody", () => {
  it("is waited for, neither failed on nor discarded", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], existingRuns: [{ workspace: HUB_WS, status: "cost_estimated", confirmable: false }] },
      publish: { run: "normal", discardPending: true, runTimeoutMs: 5 },
    });
    expect(results[0]).toMatchObject({ ok: false, code: "EDGE_TFC_RUN_TIMEOUT" });
    expect(fake.calls("POST", /actions\/discard$/)).toHaveLength(0);
    expect(lines.filter((l) => l.includes("is queued behind run"))).toHaveLength(1);
  });
});

describe("a workspace locked by a person", () => {
  const locks = { [HUB_WS]: { user: "alice", reason: "state surgery" } };

  it("fails within one poll, naming who locked it and how to unlock, instead of waiting for the run timeout", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: [HUB_WS], locks }, publish: { run: "apply", runTimeoutMs: 50 } });
    const wsId = fake.workspaces.get(HUB_WS)!.id;
    const runId = results[0].runId!;
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_WORKSPACE_LOCKED",
      status: "pending (workspace locked)",
      error:
        `EDGE_TFC_WORKSPACE_LOCKED: run ${runId} stays pending: workspace ${HUB_WS} is locked by user alice ("state surgery"), and a locked workspace starts no run until it is unlocked (${url(runId)}); ` +
        `fix: once the lock is no longer needed, unlock ${HUB_WS} in Terraform Cloud (Actions > Unlock workspace, or Settings > Locking); run ${runId} then starts: follow it there, or run this command again with --discard-pending to replace it`,
    });
    const sent = seq(fake);
    expect(sent.slice(sent.indexOf("POST /api/v2/runs"))).toEqual([
      "POST /api/v2/runs",
      `GET /api/v2/runs/${runId}?include=plan%2Cworkspace`,
      `GET /api/v2/workspaces/${wsId}/runs?filter%5Bstatus_group%5D=non_final&filter%5Boperation%5D=plan_only%2Cplan_and_apply%2Cdestroy%2Csave_plan%2Crefresh_only%2Cempty_apply&page%5Bsize%5D=50`,
      `GET /api/v2/workspaces/${wsId}?include=locked_by`,
    ]);
  });

  // go-tfe tfe.go checkResponseCode: a 400 whose errors mention the "include parameter" is
  // ErrInvalidIncludeValue (a Terraform Enterprise that does not know `locked_by`): no lock can be
  // read, so the run is waited for as before rather than failed.
  it("waits as before when the server cannot include locked_by (400)", async () => {
    const { results } = await publish([hub], {
      server: { workspaces: [HUB_WS], locks },
      publish: { run: "apply", runTimeoutMs: 5 },
      setup: (f) =>
        f.inject((r) => r.path.endsWith("?include=locked_by"), {
          status: 400,
          body: { errors: [{ status: "400", title: "bad request", detail: "Invalid include parameter: locked_by" }] },
        }),
    });
    expect(results[0]).toMatchObject({ ok: false, code: "EDGE_TFC_RUN_TIMEOUT" });
  });

  it("still runs speculative plans there: a lock does not affect plan-only runs", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: [HUB_WS], locks }, publish: { run: "plan-only" } });
    expect(results[0]).toMatchObject({ ok: true, status: "planned_and_finished" });
    expect(fake.calls("GET", /include=locked_by/)).toHaveLength(0);
  });
});

describe("a configuration version whose create answer was lost", () => {
  it("creates another one, since the upload URL is shown only once; the orphan queues nothing", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      setup: (f) => f.inject((r) => r.method === "POST" && r.path.endsWith("/configuration-versions"), { status: 504, after: true }),
    });
    const [orphan, used] = [...fake.cvs.keys()];
    expect(results[0]).toMatchObject({ ok: true, status: "uploaded", configurationVersion: used });
    expect(fake.cvs.get(orphan)!.status).toBe("pending");
    expect(fake.calls("POST", /configuration-versions$/)).toHaveLength(2);
    expect(fake.calls("GET", /\/workspaces\/[^/]+\/configuration-versions/)).toHaveLength(0);
    expect(lines).toContain(
      "region-hub-dev: POST configuration-versions: 504 server error: the service failed or is unavailable (bad gateway); its upload URL is shown only once, so another is created (a version left pending queues no run: auto-queue-runs is false)",
    );
  });
});

describe("what the user reads when a call fails", () => {
  const cases: [string, number, string, RegExp, { title: string; detail: string }, string, string][] = [
    [
      "401: the token",
      401,
      "GET",
      /\/workspaces\/edge-region-hub-dev$/,
      { title: "unauthorized", detail: "Token is invalid" },
      "GET /organizations/acme/workspaces/edge-region-hub-dev: 401 unauthorized: the token is missing, expired or for another host (unauthorized: Token is invalid)",
      "set a valid team or user token for app.terraform.io in TF_TOKEN_app_terraform_io (or run terraform login app.terraform.io), then publish again",
    ],
    [
      "404 on a create: access, or an organization token",
      404,
      "POST",
      /configuration-versions$/,
      { title: "not found", detail: "Workspace not found" },
      "POST /workspaces/<ws>/configuration-versions: 404 missing or forbidden: it does not exist, or the token cannot see it (not found: Workspace not found)",
      `give the token's team access to workspace ${HUB_WS} (or its project) in organization acme; an organization token cannot create configuration versions or runs, so use a team or user token`,
    ],
    [
      "409 on POST /runs: a locked or busy workspace",
      409,
      "POST",
      /^\/api\/v2\/runs$/,
      { title: "conflict", detail: "Workspace is locked" },
      "POST /runs: 409 wrong state: it cannot do this in its current state (for example a locked workspace or an upload already done) (conflict: Workspace is locked)",
      `open workspace ${HUB_WS} in Terraform Cloud, unlock it (Actions > Unlock workspace, or Settings > Locking) or let its current run finish, then publish again`,
    ],
    [
      "422 on POST /runs: the payload",
      422,
      "POST",
      /^\/api\/v2\/runs$/,
      { title: "invalid attribute", detail: "Configuration version is speculative" },
      "POST /runs: 422 bad payload: the server rejected the request body (invalid attribute: Configuration version is speculative)",
      "correct what Terraform Cloud's detail names (in parentheses), then publish again",
    ],
  ];

  it.each(cases)("%s", async (_name, status, method, pattern, error, apiMessage, fix) => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      publish: { run: "plan-only" },
      setup: (f) => f.inject((r) => r.method === method && pattern.test(r.path), { status, body: { errors: [{ status: String(status), ...error }] } }),
    });
    const wsId = fake.workspaces.get(HUB_WS)?.id ?? "";
    expect(results[0]).toMatchObject({
      ok: false,
      status: "failed",
      code: "EDGE_TFC_API",
      error: `EDGE_TFC_API: workspace ${HUB_WS} in organization acme: ${apiMessage.replace("<ws>", wsId)}; fix: ${fix}`,
    });
  });

  it("429 after every retry: the rate limits, and what to lower", async () => {
    const { results } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      retry: { maxAttempts: 2 },
      setup: (f) => {
        for (let i = 0; i < 2; i++) {
          f.inject((r) => r.method === "GET", {
            status: 429,
            headers: { "X-RateLimit-Reset": "0.1" },
            body: { errors: [{ detail: "You have exceeded the API's rate limit.", status: 429, title: "Too many requests" }] },
          });
        }
      },
    });
    expect(results[0].error).toBe(
      `EDGE_TFC_API: workspace ${HUB_WS} in organization acme: GET /organizations/acme/workspaces/${HUB_WS}: 429 rate limited: too many requests (Too many requests: You have exceeded the API's rate limit.); ` +
        "fix: Terraform Cloud allows 30 requests a second per user (listing runs: 30 a minute), shared by every job using the same team token: publish again in a minute, or with a lower --concurrency",
    );
  });

  it("5xx after every retry: the service, and that publishing again is safe", async () => {
    const { results } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      retry: { maxAttempts: 2 },
      setup: (f) => {
        for (let i = 0; i < 2; i++) f.inject((r) => r.method === "GET", { status: 503, body: { errors: [{ status: "503", title: "service unavailable" }] } });
      },
    });
    expect(results[0].error).toBe(
      `EDGE_TFC_API: workspace ${HUB_WS} in organization acme: GET /organizations/acme/workspaces/${HUB_WS}: 503 server error: the service failed or is unavailable (service unavailable); ` +
        "fix: Terraform Cloud failed on every attempt: check https://status.hashicorp.com, then publish again (stacks already published upload again harmlessly)",
    );
  });

  it("no answer at all: the address and the network", async () => {
    const { results } = await publish([hub], {
      server: { workspaces: [HUB_WS] },
      retry: { maxAttempts: 2 },
      setup: (f) => {
        for (let i = 0; i < 2; i++) f.inject((r) => r.method === "GET", { reset: true });
      },
    });
    expect(results[0].code).toBe("EDGE_TFC_NETWORK");
    expect(results[0].error).toMatch(
      new RegExp(
        `^EDGE_TFC_NETWORK: workspace ${HUB_WS} in organization acme: GET /organizations/acme/workspaces/${HUB_WS}: no response after 2 attempts \\(\\w+\\); ` +
          "fix: check the network and any proxy between here and http://127\\.0\\.0\\.1:\\d+ \\(--address, --hostname\\), or raise --request-timeout, then publish again$",
      ),
    );
  });

  it("409 on safe-delete: a workspace that still manages resources or is locked", async () => {
    const { results } = await publish([hub], {
      server: { workspaces: [HUB_WS], runStatuses: ["planning", "planned"] },
      publish: { run: "destroy", deleteWorkspaces: true },
      setup: (f) =>
        f.inject((r) => r.method === "POST" && r.path.endsWith("/actions/safe-delete"), {
          status: 409,
          body: { errors: [{ status: "409", title: "conflict", detail: "workspace cannot be safely deleted because it is still managing resources" }] },
        }),
    });
    expect(results[0].error).toMatch(/^EDGE_TFC_API: workspace edge-region-hub-dev in organization acme: POST \/workspaces\/[^/]+\/actions\/safe-delete: 409 wrong state/);
    expect(results[0].error).toContain("(conflict: workspace cannot be safely deleted because it is still managing resources)");
    expect(results[0].error).toContain(
      `; fix: Terraform Cloud safe-deletes only an unlocked workspace that manages no resources: open ${HUB_WS}, unlock it or check what its state still holds, then run destroy again`,
    );
  });

  it("a run that ended errored names the workspace, its address and what to do", async () => {
    const { results } = await publish([hub], { server: { workspaces: [HUB_WS], runStatuses: ["planning", "errored"] }, publish: { run: "plan-only" } });
    const runId = results[0].runId!;
    expect(results[0]).toMatchObject({
      ok: false,
      status: "errored",
      code: "EDGE_TFC_RUN_FAILED",
      error: `EDGE_TFC_RUN_FAILED: run ${runId} in workspace ${HUB_WS} ended errored: ${url(runId)}; fix: read the plan or apply log at that address, fix the stack or the workspace (variables, credentials), then publish again`,
    });
  });

  it("a run discarded in Terraform Cloud says who may have done it", async () => {
    const { results } = await publish([hub], { server: { workspaces: [HUB_WS], runStatuses: ["planning", "discarded"] }, publish: { run: "normal" } });
    const runId = results[0].runId!;
    expect(results[0].error).toBe(
      `EDGE_TFC_RUN_FAILED: run ${runId} in workspace ${HUB_WS} ended discarded: ${url(runId)}; fix: someone discarded it in Terraform Cloud (or another publish with --discard-pending superseded it): publish again if it should still apply`,
    );
  });
});

/**
 * Destroying what a failed or plan-only publish left behind (a workspace created by
 * `plan --create`, or one whose first upload failed): run#create-a-run, "If the
 * `configuration-version` object is omitted, Terraform uses the workspace's latest configuration
 * version to create the run"; workspaces#available-related-resources, "`current_configuration_version`
 * - The last configuration this workspace received, excluding plan-only configurations. Terraform
 * uses this configuration for new runs". A workspace without one has nothing a destroy run could
 * use; its `resource-count` (workspaces API, show workspace) says whether anything is there.
 */
describe("destroying a workspace that never received a configuration", () => {
  const empty = { [HUB_WS]: { "resource-count": 0 } };

  it("queues no destroy run, and safe-deletes it when asked", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: empty },
      publish: { run: "destroy", deleteWorkspaces: true },
    });
    expect(results[0]).toMatchObject({ ok: true, status: "nothing to destroy, workspace deleted" });
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)).toHaveLength(0);
    expect(fake.deleted).toEqual([HUB_WS]);
    expect(lines).toContain(
      `region-hub-dev: workspace ${HUB_WS} never received a configuration to apply (speculative plans at most) and manages no resources: no destroy run is needed`,
    );
  });

  it("without deleting, reports nothing to destroy", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: [HUB_WS], workspaceAttributes: empty }, publish: { run: "destroy" } });
    expect(results[0]).toMatchObject({ ok: true, status: "nothing to destroy" });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });

  it("fails, naming the fix, when such a workspace still manages resources (state moved in by hand)", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: [HUB_WS], workspaceAttributes: { [HUB_WS]: { "resource-count": 12 } } },
      publish: { run: "destroy", deleteWorkspaces: true },
    });
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_NO_CONFIGURATION",
      error: `EDGE_TFC_NO_CONFIGURATION: workspace ${HUB_WS} manages 12 resources but never received a configuration a destroy run could use; fix: publish the stack to it once (tfc publish --env=dev --site=region-hub), then destroy again`,
    });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });
});

describe("safe-deleting right after the destroy applied", () => {
  // A safe delete carried out whose answer was lost (502) is retried and answered 404 (workspaces
  // API: "Workspace not found, or user unauthorized"): the workspace is gone, as asked, and a missing
  // workspace counts as deleted for destroy --delete-workspaces.
  it("counts a 404 to a retried safe delete as deleted", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], runStatuses: ["planning", "planned"] },
      publish: { run: "destroy", deleteWorkspaces: true },
      setup: (f) => f.inject((r) => r.method === "POST" && r.path.endsWith("/actions/safe-delete"), { status: 502, after: true }),
    });
    expect(results[0]).toMatchObject({ ok: true, status: "applied, workspace deleted" });
    expect(fake.calls("POST", /actions\/safe-delete$/)).toHaveLength(2);
    expect(fake.deleted).toEqual([HUB_WS]);
    expect(lines).toContain(`region-hub-dev: workspace ${HUB_WS} is gone (404): deleted, as asked`);
  });

  it("waits while Terraform Cloud is still processing the new state, then deletes", async () => {
    const { fake, results, lines } = await publish([hub], {
      server: { workspaces: [HUB_WS], runStatuses: ["planning", "planned"] },
      publish: { run: "destroy", deleteWorkspaces: true },
      setup: (f) =>
        f.inject((r) => r.method === "POST" && r.path.endsWith("/actions/safe-delete"), {
          status: 409,
          body: { errors: [{ status: "409", title: "conflict", detail: "Latest workspace state is being processed to discover resources, please try again later" }] },
        }),
    });
    expect(results[0]).toMatchObject({ ok: true, status: "applied, workspace deleted" });
    expect(fake.calls("POST", /actions\/safe-delete$/)).toHaveLength(2);
    expect(lines).toContain(`region-hub-dev: workspace ${HUB_WS} is not deleted yet: Terraform Cloud is still processing its latest state (409); trying again`);
  });
});

describe("failures before any run", () => {
  // api-docs, Response codes: "We return 404 Not Found codes for resources that a user doesn't
  // have access to, as well as for resources that don't exist."
  it("a missing workspace: coded, with both readings of the 404 and both fixes", async () => {
    const { results } = await publish([hub]);
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_WORKSPACE_MISSING",
      error:
        `EDGE_TFC_WORKSPACE_MISSING: workspace ${HUB_WS} in organization acme: 404 missing or forbidden (it does not exist, or the token cannot see it); ` +
        "fix: create it with --create, or give the token's team access to it (and check the organization)",
    });
  });

  // projects API, list-projects: `filter[names]` (go-tfe project.go ProjectListOptions.Name).
  it("a project that is not there: coded, naming where the name came from", async () => {
    const { fake, results } = await publish([hub], { server: { projects: { "edge-prod": "prj-1" } }, publish: { create: true, project: "edge-stagng" } });
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_PROJECT",
      error:
        "EDGE_TFC_PROJECT: project edge-stagng not found in organization acme, so workspace edge-region-hub-dev cannot be created in it; " +
        "fix: create the project in Terraform Cloud, or correct --project ($TF_CLOUD_PROJECT, or the tfc backend's project)",
    });
    expect(fake.calls("POST", /./)).toHaveLength(0);
  });

  // configuration-versions, states: `errored` "HCP Terraform could not process this configuration
  // version, and it cannot be used to create new runs. You can try again by ... creating a new
  // configuration version with the API or CLI."
  it("an upload Terraform Cloud could not process: coded, with its error-message", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: [HUB_WS], uploadError: "archive is not a valid tar.gz" } });
    const [cvId] = [...fake.cvs.keys()];
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_UPLOAD",
      error:
        `EDGE_TFC_UPLOAD: configuration version ${cvId} of workspace ${HUB_WS} errored: archive is not a valid tar.gz; ` +
        "fix: synthesize the stack again (npm run synth) and publish again: each publish uploads a new configuration version",
    });
  });

  it("an upload still processing at --upload-timeout: coded, naming the flag", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: [HUB_WS], pendingPolls: 1000 }, publish: { uploadTimeoutMs: 5, uploadPollMs: 1 } });
    const [cvId] = [...fake.cvs.keys()];
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_UPLOAD_TIMEOUT",
      error: `EDGE_TFC_UPLOAD_TIMEOUT: configuration version ${cvId} of workspace ${HUB_WS} still pending after the upload timeout; fix: publish again, with a longer --upload-timeout (default 2m)`,
    });
  });
});

// run#run-states: `policy_override` "A sentinel policy has soft failed, and a user can override it
// to continue the run"; run#apply-a-run: "If the run has a soft failed sentinel policy, you will
// need to override the policy check before Terraform can apply the run." workspaces/run/manage:
// "Override & Continue: A soft-mandatory policy failed. Requires permission to manage policy
// overrides for the organization."
describe("a run stopped by a soft-failed policy", () => {
  it("fails at once, naming the override and what follows it", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: [HUB_WS], runStatuses: ["planning", "policy_override"] }, publish: { run: "apply" } });
    const runId = results[0].runId!;
    expect(results[0]).toMatchObject({
      ok: false,
      code: "EDGE_TFC_POLICY_OVERRIDE",
      status: "policy_override (needs override)",
      error:
        `EDGE_TFC_POLICY_OVERRIDE: run ${runId} in workspace ${HUB_WS} soft-failed a policy check and waits for an override: ${url(runId)}; ` +
        "fix: if the finding is accepted, someone allowed to manage policy overrides chooses Override & Continue there (the run then goes on, and waits for confirmation unless it auto-applies); otherwise fix what the policy found and publish again",
    });
    expect(fake.calls("POST", /actions\/apply$/)).toHaveLength(0);
  });
});

// run-triggers#create-a-run-trigger: POST creates one; the fake, as Terraform Cloud, refuses a
// second for the same source with 422 ("sourceable has already been taken"). A lost answer
// (created-then-502) must not turn into that 422: the inbound triggers are listed
// (`filter[run-trigger][type]=inbound`, run-triggers#list-run-triggers) before sending again.
describe("a run trigger whose create answer was lost", () => {
  it("finds the trigger the request made instead of failing on the duplicate", async () => {
    const zone: StackSpec = { site: "local-zone-bos", reads: [localRead("region-hub")] };
    const { fake, results, lines } = await publish([hub, zone], {
      server: { workspaces: [HUB_WS, "edge-local-zone-bos-dev"] },
      publish: { create: true },
      sites: ["local-zone-bos"],
      setup: (f) => f.inject((r) => r.method === "POST" && r.path.endsWith("/run-triggers"), { status: 502, after: true }),
    });
    const zoneId = fake.workspaces.get("edge-local-zone-bos-dev")!.id;
    expect(results[0]).toMatchObject({ ok: true, status: "uploaded" });
    expect(fake.runTriggers).toEqual([{ workspaceId: zoneId, sourceId: fake.workspaces.get(HUB_WS)!.id }]);
    expect(fake.calls("POST", /run-triggers$/)).toHaveLength(1);
    expect(lines).toContain(`local-zone-bos-dev: run trigger from ${HUB_WS}: it was created by the request whose answer was lost`);
  });
});
