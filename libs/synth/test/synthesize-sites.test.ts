import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Annotations, TerraformProvider } from "cdktf";
import { defineSite, shippedEnvironmentNames } from "@edge/core";
import { synthesizeSites } from "../src";
import { FIXTURE_CATALOG } from "@edge/core/testing";
import { clean, good, passAll, site, stubPack, treeHash } from "./support/fixtures";

describe("synthesizeSites", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-synth-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("synthesizes every shipped environment of the catalog when none is named", () => {
    expect(shippedEnvironmentNames(FIXTURE_CATALOG)).toEqual(["dev", "staging", "prod"]);
  });

  it("writes one stack per site and environment and reports each", () => {
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() });
    expect(result).toEqual({
      ok: true,
      notes: [],
      stacks: ["dev", "staging", "prod"].map((env) => ({
        stack: `alpha-${env}`,
        site: "alpha",
        environment: env,
        resources: 1,
        state: env === "dev" ? `state/alpha/dev.tfstate` : `app.terraform.io/edge-blueprints/edge-alpha-${env}`,
        output: `cdktf.out/stacks/alpha-${env}/cdk.tf.json`,
        policy: { errors: 0, warnings: 1, suppressed: 2 },
        findings: ["warning EDGE-X-9 aws_subnet.subnet: probe subnet"],
        paths: { workloads: 0, needs: 0, proven: 0, missing: 0, unneeded: 0 },
        notes: [],
        warnings: [],
      })),
    });
    expect(fs.readdirSync(path.join(root, "cdktf.out", "stacks")).sort()).toEqual(["alpha-dev", "alpha-prod", "alpha-staging"]);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out"]); // no temp dir or lock left behind
  });

  it("resolves each stack once: reachability and the table read the JSON cdktf wrote", () => {
    // Every resolution of a stack asks its provider for the provider block once (cdktf's own
    // prepareStack and toTerraform would ask twice).
    const resolve = jest.spyOn(TerraformProvider.prototype, "toTerraform");
    try {
      const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() });
      expect(result.ok && result.stacks.map((s) => [s.stack, s.resources])).toEqual([
        ["alpha-dev", 1],
        ["alpha-staging", 1],
        ["alpha-prod", 1],
      ]);
      // The stub pack resolves nothing: the one resolution per stack is cdktf writing cdk.tf.json.
      expect(resolve).toHaveBeenCalledTimes(3);
    } finally {
      resolve.mockRestore();
    }
  });

  it("leaves the previous cdktf.out byte-for-byte intact when any site has bad input, and reports every error", () => {
    expect(synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() }).ok).toBe(true);
    const before = treeHash(path.join(root, "cdktf.out"));
    const bad = site("beta", { dev: "10.0.3.1/24", staging: "nonsense", prod: "10.0.5.0/24" });
    const result = synthesizeSites([good, bad], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.split("\n")[0])).toEqual([
      "beta-dev: error EDGE_CIDR_INVALID at environments.dev.cidr",
      "beta-staging: error EDGE_CIDR_INVALID at environments.staging.cidr",
    ]);
    expect(treeHash(path.join(root, "cdktf.out"))).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out"]);
  });

  it("synthesizes an ad-hoc environment from dev's config into its own stack and state", () => {
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["feature-42"], policy: passAll() });
    expect(result).toMatchObject({ ok: true, stacks: [{ stack: "alpha-feature-42", state: "state/alpha/feature-42.tfstate" }] });
  });

  it("writes the extra files a caller asks for beside cdk.tf.json", () => {
    const result = synthesizeSites([good], {
      repoRoot: root, catalog: FIXTURE_CATALOG,
      environments: ["dev"],
      policy: passAll(),
      extraFiles: (stack) => ({ "extra.json": `{"stack":"${stack.node.id}"}\n` }),
    });
    expect(result.ok).toBe(true);
    expect(fs.readdirSync(path.join(root, "cdktf.out", "stacks", "alpha-dev")).sort()).toEqual(["cdk.tf.json", "extra.json", "paths.json", "policy.json"]);
    expect(fs.readFileSync(path.join(root, "cdktf.out", "stacks", "alpha-dev", "extra.json"), "utf8")).toBe('{"stack":"alpha-dev"}\n');
  });

  it("carries the site's notes and its constructs' warnings into the summary", () => {
    const noted = defineSite({
      ...good,
      build(stack, config, configPath) {
        good.build(stack, config, configPath);
        stack.note(`${stack.node.id}: plan line one\nplan line two`);
        Annotations.of(stack.node.findChild("subnet")).addWarning("opt-in is checked at plan time");
      },
    });
    const result = synthesizeSites([noted], { repoRoot: root, catalog: FIXTURE_CATALOG, environments: ["dev"], policy: passAll() });
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.stacks[0].notes).toEqual(["alpha-dev: plan line one\nplan line two"]);
    expect(result.stacks[0].warnings).toEqual(["alpha-dev/subnet: opt-in is checked at plan time"]);
  });
});

describe("synthesizeSites and the policy pack it is given", () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "edge-policy-"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("attaches the pack to every EdgeStack, writes each report beside cdk.tf.json and returns the counts", () => {
    const pack = stubPack(clean);
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: pack });
    expect(pack.attached).toEqual(["alpha-dev", "alpha-staging", "alpha-prod"]);
    expect(result.ok && result.stacks.map((s) => [s.stack, s.policy])).toEqual(
      ["dev", "staging", "prod"].map((env) => [`alpha-${env}`, { errors: 0, warnings: 1, suppressed: 2 }]),
    );
    const report = fs.readFileSync(path.join(root, "cdktf.out", "stacks", "alpha-dev", "policy.json"), "utf8");
    expect(report).toBe('{\n  "stack": "alpha-dev",\n  "results": []\n}\n');
  });

  it("fails on any unsuppressed error, prints every one with its stack, and leaves cdktf.out as it was", () => {
    expect(synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: passAll() }).ok).toBe(true);
    const before = treeHash(path.join(root, "cdktf.out"));
    const failing = stubPack((stack) =>
      stack === "alpha-staging"
        ? { summary: { errors: 2, warnings: 0, suppressed: 0 }, failures: ["error EDGE-X-1 at a.b", "error EDGE-X-2 at c.d"], report: {} }
        : clean(stack),
    );
    const result = synthesizeSites([good], { repoRoot: root, catalog: FIXTURE_CATALOG, mode: "full", policy: failing });
    expect(result).toEqual({ ok: false, errors: ["alpha-staging: error EDGE-X-1 at a.b", "alpha-staging: error EDGE-X-2 at c.d"] });
    expect(treeHash(path.join(root, "cdktf.out"))).toEqual(before);
    expect(fs.readdirSync(root).sort()).toEqual(["cdktf.out"]);
  });

  it("treats a stack the pack did not check as an error", () => {
    const result = synthesizeSites([good], {
      repoRoot: root, catalog: FIXTURE_CATALOG,
      mode: "full",
      policy: stubPack((stack) => (stack === "alpha-dev" ? undefined : clean(stack))),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      [
        "alpha-dev: error EDGE_POLICY_NOT_RUN at alpha-dev",
        "  stub-pack did not check this stack",
        "  fix:   pass stub-pack to the synth runner before the stacks are created, and do not skip validations",
      ].join("\n"),
    ]);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
