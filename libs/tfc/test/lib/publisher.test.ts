import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { archiveStackDir } from "../../src/lib/archive";
import { publish, TOKEN } from "../support/publish";
import { listTarGz, localRead, type StackSpec } from "../support/stacks";

const hub: StackSpec = { site: "region-hub" };
const zone: StackSpec = { site: "local-zone-bos", reads: [localRead("region-hub")] };

describe("publishStacks", () => {
  it("uploads the stack and runs a speculative plan with the documented requests", async () => {
    const asset = crypto.randomBytes(2048);
    const spec: StackSpec = { site: "region-hub", files: { "assets/dns-updater/archive.zip": asset } };
    const { fake, results, table, outdir } = await publish([spec], {
      server: { workspaces: ["edge-region-hub-dev"] },
      publish: { run: "plan-only" },
    });

    expect(results).toEqual([
      expect.objectContaining({ stack: "region-hub-dev", workspace: "edge-region-hub-dev", status: "planned_and_finished", ok: true }),
    ]);
    const wsId = fake.workspaces.get("edge-region-hub-dev")!.id;
    const sequence = fake.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, "")}`);
    expect(sequence).toEqual([
      "GET /api/v2/organizations/acme/workspaces/edge-region-hub-dev",
      `POST /api/v2/workspaces/${wsId}/configuration-versions`,
      `PUT /upload/${results[0].configurationVersion}`,
      `GET /api/v2/configuration-versions/${results[0].configurationVersion}`,
      `GET /api/v2/configuration-versions/${results[0].configurationVersion}`,
      "POST /api/v2/runs",
      `GET /api/v2/runs/${results[0].runId}`,
      `GET /api/v2/runs/${results[0].runId}`,
    ]);

    // API calls carry the bearer token and JSON:API media types; the upload carries neither.
    for (const r of fake.requests.filter((r) => r.path.startsWith("/api/v2/"))) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers.accept).toBe("application/vnd.api+json");
      if (r.method === "POST") expect(r.headers["content-type"]).toBe("application/vnd.api+json");
    }
    const [put] = fake.calls("PUT", /^\/upload\//);
    expect(put.headers.authorization).toBeUndefined();
    expect(put.headers["content-type"]).toBe("application/octet-stream");

    const [cv] = fake.calls("POST", /configuration-versions$/);
    expect(cv.json).toEqual({ data: { type: "configuration-versions", attributes: { "auto-queue-runs": false, speculative: true } } });
    const [run] = fake.calls("POST", /^\/api\/v2\/runs$/);
    expect(run.json).toEqual({
      data: {
        type: "runs",
        // auto-apply is always sent: a run without it takes the workspace's setting (runs API, create-a-run).
        attributes: { message: "edge-blueprints publish of region-hub-dev", "plan-only": true, "auto-apply": false },
        relationships: {
          workspace: { data: { type: "workspaces", id: wsId } },
          "configuration-version": { data: { type: "configuration-versions", id: results[0].configurationVersion } },
        },
      },
    });
    // Runs are polled one by one, never through the rate-limited list endpoint.
    expect(fake.calls("GET", /\/workspaces\/[^/]+\/runs/)).toHaveLength(0);

    // The archive's root is the stack directory.
    const members = await listTarGz(put.body);
    const stackDir = path.join(outdir, "stacks", "region-hub-dev");
    expect([...members.keys()]).toEqual(["assets/", "assets/dns-updater/", "assets/dns-updater/archive.zip", "cdk.tf.json"]);
    expect(members.get("cdk.tf.json")).toEqual(fs.readFileSync(path.join(stackDir, "cdk.tf.json")));
    expect(members.get("assets/dns-updater/archive.zip")).toEqual(asset);

    expect(table.split("\n")[0]).toMatch(/^stack +workspace +configuration version +run id +plan +status$/);
    expect(table).toContain(`region-hub-dev  edge-region-hub-dev  ${results[0].configurationVersion}`);
    expect(table).toContain("published 1 stack");
  });

  it("stops at a normal run's plan, which waits for confirmation because auto-apply is off", async () => {
    const { fake, results } = await publish([hub], {
      server: { workspaces: ["edge-region-hub-dev"], runStatuses: ["planning", "planned"] },
      publish: { run: "normal" },
    });
    expect(results[0]).toMatchObject({ status: "planned (needs confirmation)", ok: true });
    expect(fake.calls("POST", /configuration-versions$/)[0].json.data.attributes).toEqual({ "auto-queue-runs": false });
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)[0].json.data.attributes["plan-only"]).toBe(false);
  });

  it("reports a run that errored as a failure", async () => {
    const { results, table } = await publish([hub], {
      server: { workspaces: ["edge-region-hub-dev"], runStatuses: ["planning", "errored"] },
      publish: { run: "plan-only" },
    });
    expect(results[0]).toMatchObject({ status: "errored", ok: false, error: expect.stringContaining("ended errored") });
    expect(table).toContain("1 of 1 stack failed");
  });

  it("uploads without a run when none is asked for", async () => {
    const { fake, results } = await publish([hub], { server: { workspaces: ["edge-region-hub-dev"] } });
    expect(results[0]).toMatchObject({ status: "uploaded", ok: true });
    expect(results[0].runId).toBeUndefined();
    expect(fake.calls("POST", /^\/api\/v2\/runs$/)).toHaveLength(0);
  });

  it("creates a missing workspace and lets it read the hub's state", async () => {
    const { fake, results } = await publish([hub, zone], {
      sites: ["local-zone-bos"],
      server: { workspaces: ["edge-region-hub-dev"] },
      publish: { create: true },
    });
    expect(results[0]).toMatchObject({ workspaceCreated: true, ok: true });
    const [create] = fake.calls("POST", /^\/api\/v2\/organizations\/acme\/workspaces$/);
    expect(create.json).toEqual({
      data: {
        type: "workspaces",
        attributes: {
          name: "edge-local-zone-bos-dev",
          "execution-mode": "remote",
          "auto-apply": false,
          "terraform-version": "~> 1.10",
          "global-remote-state": false,
          "working-directory": "",
          description: "edge-blueprints site local-zone-bos, environment dev",
        },
      },
    });
    const hubId = fake.workspaces.get("edge-region-hub-dev")!.id;
    const zoneId = fake.workspaces.get("edge-local-zone-bos-dev")!.id;
    expect(fake.consumers.get(hubId)).toEqual([zoneId]);
    // An applied hub run queues a run of the zone (run-triggers API: POST /workspaces/:id/run-triggers).
    expect(fake.runTriggers).toEqual([{ workspaceId: zoneId, sourceId: hubId }]);
  });

  it("shares a new hub workspace's state with the sites that read it, in the given project", async () => {
    const { fake, results } = await publish([hub, zone], {
      sites: ["region-hub"],
      server: { workspaces: ["edge-local-zone-bos-dev"], projects: { edge: "prj-edge1" } },
      publish: { create: true, project: "edge", terraformVersion: "~> 1.12" },
    });
    expect(results[0].ok).toBe(true);
    const [create] = fake.calls("POST", /\/organizations\/acme\/workspaces$/);
    expect(create.json.data.attributes["terraform-version"]).toBe("~> 1.12");
    expect(create.json.data.relationships).toEqual({ project: { data: { type: "projects", id: "prj-edge1" } } });
    const hubId = fake.workspaces.get("edge-region-hub-dev")!.id;
    expect(fake.consumers.get(hubId)).toEqual([fake.workspaces.get("edge-local-zone-bos-dev")!.id]);
  });

  it("publishes the hub before the sites that read it, so workspaces created together are linked", async () => {
    const { fake, results } = await publish([zone, hub], { publish: { create: true, concurrency: 5 } });
    expect(results.map((r) => [r.stack, r.workspaceCreated])).toEqual([
      ["local-zone-bos-dev", true],
      ["region-hub-dev", true],
    ]);
    const creates = fake.calls("POST", /\/organizations\/acme\/workspaces$/).map((r) => r.json.data.attributes.name);
    expect(creates).toEqual(["edge-region-hub-dev", "edge-local-zone-bos-dev"]);
    expect(fake.consumers.get(fake.workspaces.get("edge-region-hub-dev")!.id)).toEqual([fake.workspaces.get("edge-local-zone-bos-dev")!.id]);
  });

  it("does not create a workspace unless asked, and says 404 means missing or forbidden", async () => {
    const { fake, results } = await publish([hub]);
    expect(results[0].ok).toBe(false);
    expect(results[0].error).toContain("404 missing or forbidden");
    expect(results[0].error).toContain("--create");
    expect(fake.calls("POST", /./)).toHaveLength(0);
  });

  it("waits as long as X-RateLimit-Reset says after a 429, plus jitter", async () => {
    const { fake, results, retryDelays, lines } = await publish([hub], {
      server: { workspaces: ["edge-region-hub-dev"] },
      setup: (f) => f.inject((r) => r.method === "POST" && r.path.endsWith("/configuration-versions"), { status: 429, headers: { "X-RateLimit-Reset": "0.75" } }),
    });
    expect(results[0].ok).toBe(true);
    expect(fake.calls("POST", /configuration-versions$/)).toHaveLength(2);
    expect(retryDelays).toHaveLength(1);
    expect(retryDelays[0]).toBeGreaterThanOrEqual(750);
    expect(retryDelays[0]).toBeLessThanOrEqual(750 + 150);
    expect(lines.some((l) => /429 rate limited, retrying in 0\.8 s/.test(l))).toBe(true);
  });

  it("honours Retry-After when there is no X-RateLimit-Reset", async () => {
    const { results, retryDelays } = await publish([hub], {
      server: { workspaces: ["edge-region-hub-dev"] },
      setup: (f) => f.inject((r) => r.method === "GET", { status: 429, headers: { "Retry-After": "2" } }),
    });
    expect(results[0].ok).toBe(true);
    expect(retryDelays[0]).toBeGreaterThanOrEqual(2000);
  });

  it("retries 500, 502 and 503 with growing, capped backoff, then succeeds", async () => {
    const { fake, results, retryDelays } = await publish([hub], {
      server: { workspaces: ["edge-region-hub-dev"] },
      retry: { maxDelayMs: 1000 },
      setup: (f) => {
        for (const status of [500, 502, 503]) f.inject((r) => r.method === "GET" && r.path.includes("/workspaces/edge-"), { status });
      },
    });
    expect(results[0].ok).toBe(true);
    expect(fake.calls("GET", /\/workspaces\/edge-region-hub-dev$/)).toHaveLength(4);
    expect(retryDelays).toEqual([375, 750, 750]); // 500 ms doubling, capped at 1000, jittered to 75 %
  });

  it("retries an upload whose connection was reset midway", async () => {
    const big = crypto.randomBytes(512 * 1024); // incompressible, so the upload spans many packets
    const spec: StackSpec = { site: "region-hub", files: { "assets/big/archive.zip": big } };
    const { fake, results, lines, outdir } = await publish([spec], {
      server: { workspaces: ["edge-region-hub-dev"] },
      setup: (f) => f.inject((r) => r.method === "PUT", { reset: true }),
    });
    expect(results[0].ok).toBe(true);
    const puts = fake.calls("PUT", /^\/upload\//);
    expect(puts).toHaveLength(2);
    const full = archiveStackDir(path.join(outdir, "stacks", "region-hub-dev")).data;
    expect(puts[0].body.length).toBeLessThan(full.length);
    // Buffer.equals, not toEqual: a byte-by-byte deep comparison of 512 KiB is slow.
    expect(fake.uploads.get(results[0].configurationVersion!)?.equals(full)).toBe(true);
    expect(lines.some((l) => /PUT http:\/\/127\.0\.0\.1:\d+\/… \(one-time upload url\): \w+, retrying/.test(l))).toBe(true);
  });

  it.each([
    [404, "POST", /configuration-versions$/, "404 missing or forbidden"],
    [409, "POST", /^\/api\/v2\/runs$/, "409 wrong state"],
    [422, "POST", /^\/api\/v2\/runs$/, "422 bad payload"],
    [501, "POST", /configuration-versions$/, "501 server error"], // not a transient 5xx
  ])("surfaces %d with its meaning and does not retry it", async (status, method, pattern, meaning) => {
    const { fake, results, retryDelays } = await publish([hub], {
      server: { workspaces: ["edge-region-hub-dev"] },
      publish: { run: "plan-only" },
      setup: (f) =>
        f.inject((r) => r.method === method && pattern.test(r.path), {
          status,
          body: { errors: [{ status: String(status), title: "injected", detail: "as documented" }] },
        }),
    });
    expect(results[0].ok).toBe(false);
    expect(results[0].error).toContain(meaning);
    expect(results[0].error).toContain("(injected: as documented)");
    expect(fake.calls(method, pattern)).toHaveLength(1);
    expect(retryDelays).toEqual([]);
  });

  it("publishes many stacks with at most `concurrency` at a time, and one failure does not stop the rest", async () => {
    const sites = ["a-site", "b-site", "c-site", "d-site", "e-site"];
    const { fake, results, lines } = await publish(
      sites.map((site) => ({ site })),
      {
        // Each upload is held up to 100 ms or until 3 are in flight: a third concurrent upload would be seen.
        server: { workspaces: sites.filter((s) => s !== "c-site").map((s) => `edge-${s}-dev`), uploadHoldMs: 100, uploadBarrier: 3 },
        publish: { concurrency: 2 },
      },
    );
    expect(fake.maxUploadsInFlight).toBe(2);
    expect(results.map((r) => [r.stack, r.ok])).toEqual(sites.map((s) => [`${s}-dev`, s !== "c-site"]));
    const progress = lines.filter((l) => /\((\d)\/5\)/.test(l));
    expect(progress).toHaveLength(5);
    expect(progress.filter((l) => l.includes("FAILED"))).toEqual([expect.stringContaining("c-site-dev: FAILED")]);
  });

  it("never prints the token, not even when the server echoes it", async () => {
    const { results, lines, table } = await publish([hub, zone], {
      server: { workspaces: ["edge-region-hub-dev", "edge-local-zone-bos-dev"] },
      publish: { run: "plan-only" },
      setup: (f) => {
        f.inject((r) => r.method === "GET", { status: 429, headers: { "X-RateLimit-Reset": "0.1" } });
        f.inject((r) => r.method === "GET", { status: 503 });
        f.inject((r) => r.method === "PUT", { reset: true });
        f.inject((r) => r.path === "/api/v2/runs" && r.method === "POST", {
          status: 422,
          body: { errors: [{ title: "invalid", detail: `token ${TOKEN} is not allowed here` }] },
        });
      },
    });
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    const printed = [...lines, table, ...results.map((r) => r.error ?? "")];
    expect(printed.join("\n")).toContain("[redacted]");
    for (const line of printed) expect(line).not.toContain(TOKEN);
    expect(printed.join("\n")).not.toContain("secret=one-time");
  });
});
