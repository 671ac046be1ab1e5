/**
 * `EDGE_ENVS=pr-7 npm run synth`, as the preview workflow runs it: every site but the Outpost,
 * each stack with a `cloud` block for its own Terraform Cloud workspace in the preview project,
 * and every cross-site read naming pr-7's producer, never dev's.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { homesOf, resolveEnvironment } from "@edge/core";
import { environmentCatalog } from "@edge/environments";
import { loadSites } from "../src/sites";

const root = path.resolve(__dirname, "../..");

interface StackJson {
  terraform: { cloud?: unknown; backend?: unknown };
  data?: { terraform_remote_state?: Record<string, { backend: string; config: { workspaces?: { name?: string } } }> };
}

describe("EDGE_ENVS=pr-7 npm run synth", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "edge-preview-"));
  const env = resolveEnvironment("pr-7", environmentCatalog);
  let result: SpawnSyncReturns<string>;
  const stackDir = path.join(out, "cdktf.out", "stacks");
  const json = (stack: string): StackJson => JSON.parse(fs.readFileSync(path.join(stackDir, stack, "cdk.tf.json"), "utf8"));

  beforeAll(() => {
    result = spawnSync(process.execPath, ["--import", "tsx", "tools/synth.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, EDGE_ENVS: "pr-7", EDGE_SITES: "", CDKTF_OUTDIR: path.join(out, "cdktf.out") },
    });
  }, 180_000);
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("synthesizes every site but the Outpost, and says why and how pr-7 is derived", () => {
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const expected = loadSites(root)
      .filter((s) => s.name !== "outpost-factory")
      .flatMap((s) => homesOf(s.name, env).map((h) => `${h.name}-pr-7`))
      .sort();
    expect(fs.readdirSync(stackDir).sort()).toEqual(expected);
    expect(expected).toContain("region-hub-us-west-2-pr-7");
    for (const line of env.derivation ?? []) expect(result.stdout).toContain(`note: ${line}\n`);
    expect(result.stdout).toContain("note: pr-7 is a preview environment of a pull request, derived from dev");
    expect(result.stdout).toContain("note: outpost-factory is not synthesized for ad-hoc pr-7: its Outpost is one physical rack");
  });

  it("writes a cloud block for the stack's own workspace edge-<site>-pr-7 in the preview project", () => {
    for (const stack of fs.readdirSync(stackDir)) {
      const site = stack.slice(0, -"-pr-7".length);
      // Terraform docs, terraform/cloud block: organization, hostname, workspaces { name, project }.
      expect([stack, json(stack).terraform.cloud]).toEqual([
        stack,
        { organization: "edge-blueprints", hostname: "app.terraform.io", workspaces: { name: `edge-${site}-pr-7`, project: "edge-preview" } },
      ]);
      expect(json(stack).terraform.backend).toBeUndefined();
    }
    // The table names where each state lives.
    expect(result.stdout).toContain("app.terraform.io/edge-blueprints/edge-region-hub-pr-7");
  });

  it("reads pr-7's producers through the remote backend, never dev's", () => {
    const reads = Object.fromEntries(
      fs.readdirSync(stackDir).map((stack) => [
        stack,
        Object.values(json(stack).data?.terraform_remote_state ?? {}).map((r) => `${r.backend}:${r.config.workspaces?.name}`).sort(),
      ]),
    );
    expect(reads).toMatchObject({
      "region-hub-pr-7": [],
      "local-zone-bos-pr-7": ["remote:edge-region-hub-pr-7"],
      "local-zone-lax-pr-7": ["remote:edge-region-hub-us-west-2-pr-7"],
      "wavelength-bos-pr-7": ["remote:edge-region-hub-pr-7"],
      "global-dns-pr-7": ["remote:edge-local-zone-bos-pr-7", "remote:edge-region-hub-pr-7", "remote:edge-wavelength-bos-pr-7"],
    });
    const all = Object.values(reads).flat();
    expect(all.length).toBeGreaterThan(0);
    for (const read of all) expect(read).toMatch(/^remote:edge-[a-z0-9-]+-pr-7$/);
  });
});
